import { PlusOutlined, SafetyCertificateOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Card, Popconfirm, Space, Typography, type TableColumnsType } from 'antd';
import { useContext, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { MerchantScope } from '../../../app/merchantScope.ts';
import { CursorTable, useCursorList } from '../../../components/CursorTable.tsx';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime, yuan } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useT } from '../../../i18n/index.tsx';
import { ROLE_LABEL, STATUS_TAG } from './abilities.ts';
import { liveCall, liveKeys, livePaths } from './api.ts';
import { fetchSessions } from './queries.ts';
import type { LiveSessionRow } from './types.ts';

/**
 * 直播管理: the shop's sessions and those where the caller holds a role, newest first, with status, time, viewers
 * and GMV, and the way into each. A 主播 / 场控 / 客服 / 数据 who is not merchant staff sees only their sessions.
 */
export default function LiveSessionsPage() {
  const t = useT();
  const merchantId = useContext(MerchantScope);
  const qc = useQueryClient();
  const notify = useNotify();
  const list = useCursorList(liveKeys.list(merchantId), fetchSessions);

  const cancel = useMutation({
    mutationFn: (id: string) => liveCall<LiveSessionRow>('POST', `${livePaths.session(id)}/cancel`),
    onSuccess: () => {
      notify.success(t('已取消直播'));
      void qc.invalidateQueries({ queryKey: ['live', merchantId] });
    },
    onError: notify.error,
  });

  const columns: TableColumnsType<LiveSessionRow> = [
    {
      title: t('直播'),
      key: 'title',
      render: (_, s) => (
        <Space>
          <Avatar shape="square" size={48} src={s.coverUrl ?? undefined} icon={<VideoCameraOutlined />} alt="" />
          <div className="cell-wrap" style={{ minWidth: 180, maxWidth: 320 }}>
            {s.status === 'cancelled' ? s.title : <Link to={linkOf(s)}>{s.title}</Link>}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('{n} 件商品', { n: s.productCount })}
            </Typography.Text>
          </div>
        </Space>
      ),
    },
    {
      title: t('主播'),
      key: 'host',
      render: (_, s) => (
        <>
          {s.host.nickname}
          {s.role && s.role !== 'owner' ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('我的角色：{role}', { role: t(ROLE_LABEL[s.role] as '商家') })}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      title: t('开播时间'),
      key: 'time',
      render: (_, s) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {dateTime(s.startedAt ?? s.scheduledAt)}
          {s.endedAt ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('结束于 {time}', { time: dateTime(s.endedAt) })}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    {
      title: t('状态'),
      key: 'status',
      render: (_, s) => (
        <StatusTag color={STATUS_TAG[s.status].color} testId="live-status">
          {t(STATUS_TAG[s.status].label)}
        </StatusTag>
      ),
    },
    {
      title: t('在线 / 峰值'),
      key: 'viewers',
      align: 'right',
      render: (_, s) =>
        s.status === 'live'
          ? `${s.viewerCount} / ${s.peakViewers ?? '—'}`
          : s.status === 'ended'
            ? (s.peakViewers ?? '—')
            : '—',
    },
    {
      title: t('成交额'),
      key: 'gmv',
      align: 'right',
      render: (_, s) => (s.status === 'live' || s.status === 'ended' ? yuan(s.gmv) : '—'),
    },
    {
      title: t('操作'),
      key: 'actions',
      render: (_, s) => (
        <Space size="small" wrap={false}>
          {/* Cancelling belongs to the merchant (manage); a role holder only gets the way in. */}
          {s.status === 'scheduled' || s.status === 'live' ? (
            <Link to={`/merchant/live/${s.id}/control`}>{t('控制台')}</Link>
          ) : null}
          {s.status === 'live' ? <Link to={`/merchant/live/${s.id}/dashboard`}>{t('数据大屏')}</Link> : null}
          {s.status === 'ended' ? <Link to={`/merchant/live/${s.id}/report`}>{t('复盘报告')}</Link> : null}
          {s.status === 'scheduled' && s.role === 'owner' ? (
            <Popconfirm
              title={t('取消「{title}」？', { title: s.title })}
              description={t('已订阅开播提醒的观众不会再收到提醒。')}
              okText={t('取消直播')}
              cancelText={t('再想想')}
              okButtonProps={{ danger: true }}
              onConfirm={() => cancel.mutate(s.id)}
            >
              <Button size="small" danger loading={cancel.isPending && cancel.variables === s.id}>
                {t('取消直播')}
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
        title={t('直播管理')}
        subtitle={t('安排直播、设置主播和助手，开播后在控制台置顶商品、抽奖、投票和秒杀。')}
        extra={
          merchantId ? (
            <>
              <Link to="/merchant/live/qualification">
                <Button icon={<SafetyCertificateOutlined />}>{t('主播资质')}</Button>
              </Link>
              <Link to="/merchant/live/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="live-create">
                  {t('创建直播')}
                </Button>
              </Link>
            </>
          ) : null
        }
      />
      <Card>
        <CursorTable<LiveSessionRow>
          list={list}
          rowKey="id"
          columns={columns}
          caption={t('直播列表')}
          empty={merchantId ? t('还没有直播，点击「创建直播」安排第一场') : t('还没有你担任主播或助手的直播')}
          onRow={(s) => ({ 'data-testid': 'live-row', 'data-session-id': s.id }) as HTMLAttributes<HTMLElement>}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </>
  );
}

const linkOf = (s: LiveSessionRow) =>
  s.status === 'ended' ? `/merchant/live/${s.id}/report` : `/merchant/live/${s.id}/control`;
