import { Alert, Card, Col, Empty, Flex, Input, Row, Skeleton, Table } from 'antd';
import { useState } from 'react';
import { problemTitle } from '../../api/client.ts';
import { Chart } from '../../components/Chart.tsx';
import { CsvButton } from '../../components/CsvButton.tsx';
import { yuan } from '../../components/format.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { type Audience, beijingDay, pct, useRfm } from './useInsights.ts';

/** RFM: the period's buyers in eight groups by recency, frequency and money against the period's averages. */
export function RfmPanel({ audience }: { audience: Audience }) {
  const t = useT();
  const [range, setRange] = useState({ from: beijingDay(89), to: beijingDay(0) });
  const q = useRfm(audience, range);
  const rows = q.data?.segments.map((s) => ({ key: s.code, ...s, label: t(s.name as MessageKey) })) ?? [];
  return (
    <Flex vertical gap={16}>
      <Flex gap={16} wrap>
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
      </Flex>
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <Alert type="error" showIcon role="alert" title={problemTitle(q.error)} />
      ) : q.data.buyers === 0 ? (
        <Card>
          <Empty description={t('这段时间没有买家')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <Card title={t('客户分层分布')}>
              <Chart
                height={320}
                testId="rfm-chart"
                label={rows.map((r) => `${r.label} ${r.buyers}`).join('；')}
                option={{
                  tooltip: { trigger: 'item' },
                  legend: { type: 'scroll', bottom: 0 },
                  series: [
                    {
                      type: 'pie',
                      radius: ['40%', '68%'],
                      center: ['50%', '45%'],
                      label: { formatter: '{b}\n{d}%' },
                      data: rows.filter((r) => r.buyers > 0).map((r) => ({ name: r.label, value: r.buyers })),
                    },
                  ],
                }}
              />
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card
              title={t('分层明细')}
              extra={
                <CsvButton
                  filename="RFM分层"
                  rows={rows}
                  columns={[
                    { title: t('分层'), value: (r) => r.label },
                    { title: 'RFM', value: (r) => r.code },
                    { title: t('买家数'), value: (r) => r.buyers },
                    { title: t('占比'), value: (r) => pct(r.share) },
                    { title: t('成交额（元）'), value: (r) => (r.amount / 100).toFixed(2) },
                  ]}
                />
              }
            >
              <Table
                size="small"
                pagination={false}
                dataSource={rows}
                data-testid="rfm-table"
                columns={[
                  { title: t('分层'), dataIndex: 'label' },
                  { title: 'RFM', dataIndex: 'code' },
                  { title: t('买家数'), dataIndex: 'buyers', align: 'right' },
                  { title: t('占比'), dataIndex: 'share', align: 'right', render: pct },
                  { title: t('成交额'), dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
                ]}
              />
              <div style={{ color: '#888', marginTop: 8, fontSize: 12 }}>
                {t('平均：最近一次付款距期末 {r} 天，{f} 单，{m}；高于平均记为 H（最近付款：不晚于平均记为 H）。', {
                  r: q.data.averages.recencyDays.toFixed(1),
                  f: q.data.averages.orders.toFixed(2),
                  m: yuan(q.data.averages.amount),
                })}
              </div>
            </Card>
          </Col>
        </Row>
      )}
    </Flex>
  );
}
