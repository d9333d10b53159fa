import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Input, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, must, type GetOk } from '../../api/client.ts';
import { Chart } from '../../components/Chart.tsx';
import { DetailHeader, DetailPending } from '../../components/DetailHeader.tsx';
import type { ChartOption } from '../../components/echarts.ts';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';
import { ALERT_STATES, DIMENSION_NAMES, metricValue } from './alert-format.ts';

type Detail = GetOk<'/api/v1/admin/alerts/{id}'>;
type Row = Detail['drilldown'][number];

/** One alert: its band and hourly series, the drill-down, and acknowledge / resolve with a note. */
export default function AlertDetailPage() {
  const t = useT();
  const { alertId = '' } = useParams();
  const back = { to: '/platform/alerts', label: t('返回告警列表') };
  const q = useQuery({
    queryKey: ['platform', 'alerts', 'detail', alertId],
    queryFn: () => must(api.GET('/api/v1/admin/alerts/{id}', { params: { path: { id: alertId } } })),
  });
  if (!q.data) return <DetailPending back={back} error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  const v = (x: number) => metricValue(a.unit, x);
  return (
    <>
      <DetailHeader
        back={back}
        title={a.metricLabel}
        status={
          <StatusTag color={ALERT_STATES[a.state].color} testId="alert-state">
            {t(ALERT_STATES[a.state].label)}
          </StatusTag>
        }
        subtitle={a.definition}
        extra={<Actions alert={a} />}
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={3} size="small">
          <Descriptions.Item label={t('实际值')}>
            <Tag color={a.direction === 'up' ? 'orange' : 'blue'}>{a.direction === 'up' ? t('偏高') : t('偏低')}</Tag>
            {v(a.observed)}
          </Descriptions.Item>
          <Descriptions.Item label={t('期望区间')}>
            {v(a.expected.low)} – {v(a.expected.high)}（{t('中位数')} {v(a.expected.median)}）
          </Descriptions.Item>
          <Descriptions.Item label={t('偏离')}>
            {a.deviation > 0 ? '+' : '−'}
            {v(Math.abs(a.deviation))}
          </Descriptions.Item>
          <Descriptions.Item label={t('时段')}>
            {dateTime(a.windowStart)} – {dateTime(a.windowEnd)}
          </Descriptions.Item>
          {/* Staff-access alerts (docs/PRIVACY.md "Abnormal access") count abnormal reads, not checked minutes. */}
          <Descriptions.Item label={a.metric.startsWith('staff_access.') ? t('异常访问次数') : t('持续分钟')}>
            {a.minutes}
          </Descriptions.Item>
          <Descriptions.Item label={t('发现时间')}>{dateTime(a.createdAt)}</Descriptions.Item>
          {a.acknowledged && (
            <Descriptions.Item label={t('确认人')}>
              {a.acknowledged.nickname} · {dateTime(a.acknowledged.at)} {a.acknowledged.note ?? ''}
            </Descriptions.Item>
          )}
          {a.resolved && (
            <Descriptions.Item label={t('解决人')}>
              {a.resolved.nickname} · {dateTime(a.resolved.at)} {a.resolved.note ?? ''}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {a.series.length > 0 && (
        <Card title={t('每小时走势与期望区间')} style={{ marginBottom: 16 }}>
          <Chart
            option={seriesOption(a, t('实际值'), t('期望区间'))}
            label={t('每小时走势与期望区间')}
            testId="alert-chart"
          />
        </Card>
      )}
      <Card title={t('维度下钻')}>
        <DrillDown alert={a} />
      </Card>
    </>
  );
}

/** The band as a stacked area (low, then high − low) under the observed line. */
function seriesOption(a: Detail, observedName: string, bandName: string): ChartOption {
  const scale = a.unit === 'fen' ? 0.01 : a.unit === 'ratio' ? 100 : 1;
  const s = (x: number | null) => (x === null ? null : Math.round(x * scale * 100) / 100);
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [observedName, bandName] },
    grid: { left: 60, right: 24, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: a.series.map((p) => dateTime(p.hour).slice(5)) },
    yAxis: { type: 'value' },
    series: [
      {
        name: 'low',
        type: 'line',
        data: a.series.map((p) => s(p.low)),
        stack: 'band',
        lineStyle: { opacity: 0 },
        symbol: 'none',
        tooltip: { show: false },
      },
      {
        name: bandName,
        type: 'line',
        data: a.series.map((p) => (p.low === null || p.high === null ? null : s(p.high - p.low))),
        stack: 'band',
        lineStyle: { opacity: 0 },
        areaStyle: { color: 'rgba(22,119,255,0.15)' },
        symbol: 'none',
      },
      { name: observedName, type: 'line', data: a.series.map((p) => s(p.value)), itemStyle: { color: '#fa541c' } },
    ],
  };
}

function DrillDown({ alert: a }: { alert: Detail }) {
  const t = useT();
  const v = (x: number) => metricValue(a.unit, x);
  const columns: TableColumnsType<Row> = [
    {
      title: t('维度'),
      dataIndex: 'dimension',
      render: (d: string) => (DIMENSION_NAMES[d] ? t(DIMENSION_NAMES[d]) : d),
    },
    { title: t('取值'), dataIndex: 'valueLabel' },
    { title: t('实际值'), dataIndex: 'observed', render: v },
    { title: t('期望'), dataIndex: 'expected', render: v },
    {
      title: t('贡献'),
      dataIndex: 'contribution',
      render: (c: number) =>
        a.unit === 'ratio' ? `${(c * 100).toFixed(2)} pp` : `${c > 0 ? '+' : '−'}${v(Math.abs(c))}`,
    },
    { title: t('解释占比'), dataIndex: 'share', render: (s: number) => `${Math.round(s * 100)}%` },
    { title: t('偏离度'), dataIndex: 'surprise', render: (s: number) => s.toFixed(3) },
  ];
  return (
    <Table
      rowKey={(r) => `${r.dimension}:${r.value}`}
      columns={columns}
      dataSource={a.drilldown}
      pagination={false}
      size="small"
      data-testid="alert-drilldown"
    />
  );
}

function Actions({ alert: a }: { alert: Detail }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [note, setNote] = useState('');
  const act = useMutation({
    mutationFn: (action: 'acknowledge' | 'resolve') =>
      must(
        api.POST(
          action === 'acknowledge' ? '/api/v1/admin/alerts/{id}/acknowledge' : '/api/v1/admin/alerts/{id}/resolve',
          { params: { path: { id: a.id } }, body: note ? { note } : {} },
        ),
      ),
    onSuccess: (updated) => {
      notify.success(updated.state === 'resolved' ? t('已解决告警') : t('已确认告警'));
      setNote('');
      void qc.invalidateQueries({ queryKey: ['platform', 'alerts'] });
    },
    onError: notify.error,
  });
  if (a.state === 'resolved') return null;
  return (
    <Space>
      <Input
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={a.state === 'open' ? t('备注（可选）') : t('处理说明')}
        maxLength={500}
        style={{ width: 240 }}
        aria-label={t('处理说明')}
        data-testid="alert-note"
      />
      {a.state === 'open' && (
        <Button loading={act.isPending} onClick={() => act.mutate('acknowledge')} data-testid="alert-acknowledge">
          {t('确认')}
        </Button>
      )}
      <Button type="primary" loading={act.isPending} onClick={() => act.mutate('resolve')} data-testid="alert-resolve">
        {t('解决')}
      </Button>
    </Space>
  );
}
