import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Popconfirm, Progress, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useContext, useState } from 'react';
import { MerchantScope } from '../../../app/merchantScope.ts';
import { CursorTable, useCursorList } from '../../../components/CursorTable.tsx';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime, yuan } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useT } from '../../../i18n/index.tsx';
import { type CouponOwner, type CouponTemplate, couponKeys, fetchTemplates, stopTemplate } from './api.ts';
import { IssueModal } from './IssueModal.tsx';
import { AUDIENCE_LABEL, isOpenEnded, isUnlimitedQuantity, KIND_LABEL, SCOPE_LABEL } from './labels.ts';
import { TemplateFormModal } from './TemplateFormModal.tsx';

/** 优惠券: the owner's templates with honest numbers (issued, in use, returned, paid orders and their discount). */
export default function CouponTemplatesPage({ owner }: { owner: CouponOwner }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const merchantId = useContext(MerchantScope);
  const key = couponKeys.list(owner, owner === 'merchant' ? merchantId : undefined);
  const list = useCursorList<CouponTemplate>(key, (cursor) => fetchTemplates(owner, cursor));
  const [creating, setCreating] = useState(false);
  const [issuing, setIssuing] = useState<CouponTemplate | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const stop = useMutation({
    mutationFn: (id: string) => stopTemplate(owner, id),
    onSuccess: (tpl) => {
      notify.success(t('已停止发放「{name}」', { name: tpl.name }));
      void refresh();
    },
    onError: notify.error,
  });

  const columns: TableColumnsType<CouponTemplate> = [
    {
      title: t('优惠券'),
      key: 'name',
      render: (_, c) => (
        <div style={{ minWidth: 180 }}>
          <Typography.Text strong>{c.name}</Typography.Text>
          <div>
            <Tag color="red">{c.label}</Tag>
            {c.firstOrderOnly && <Tag color="orange">{t('仅限首单')}</Tag>}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(KIND_LABEL[c.kind])} · {t(SCOPE_LABEL[c.scope])} · {t(AUDIENCE_LABEL[c.audience])}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('有效期'),
      key: 'validity',
      render: (_, c) => (
        <span style={{ whiteSpace: 'nowrap', fontSize: 13 }}>
          {c.validDays
            ? t('领取后 {n} 天', { n: c.validDays })
            : `${dateTime(c.validFrom)} ${t('至')} ${dateTime(c.validUntil)}`}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {isOpenEnded(c.claimUntil) ? t('领取不限期') : t('领取截止 {at}', { at: dateTime(c.claimUntil) })}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('已发放 / 发行量'),
      key: 'issued',
      render: (_, c) => (
        <div style={{ minWidth: 120 }}>
          {c.stats.issued} / {isUnlimitedQuantity(c.totalQuantity) ? t('不限') : c.totalQuantity}
          {!isUnlimitedQuantity(c.totalQuantity) && (
            <Progress
              percent={Math.floor((c.stats.issued / c.totalQuantity) * 100)}
              size="small"
              strokeColor="#c41d3a"
              aria-label={t('发放比例')}
            />
          )}
        </div>
      ),
    },
    {
      title: t('使用中 / 已退回'),
      key: 'used',
      align: 'right',
      render: (_, c) => `${c.stats.used} / ${c.stats.returned}`,
    },
    {
      title: t('用券订单 · 优惠金额'),
      key: 'paid',
      align: 'right',
      render: (_, c) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {t('{n} 单', { n: c.stats.paidOrders })} · {yuan(c.stats.paidDiscount)}
        </span>
      ),
    },
    {
      title: t('状态'),
      key: 'status',
      render: (_, c) => (
        <StatusTag color={c.status === 'active' ? 'green' : 'default'}>
          {c.status === 'active' ? t('发放中') : t('已停止')}
        </StatusTag>
      ),
    },
    {
      title: t('操作'),
      key: 'actions',
      render: (_, c) =>
        c.status === 'active' ? (
          <Space size="small">
            {c.audience !== 'new_user' && (
              <Button size="small" onClick={() => setIssuing(c)} data-testid="coupon-issue">
                {t('定向发放')}
              </Button>
            )}
            <Popconfirm
              title={t('停止发放「{name}」？', { name: c.name })}
              description={t('停止后不能再领取或发放，已发出的券在有效期内仍可使用。')}
              okText={t('停止发放')}
              cancelText={t('再想想')}
              okButtonProps={{ danger: true }}
              onConfirm={() => stop.mutate(c.id)}
            >
              <Button size="small" danger loading={stop.isPending && stop.variables === c.id}>
                {t('停止发放')}
              </Button>
            </Popconfirm>
          </Space>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={owner === 'merchant' ? t('店铺优惠券') : t('平台优惠券')}
        subtitle={
          owner === 'merchant'
            ? t('店铺券只抵扣本店商品；发行量和每人限领在并发领取时也不会超发。')
            : t('平台券可跨店使用，按各店适用商品金额分摊；新人礼包与首单立减在这里创建。')
        }
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="coupon-create">
            {t('创建优惠券')}
          </Button>
        }
      />
      <Card>
        <CursorTable<CouponTemplate>
          list={list}
          rowKey="id"
          columns={columns}
          caption={owner === 'merchant' ? t('店铺优惠券') : t('平台优惠券')}
          empty={t('还没有优惠券，点右上角创建')}
          scroll={{ x: 1040 }}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
          {t('用券订单与优惠金额只计已支付且未取消、未全额退款的订单；订单取消或全额退款后券退回买家。')}
        </Typography.Paragraph>
      </Card>
      <TemplateFormModal
        owner={owner}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => void refresh()}
      />
      <IssueModal owner={owner} template={issuing} onClose={() => setIssuing(null)} onIssued={() => void refresh()} />
    </>
  );
}
