import { Alert, Card, Col, Empty, Flex, Input, Row, Segmented, Skeleton, Statistic, Table } from 'antd';
import { useState } from 'react';
import { problemTitle } from '../../api/client.ts';
import { Chart } from '../../components/Chart.tsx';
import { CsvButton } from '../../components/CsvButton.tsx';
import { useT } from '../../i18n/index.tsx';
import { type Audience, beijingDay, pct, useRepurchase, useRetention } from './useInsights.ts';

/** Cohort retention (N-day or weekly) and the repurchase rate of the same period. */
export function RetentionPanel({ audience }: { audience: Audience }) {
  const t = useT();
  const [range, setRange] = useState({ from: beijingDay(30), to: beijingDay(0) });
  const [cohort, setCohort] = useState<'signup' | 'first_purchase'>('first_purchase');
  const [granularity, setGranularity] = useState<'day' | 'week'>('day');
  const [returnOn, setReturnOn] = useState<'active' | 'pay'>('active');
  const q = useRetention(audience, { ...range, cohort, granularity, returnOn });
  const rep = useRepurchase(audience, range);
  const unit = granularity === 'day' ? ('第 {n} 日' as const) : ('第 {n} 周' as const);
  const rows = q.data?.cohorts.map((c) => ({ key: c.cohort, cohort: c.cohort, size: c.size, values: c.values })) ?? [];
  const offsets = q.data?.offsets ?? [];

  return (
    <Flex vertical gap={16}>
      <Flex gap={16} wrap align="center">
        <Input
          type="date"
          aria-label={t('开始日期')}
          style={{ width: 160 }}
          value={range.from}
          onChange={(e) => setRange({ ...range, from: e.target.value })}
        />
        <Input
          type="date"
          aria-label={t('结束日期')}
          style={{ width: 160 }}
          value={range.to}
          onChange={(e) => setRange({ ...range, to: e.target.value })}
        />
        <Segmented
          value={cohort}
          onChange={(v) => setCohort(v as typeof cohort)}
          options={[
            { value: 'first_purchase', label: t('按首次购买分组') },
            ...(audience === 'platform' ? [{ value: 'signup' as const, label: t('按注册分组') }] : []),
          ]}
        />
        <Segmented
          value={granularity}
          onChange={(v) => setGranularity(v as typeof granularity)}
          options={[
            { value: 'day', label: t('按日') },
            { value: 'week', label: t('按周') },
          ]}
        />
        <Segmented
          value={returnOn}
          onChange={(v) => setReturnOn(v as typeof returnOn)}
          options={[
            { value: 'active', label: t('回访即留存') },
            { value: 'pay', label: t('再次购买才算') },
          ]}
        />
      </Flex>
      <Card
        title={t('留存（同期群）')}
        extra={
          <CsvButton
            filename="留存"
            rows={rows}
            columns={[
              { title: t('同期群'), value: (r) => r.cohort },
              { title: t('人数'), value: (r) => r.size },
              ...offsets.map((n, i) => ({
                title: t(unit, { n }),
                value: (r: (typeof rows)[number]) => pct(r.values[i]?.rate),
              })),
            ]}
          />
        }
      >
        {q.isPending ? (
          <Skeleton active />
        ) : q.isError ? (
          <Alert type="error" showIcon role="alert" title={problemTitle(q.error)} />
        ) : rows.length === 0 ? (
          <Empty description={t('这段时间没有新的同期群')} />
        ) : (
          <Table
            size="small"
            data-testid="retention-table"
            dataSource={rows}
            pagination={{ pageSize: 15, hideOnSinglePage: true }}
            columns={[
              { title: t('同期群'), dataIndex: 'cohort' },
              { title: t('人数'), dataIndex: 'size', align: 'right' },
              ...offsets.map((n, i) => ({
                title: t(unit, { n }),
                key: `d${n}`,
                align: 'right' as const,
                render: (_: unknown, r: (typeof rows)[number]) => {
                  const v = r.values[i];
                  if (!v || v.rate == null) return <span style={{ color: '#bbb' }}>—</span>;
                  return (
                    <span
                      style={{
                        background: `rgba(196, 29, 58, ${0.08 + v.rate * 0.8})`,
                        padding: '2px 6px',
                        borderRadius: 4,
                        color: v.rate > 0.5 ? '#fff' : undefined,
                      }}
                    >
                      {pct(v.rate)}
                    </span>
                  );
                },
              })),
            ]}
          />
        )}
      </Card>
      <Card title={t('复购率')}>
        {rep.isPending ? (
          <Skeleton active />
        ) : rep.isError ? (
          <Alert type="error" showIcon role="alert" title={problemTitle(rep.error)} />
        ) : (
          <Row gutter={16} align="middle">
            <Col xs={24} md={8}>
              <Statistic title={t('复购率')} value={pct(rep.data.rate)} data-testid="repurchase-rate" />
              <div style={{ color: '#888' }}>
                {t('{m} / {n} 位买家付款两单及以上', { m: rep.data.repeatBuyers, n: rep.data.buyers })}
              </div>
            </Col>
            <Col xs={24} md={16}>
              {rep.data.buyers === 0 ? (
                <Empty description={t('这段时间没有买家')} />
              ) : (
                <Chart
                  height={220}
                  label={rep.data.byOrders.map((b) => `${b.orders} ${b.buyers}`).join('；')}
                  option={{
                    color: ['#c41d3a'],
                    tooltip: { trigger: 'axis' },
                    grid: { left: 40, right: 16, top: 16, bottom: 28 },
                    xAxis: { type: 'category', name: t('单数'), data: rep.data.byOrders.map((b) => b.orders) },
                    yAxis: { type: 'value', minInterval: 1 },
                    series: [
                      { type: 'bar', name: t('买家数'), barMaxWidth: 36, data: rep.data.byOrders.map((b) => b.buyers) },
                    ],
                  }}
                />
              )}
            </Col>
          </Row>
        )}
      </Card>
    </Flex>
  );
}
