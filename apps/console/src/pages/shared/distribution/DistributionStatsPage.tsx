import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Skeleton, Statistic, Table } from 'antd';
import { useMemo } from 'react';
import { api, must, problemTitle } from '../../../api/client.ts';
import { Chart } from '../../../components/Chart.tsx';
import type { ChartOption } from '../../../components/echarts.ts';
import { yuan } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';

/** 分销数据: commission recorded, pending, settled and reversed; the last 30 days; top products and promoters. */
export default function DistributionStatsPage({ as }: { as: 'merchant' | 'platform' }) {
  const t = useT();
  const stats = useQuery({
    queryKey: ['distribution', as, 'stats'],
    queryFn: () =>
      as === 'merchant'
        ? must(api.GET('/api/v1/merchant/distribution/stats'))
        : must(api.GET('/api/v1/admin/distribution/stats')),
  });
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('佣金（元）'), t('订单数')] },
      grid: { left: 48, right: 48, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: (stats.data?.daily ?? []).map((d) => d.day.slice(5)) },
      yAxis: [
        { type: 'value', name: t('元') },
        { type: 'value', name: t('单'), minInterval: 1 },
      ],
      series: [
        { name: t('佣金（元）'), type: 'bar', data: (stats.data?.daily ?? []).map((d) => d.commission / 100) },
        { name: t('订单数'), type: 'line', yAxisIndex: 1, data: (stats.data?.daily ?? []).map((d) => d.orders) },
      ],
    }),
    [stats.data, t],
  );
  if (stats.isError) return <Alert type="error" showIcon role="alert" title={problemTitle(stats.error)} />;
  const s = stats.data;
  return (
    <>
      <PageHeader
        title={as === 'merchant' ? t('分销数据') : t('全平台分销')}
        subtitle={t('按推广链接成交的订单行计算；待结算 = 已付款未过退货期，已退回 = 因退款冲回的佣金。')}
      />
      {!s ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {[
              [t('推广成交订单'), String(s.totals.orders)],
              [t('推广者'), String(s.totals.promoters)],
              [t('推广成交额'), yuan(s.totals.gmv)],
              [t('待结算佣金'), yuan(s.totals.pending)],
              [t('已结算佣金'), yuan(s.totals.settled)],
              [t('退款冲回'), yuan(s.totals.reversed)],
            ].map(([label, value]) => (
              <Col key={label} xs={12} md={8} xl={4}>
                <Card size="small">
                  <Statistic title={label} value={value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card title={t('近 30 天')} style={{ marginBottom: 16 }}>
            {s.daily.length === 0 ? (
              <Alert type="info" title={t('近 30 天没有推广成交')} />
            ) : (
              <Chart option={option} label={t('近 30 天每日推广佣金与订单数')} testId="distribution-daily" />
            )}
          </Card>
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <Card title={t('推广商品 Top 10')}>
                <Table
                  rowKey="productId"
                  size="small"
                  pagination={false}
                  dataSource={s.topProducts}
                  locale={{ emptyText: t('暂无数据') }}
                  columns={[
                    {
                      title: t('商品'),
                      dataIndex: 'title',
                      key: 'title',
                      render: (v: string) => <span className="cell-wrap">{v}</span>,
                    },
                    { title: t('订单'), dataIndex: 'orders', key: 'orders', align: 'right' },
                    { title: t('成交额'), key: 'gmv', align: 'right', render: (_, r) => yuan(r.gmv) },
                    { title: t('佣金'), key: 'commission', align: 'right', render: (_, r) => yuan(r.commission) },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t('推广者 Top 10')}>
                <Table
                  rowKey={(r) => `${r.nickname}-${r.commission}-${r.orders}`}
                  size="small"
                  pagination={false}
                  dataSource={s.topPromoters}
                  locale={{ emptyText: t('暂无数据') }}
                  columns={[
                    { title: t('推广者'), dataIndex: 'nickname', key: 'nickname' },
                    { title: t('订单'), dataIndex: 'orders', key: 'orders', align: 'right' },
                    { title: t('成交额'), key: 'gmv', align: 'right', render: (_, r) => yuan(r.gmv) },
                    { title: t('佣金'), key: 'commission', align: 'right', render: (_, r) => yuan(r.commission) },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
