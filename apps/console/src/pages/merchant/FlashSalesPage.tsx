import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Popconfirm, Progress, Space, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { api, must, problemTitle } from '../../api/client.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';
import { flashKeys, useFlashSales, type FlashSlot } from './flashsale/api.ts';
import { SLOT_STATE, soldPercent, TIER_NAME } from './flashsale/labels.ts';
import { useMerchantCommunities } from './community/api.ts';

/** 秒杀活动: the shop's slots, newest start first, with their state, sales so far, monitor and cancel. */
export default function FlashSalesPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const list = useFlashSales(merchantId);
  const communities = useMerchantCommunities();
  const communityNames = new Map((communities.data ?? []).map((c) => [c.id, c.name]));

  const cancel = useMutation({
    mutationFn: (saleId: string) =>
      must(api.POST('/api/v1/merchant/flash-sales/{saleId}/cancel', { params: { path: { saleId } } })),
    onSuccess: (slot) => {
      notify.success(t('已取消「{title}」，库存已退回', { title: slot.title }));
      void qc.invalidateQueries({ queryKey: flashKeys.list(merchantId) });
    },
    onError: notify.error,
  });

  const columns: TableColumnsType<FlashSlot> = [
    {
      title: t('场次'),
      key: 'title',
      render: (_, s) => (
        <div className="cell-wrap" style={{ minWidth: 200, maxWidth: 380 }}>
          <Link to={`/merchant/flash-sales/${s.saleId}`}>{s.title}</Link>
          {s.memberEarlyAccess && (
            <span style={{ marginLeft: 8 }}>
              <StatusTag color="gold" testId="flash-member-early-tag">
                {t('会员优先购')}
              </StatusTag>
            </span>
          )}
          {s.minTier && (
            <span style={{ marginLeft: 8 }}>
              <StatusTag color="magenta" testId="flash-min-tier-tag">
                {t('{name}及以上专享', { name: t(TIER_NAME[s.minTier]) })}
              </StatusTag>
            </span>
          )}
          {s.communityId && (
            <span style={{ marginLeft: 8 }}>
              <StatusTag color="cyan" testId="flash-community-tag">
                {communityNames.get(s.communityId)
                  ? t('社群专享：{name}', { name: communityNames.get(s.communityId)! })
                  : t('社群专享')}
              </StatusTag>
            </span>
          )}
          <Typography.Text type="secondary" ellipsis={{ tooltip: true }} style={{ display: 'block', fontSize: 12 }}>
            {s.items.map((i) => i.title).join('、')}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('时间'),
      key: 'time',
      render: (_, s) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {dateTime(s.startsAt)}
          <br />
          {t('至')} {dateTime(s.endsAt)}
        </span>
      ),
    },
    {
      title: t('状态'),
      key: 'state',
      render: (_, s) => (
        <StatusTag color={SLOT_STATE[s.state].color} testId="flash-state">
          {t(SLOT_STATE[s.state].label)}
        </StatusTag>
      ),
    },
    { title: t('商品数'), key: 'items', align: 'right', render: (_, s) => s.items.length },
    {
      title: t('已抢 / 总量'),
      key: 'sold',
      render: (_, s) => {
        const sold = s.items.reduce((n, i) => n + i.sold, 0);
        const quantity = s.items.reduce((n, i) => n + i.quantity, 0);
        return (
          <div style={{ minWidth: 180 }}>
            {sold} / {quantity}
            <div>
              <Progress
                percent={soldPercent(sold, quantity)}
                showInfo={false}
                size={{ width: 160, height: 6 }}
                strokeColor="#c41d3a"
                aria-label={t('已抢比例')}
              />
            </div>
          </div>
        );
      },
    },
    {
      title: t('操作'),
      key: 'actions',
      render: (_, s) => (
        <Space size="small">
          <Link to={`/merchant/flash-sales/${s.saleId}`}>{s.state === 'live' ? t('实时监控') : t('查看')}</Link>
          {s.state === 'upcoming' ? (
            <Popconfirm
              title={t('取消「{title}」？', { title: s.title })}
              description={t('场次从秒杀频道撤下，划出的秒杀库存退回商品。')}
              okText={t('取消场次')}
              cancelText={t('再想想')}
              okButtonProps={{ danger: true }}
              onConfirm={() => cancel.mutate(s.saleId)}
            >
              <Button
                size="small"
                danger
                loading={cancel.isPending && cancel.variables === s.saleId}
                data-testid="flash-cancel"
              >
                {t('取消场次')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('秒杀活动')}
        subtitle={t('秒杀数量在创建时从规格库存中划出，场次结束后未售出的退回库存。')}
        extra={
          <Link to="/merchant/flash-sales/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="flash-create">
              {t('创建秒杀')}
            </Button>
          </Link>
        }
      />
      <Card>
        {list.isError ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={problemTitle(list.error)}
            action={<Button onClick={() => void list.refetch()}>{t('重试')}</Button>}
          />
        ) : (
          <Table<FlashSlot>
            rowKey="saleId"
            columns={columns}
            dataSource={list.data ?? []}
            loading={list.isPending}
            pagination={false}
            locale={{ emptyText: t('还没有秒杀场次，点击「创建秒杀」安排第一场') }}
            scroll={{ x: 'max-content' }}
            onRow={(s) =>
              ({ 'data-testid': 'flash-row', 'data-sale-id': s.saleId }) as React.HTMLAttributes<HTMLElement>
            }
          />
        )}
        {list.data && list.data.length >= 100 ? (
          <Typography.Text type="secondary">{t('只显示最近 100 个场次')}</Typography.Text>
        ) : null}
      </Card>
    </>
  );
}
