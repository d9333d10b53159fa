import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Segmented, Skeleton, Statistic, Tag } from 'antd';
import { useState } from 'react';
import { api, must, problemTitle } from '../../../api/client.ts';
import { Chart } from '../../../components/Chart.tsx';
import { CursorTable, useCursorList } from '../../../components/CursorTable.tsx';
import { dateTime, yuan } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { type Audience, type Customer, SEGMENT_COLOR, SEGMENT_LABEL, type Segment } from './labels.ts';
import { RulesCard } from './RulesCard.tsx';

/** 用户运营 (operators, every shopper) and 老客运营 (a merchant's own customers): segments, customers, automation. */
export default function LifecyclePage({ as }: { as: Audience }) {
  const t = useT();
  const overview = useQuery({
    queryKey: ['lifecycle', as, 'overview'],
    queryFn: () =>
      as === 'platform'
        ? must(api.GET('/api/v1/admin/lifecycle/overview'))
        : must(api.GET('/api/v1/merchant/lifecycle/overview')),
  });
  const [filter, setFilter] = useState<Segment | 'all' | 'warning'>('all');
  const customers = useCursorList<Customer>(['lifecycle', as, 'customers', filter], (cursor) => {
    const params = {
      query: {
        limit: 20,
        ...(cursor ? { cursor } : {}),
        ...(filter === 'warning' ? { warning: 'true' as const } : filter === 'all' ? {} : { segment: filter }),
      },
    };
    return as === 'platform'
      ? must(api.GET('/api/v1/admin/lifecycle/customers', { params }))
      : must(api.GET('/api/v1/merchant/lifecycle/customers', { params }));
  });
  const o = overview.data;
  return (
    <>
      <PageHeader
        title={as === 'platform' ? t('用户运营') : t('老客运营')}
        subtitle={t(
          '按购买频次、消费金额与互动把客户分为新客 / 活跃 / 忠诚 / 流失，每 5 分钟及每次付款后重算；自动化规则按分层触达，带频控、免打扰、退订与对照组。',
        )}
      />
      {overview.isError ? (
        <Alert type="error" showIcon role="alert" title={problemTitle(overview.error)} style={{ marginBottom: 16 }} />
      ) : !o ? (
        <Card style={{ marginBottom: 16 }}>
          <Skeleton active />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="segment-counts">
            {o.segments.map((s) => (
              <Col key={s.segment} xs={12} md={8} xl={4}>
                <Card>
                  <Statistic title={t(SEGMENT_LABEL[s.segment])} value={s.users} groupSeparator="," />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={8} xl={4}>
              <Card>
                <Statistic
                  title={t('流失预警')}
                  value={o.churnWarnings}
                  valueStyle={o.churnWarnings > 0 ? { color: '#cf1322' } : undefined}
                />
              </Card>
            </Col>
          </Row>
          <Card title={t('分层变化（近 30 天，每日）')} style={{ marginBottom: 16 }}>
            {o.history.length === 0 ? (
              <Empty description={t('还没有计算过分层，首次计算后这里显示每日分布')} />
            ) : (
              <Chart
                label={t('分层变化（近 30 天，每日）')}
                testId="segment-history"
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { data: (['new', 'active', 'loyal', 'churned'] as const).map((s) => t(SEGMENT_LABEL[s])) },
                  grid: { left: 48, right: 24, top: 40, bottom: 32 },
                  xAxis: { type: 'category', data: o.history.map((h) => h.day.slice(5)) },
                  yAxis: { type: 'value', minInterval: 1, name: t('人') },
                  series: (['new', 'active', 'loyal', 'churned'] as const).map((s) => ({
                    name: t(SEGMENT_LABEL[s]),
                    type: 'bar',
                    stack: 'segments',
                    itemStyle: { color: SEGMENT_COLOR[s] },
                    data: o.history.map((h) => h[s]),
                  })),
                }}
              />
            )}
            <div style={{ marginTop: 8, color: '#888' }}>
              {t(
                '阈值：统计近 {window} 天；≥{active} 单为活跃，≥{loyal} 单且消费 ≥{amount} 为忠诚，{churn} 天未购为流失。最近计算：{at}',
                {
                  window: o.thresholds.windowDays,
                  active: o.thresholds.activeOrders,
                  loyal: o.thresholds.loyalOrders,
                  amount: yuan(o.thresholds.loyalAmount),
                  churn: o.thresholds.churnDays,
                  at: dateTime(o.computedAt),
                },
              )}
              {o.transitions.length > 0 &&
                ` · ${t('近 30 天迁移')}：${o.transitions
                  .map((m) => `${t(SEGMENT_LABEL[m.from])}→${t(SEGMENT_LABEL[m.to])} ${m.users}`)
                  .join('，')}`}
            </div>
          </Card>
        </>
      )}

      <RulesCard as={as} />

      <Card title={t('客户列表')} style={{ marginTop: 16 }}>
        <Segmented
          style={{ marginBottom: 12 }}
          value={filter}
          onChange={(v) => setFilter(v as typeof filter)}
          options={[
            { label: t('全部'), value: 'all' },
            ...(['new', 'active', 'loyal', 'churned'] as const).map((s) => ({ label: t(SEGMENT_LABEL[s]), value: s })),
            { label: t('流失预警'), value: 'warning' },
          ]}
        />
        <CursorTable<Customer>
          list={customers}
          caption={t('客户列表')}
          empty={t('还没有客户：有人注册或下单后会出现在这里')}
          rowKey="userId"
          size="small"
          columns={[
            { title: t('昵称'), dataIndex: 'nickname' },
            { title: t('手机号'), dataIndex: 'phone' },
            {
              title: t('分层'),
              dataIndex: 'segment',
              render: (s: Segment) => <Tag color={SEGMENT_COLOR[s]}>{t(SEGMENT_LABEL[s])}</Tag>,
            },
            { title: t('健康分'), dataIndex: 'health', align: 'right' },
            {
              title: t('流失预警'),
              dataIndex: 'churnWarning',
              render: (w: boolean) => (w ? <Tag color="red">{t('预警')}</Tag> : '—'),
            },
            { title: t('订单数'), dataIndex: 'orders', align: 'right' },
            { title: t('消费金额'), dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
            { title: t('最近购买'), dataIndex: 'lastPaidAt', render: (v: string | null) => dateTime(v) },
            { title: t('近 30 天互动'), dataIndex: 'interactions', align: 'right' },
            { title: t('分享带单'), dataIndex: 'influence', align: 'right' },
          ]}
        />
      </Card>
    </>
  );
}
