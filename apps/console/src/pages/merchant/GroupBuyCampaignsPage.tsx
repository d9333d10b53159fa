import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Popconfirm, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { api, must } from '../../api/client.ts';
import { CursorTable, useCursorList } from '../../components/CursorTable.tsx';
import { useNotify } from '../../components/feedback.ts';
import { dateTime, yuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';
import {
  type BargainCampaign,
  campaignKeys,
  fetchBargains,
  fetchGroupBuys,
  type GroupBuyCampaign,
} from './groupbuy/api.ts';
import { CreateCampaignModal } from './groupbuy/CreateCampaignModal.tsx';
import { GroupsDrawer } from './groupbuy/GroupsDrawer.tsx';

const stateOf = (c: { live: boolean; status: string; endsAt: string }) =>
  c.live
    ? { label: '进行中' as const, color: 'success' }
    : c.status === 'stopped'
      ? { label: '已结束' as const, color: 'default' }
      : Date.parse(c.endsAt) < Date.now()
        ? { label: '已结束' as const, color: 'default' }
        : { label: '未开始' as const, color: 'processing' };

/** 拼团 / 砍价: the shop's campaigns (an operator sees every shop's), their groups and bargains, create and stop. */
export default function GroupBuyCampaignsPage({ platform = false }: { platform?: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [creating, setCreating] = useState<'group-buy' | 'bargain' | null>(null);
  const [watching, setWatching] = useState<GroupBuyCampaign | null>(null);
  const scope = platform ? 'platform' : 'merchant';
  const groupBuys = useCursorList(campaignKeys.groupBuys(scope), fetchGroupBuys);
  const bargains = useCursorList(campaignKeys.bargains(scope), fetchBargains);
  const stop = useMutation({
    mutationFn: async ({ kind, id }: { kind: 'group-buy' | 'bargain'; id: string }): Promise<{ title: string }> =>
      kind === 'group-buy'
        ? must(api.POST('/api/v1/merchant/group-buy/campaigns/{id}/stop', { params: { path: { id } } }))
        : must(api.POST('/api/v1/merchant/bargain/campaigns/{id}/stop', { params: { path: { id } } })),
    onSuccess: (c) => {
      notify.success(t('已结束「{title}」', { title: c.title }));
      void qc.invalidateQueries({ queryKey: ['campaigns'] });
    },
    onError: notify.error,
  });
  const stopButton = (kind: 'group-buy' | 'bargain', c: { id: string; title: string; live: boolean }) =>
    !platform && c.live ? (
      <Popconfirm
        title={t('提前结束「{title}」？', { title: c.title })}
        description={
          kind === 'group-buy'
            ? t('不再开新团；已开的团照常进行到成团或超时退款。')
            : t('不再发起新砍价；进行中的砍价到期前仍可购买。')
        }
        okText={t('结束活动')}
        cancelText={t('再想想')}
        onConfirm={() => stop.mutate({ kind, id: c.id })}
      >
        <Button size="small" danger>
          {t('结束活动')}
        </Button>
      </Popconfirm>
    ) : null;
  const product = (c: GroupBuyCampaign | BargainCampaign) => (
    <div style={{ minWidth: 200 }}>
      <Typography.Text strong>{c.title}</Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {platform ? `${c.merchantName} · ` : ''}
        {c.productTitle} {c.specText}
      </Typography.Text>
    </div>
  );

  return (
    <>
      <PageHeader
        title={t('拼团 / 砍价')}
        subtitle={t(
          '拼团：凑满人数才发货，超时未成团自动原路退款；砍价：好友每人帮砍一次，砍到底价所需次数固定。成员均为真实用户。',
        )}
        extra={
          platform ? null : (
            <>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating('group-buy')}
                data-testid="create-group-buy"
              >
                {t('创建拼团')}
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => setCreating('bargain')} data-testid="create-bargain">
                {t('创建砍价')}
              </Button>
            </>
          )
        }
      />
      <Card>
        <Tabs
          items={[
            {
              key: 'group-buy',
              label: t('拼团活动'),
              children: (
                <CursorTable<GroupBuyCampaign>
                  list={groupBuys}
                  rowKey="id"
                  caption={t('拼团活动')}
                  empty={t('还没有拼团活动')}
                  scroll={{ x: 'max-content' }}
                  columns={[
                    { title: t('活动'), key: 'title', render: (_, c) => product(c) },
                    {
                      title: t('拼团价 / 原价'),
                      key: 'price',
                      render: (_, c) => `${yuan(c.groupPrice)} / ${yuan(c.skuPrice)}`,
                    },
                    { title: t('人数'), key: 'size', render: (_, c) => t('{n} 人团', { n: c.groupSize }) },
                    {
                      title: t('状态'),
                      key: 'state',
                      render: (_, c) => <StatusTag color={stateOf(c).color}>{t(stateOf(c).label)}</StatusTag>,
                    },
                    {
                      title: t('拼团中 / 已成团 / 未成团'),
                      key: 'groups',
                      render: (_, c) => `${c.groups.open} / ${c.groups.succeeded} / ${c.groups.failed}`,
                    },
                    {
                      title: t('活动时间'),
                      key: 'time',
                      render: (_, c) => (
                        <span style={{ whiteSpace: 'nowrap' }}>
                          {dateTime(c.startsAt)}
                          <br />
                          {t('至')} {dateTime(c.endsAt)}
                        </span>
                      ),
                    },
                    {
                      title: t('操作'),
                      key: 'actions',
                      // Pinned to the right edge: at 1440 px the wide columns pushed it out of view.
                      fixed: 'right',
                      render: (_, c) => (
                        <Space wrap={false}>
                          <Button size="small" onClick={() => setWatching(c)} data-testid="watch-groups">
                            {t('查看团')}
                          </Button>
                          {stopButton('group-buy', c)}
                        </Space>
                      ),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'bargain',
              label: t('砍价活动'),
              children: (
                <CursorTable<BargainCampaign>
                  list={bargains}
                  rowKey="id"
                  caption={t('砍价活动')}
                  empty={t('还没有砍价活动')}
                  scroll={{ x: 'max-content' }}
                  columns={[
                    { title: t('活动'), key: 'title', render: (_, c) => product(c) },
                    {
                      title: t('底价 / 原价'),
                      key: 'price',
                      render: (_, c) => `${yuan(c.floorPrice)} / ${yuan(c.skuPrice)}`,
                    },
                    { title: t('帮砍次数'), key: 'helps', render: (_, c) => c.helpsNeeded },
                    {
                      title: t('状态'),
                      key: 'state',
                      render: (_, c) => <StatusTag color={stateOf(c).color}>{t(stateOf(c).label)}</StatusTag>,
                    },
                    {
                      title: t('砍价中 / 已购买 / 已过期'),
                      key: 'bargains',
                      render: (_, c) =>
                        `${c.bargains.active + c.bargains.ordered} / ${c.bargains.purchased} / ${c.bargains.expired}`,
                    },
                    {
                      title: t('活动时间'),
                      key: 'time',
                      render: (_, c) => (
                        <span style={{ whiteSpace: 'nowrap' }}>
                          {dateTime(c.startsAt)}
                          <br />
                          {t('至')} {dateTime(c.endsAt)}
                        </span>
                      ),
                    },
                    { title: t('操作'), key: 'actions', fixed: 'right', render: (_, c) => stopButton('bargain', c) },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
      {creating ? <CreateCampaignModal kind={creating} open onClose={() => setCreating(null)} /> : null}
      <GroupsDrawer campaign={watching} onClose={() => setWatching(null)} orderLinks={!platform} />
    </>
  );
}
