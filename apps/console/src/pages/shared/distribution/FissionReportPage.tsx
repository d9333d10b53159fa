import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Skeleton, Statistic, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { api, must, problemTitle } from '../../../api/client.ts';
import { Chart } from '../../../components/Chart.tsx';
import type { ChartOption } from '../../../components/echarts.ts';
import { yuan } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';

type Report = Awaited<ReturnType<typeof load>>;
type Inviter = Report['inviters'][number];
const load = (cursor: string | undefined) =>
  must(api.GET('/api/v1/admin/fission-report', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } }));
const rate = (part: number, whole: number) => (whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`);

/** 裂变报表 (operator): chain length, conversion to a first purchase and refunds per inviter; invitation depth. */
export default function FissionReportPage() {
  const t = useT();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const report = useQuery({ queryKey: ['platform', 'fission', cursor ?? ''], queryFn: () => load(cursor) });
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 24, bottom: 40 },
      xAxis: {
        type: 'category',
        name: t('层级'),
        data: (report.data?.depthHistogram ?? []).map((d) => t('第 {n} 层', { n: d.depth })),
      },
      yAxis: { type: 'value', minInterval: 1, name: t('人') },
      series: [
        {
          type: 'bar',
          name: t('被邀请人数'),
          data: (report.data?.depthHistogram ?? []).map((d) => d.invitees),
          itemStyle: { color: '#d6291f' },
        },
      ],
    }),
    [report.data, t],
  );
  const columns: TableColumnsType<Inviter> = [
    { title: t('邀请人'), dataIndex: 'nickname', key: 'nickname' },
    { title: t('直接邀请'), dataIndex: 'invitees', key: 'invitees', align: 'right' },
    { title: t('下线总数'), dataIndex: 'downline', key: 'downline', align: 'right' },
    { title: t('链路长度'), dataIndex: 'chainLength', key: 'chainLength', align: 'right' },
    {
      title: t('首购转化'),
      key: 'conversion',
      align: 'right',
      render: (_, r) => `${r.converted} · ${rate(r.converted, r.invitees)}`,
    },
    { title: t('已奖励'), dataIndex: 'rewarded', key: 'rewarded', align: 'right' },
    {
      title: t('退款率'),
      key: 'refunds',
      align: 'right',
      render: (_, r) => `${rate(r.refundedOrders, r.orders)}（${r.refundedOrders}/${r.orders}）`,
    },
    { title: t('复购人数'), dataIndex: 'repeatBuyers', key: 'repeatBuyers', align: 'right' },
    { title: t('被邀请人净消费'), key: 'netGmv', align: 'right', render: (_, r) => yuan(r.netGmv) },
  ];
  if (report.isError) return <Alert type="error" showIcon role="alert" title={problemTitle(report.error)} />;
  const d = report.data;
  return (
    <>
      <PageHeader
        title={t('裂变报表')}
        subtitle={t('邀请链路、首购转化与被邀请用户质量。奖励只在被邀请人首单过退货期且无退款后发放。')}
      />
      {!d ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {[
              [t('邀请人'), String(d.totals.inviters)],
              [t('被邀请人'), String(d.totals.invitees)],
              [t('首购转化率'), rate(d.totals.converted, d.totals.invitees)],
              [t('已发奖励'), String(d.totals.rewarded)],
              [t('订单退款率'), rate(d.totals.refundedOrders, d.totals.orders)],
              [t('最长链路'), String(d.totals.maxChainLength)],
            ].map(([label, value]) => (
              <Col key={label} xs={12} md={8} xl={4}>
                <Card size="small">
                  <Statistic title={label} value={value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card title={t('邀请层级分布')} style={{ marginBottom: 16 }}>
            {d.depthHistogram.length === 0 ? (
              <Alert type="info" title={t('还没有邀请关系')} />
            ) : (
              <Chart option={option} height={240} label={t('各层级被邀请人数')} testId="fission-depth" />
            )}
          </Card>
          <Card title={t('邀请人明细')}>
            <Table<Inviter>
              rowKey="inviterId"
              dataSource={d.inviters}
              columns={columns}
              pagination={false}
              loading={report.isFetching}
              locale={{ emptyText: t('暂无数据') }}
              scroll={{ x: 960 }}
            />
            <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end', marginTop: 12 }}>
              <Button disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
                {t('上一页')}
              </Button>
              <Button disabled={!d.nextCursor} onClick={() => setCursors((c) => [...c, d.nextCursor ?? undefined])}>
                {t('下一页')}
              </Button>
            </div>
          </Card>
        </>
      )}
    </>
  );
}
