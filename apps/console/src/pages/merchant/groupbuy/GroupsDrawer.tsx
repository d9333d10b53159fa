import { Drawer, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { CursorTable, useCursorList } from '../../../components/CursorTable.tsx';
import { dateTime } from '../../../components/format.ts';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useT } from '../../../i18n/index.tsx';
import {
  campaignKeys,
  fetchGroups,
  GROUP_STATUS,
  type GroupBuyCampaign,
  type GroupStatus,
  type StaffGroup,
} from './api.ts';

/** The groups of one campaign with their real members and each member's order. */
export function GroupsDrawer({
  campaign,
  onClose,
  orderLinks,
}: {
  campaign: GroupBuyCampaign | null;
  onClose: () => void;
  orderLinks: boolean;
}) {
  const t = useT();
  const [status, setStatus] = useState<GroupStatus | 'all'>('all');
  const list = useCursorList(
    campaignKeys.groups(campaign?.id ?? '', status),
    (cursor) => fetchGroups(campaign!.id, status === 'all' ? undefined : status, cursor),
    Boolean(campaign),
  );
  return (
    <Drawer
      open={Boolean(campaign)}
      onClose={onClose}
      size="large"
      title={campaign ? t('「{title}」的团', { title: campaign.title }) : ''}
    >
      <Segmented<GroupStatus | 'all'>
        value={status}
        onChange={setStatus}
        options={[
          { value: 'all', label: t('全部') },
          ...(['open', 'succeeded', 'failed', 'pending', 'abandoned'] as const).map((s) => ({
            value: s,
            label: t(GROUP_STATUS[s].label),
          })),
        ]}
        style={{ marginBottom: 16 }}
      />
      <CursorTable<StaffGroup>
        list={list}
        rowKey="id"
        caption={t('团列表')}
        empty={t('还没有团')}
        columns={[
          { title: t('团长'), key: 'leader', render: (_, g) => g.leaderNickname },
          {
            title: t('状态'),
            key: 'status',
            render: (_, g) => (
              <StatusTag color={GROUP_STATUS[g.status].color}>{t(GROUP_STATUS[g.status].label)}</StatusTag>
            ),
          },
          { title: t('已付 / 人数'), key: 'paid', render: (_, g) => `${g.paidCount} / ${g.size}` },
          { title: t('截止'), key: 'expires', render: (_, g) => dateTime(g.expiresAt) },
        ]}
        expandable={{
          expandedRowRender: (g) => (
            <Table
              size="small"
              rowKey="orderId"
              pagination={false}
              dataSource={g.members}
              columns={[
                {
                  title: t('成员'),
                  key: 'n',
                  render: (_, m) => (
                    <Space>
                      {m.nickname}
                      {m.isLeader ? <Tag color="red">{t('团长')}</Tag> : null}
                    </Space>
                  ),
                },
                {
                  title: t('席位'),
                  key: 's',
                  render: (_, m) =>
                    t(
                      m.status === 'paid'
                        ? '已付款'
                        : m.status === 'reserved'
                          ? '待付款'
                          : m.status === 'refunding'
                            ? '退款中'
                            : m.status === 'refunded'
                              ? '已退款'
                              : '已释放',
                    ),
                },
                {
                  title: t('订单'),
                  key: 'o',
                  render: (_, m) =>
                    orderLinks ? (
                      <Link to={`/merchant/orders/${m.orderId}`}>{m.orderNo}</Link>
                    ) : (
                      <Typography.Text copyable>{m.orderNo}</Typography.Text>
                    ),
                },
                { title: t('售后'), key: 'r', render: (_, m) => (m.refundedAfterSuccess ? t('成团后已退款') : '—') },
              ]}
            />
          ),
        }}
      />
    </Drawer>
  );
}
