import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Segmented, Skeleton, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, must, problemTitle, type GetOk } from '../../api/client.ts';
import { CursorTable, useCursorList } from '../../components/CursorTable.tsx';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { ALERT_STATES, DIMENSION_NAMES, metricValue } from './alert-format.ts';

type AlertRow = GetOk<'/api/v1/admin/alerts'>['items'][number];
type MetricRow = GetOk<'/api/v1/admin/alerts/metrics'>['items'][number];
type StateFilter = AlertRow['state'] | 'all';

// Says which list is empty: a bare "no alerts" under 已解决 would read as "nothing ever went wrong".
const EMPTY: Record<StateFilter, MessageKey> = {
  open: '暂无未处理的告警',
  acknowledged: '暂无已确认的告警',
  resolved: '暂无已解决的告警',
  all: '暂无告警',
};

/** 异常告警: alerts newest first by state, and what each watched metric looks like right now. */
export default function AlertsPage() {
  const t = useT();
  const [state, setState] = useState<StateFilter>('open');
  const list = useCursorList<AlertRow>(['platform', 'alerts', state], (cursor) =>
    must(
      api.GET('/api/v1/admin/alerts', {
        params: { query: { limit: 20, ...(state === 'all' ? {} : { state }), ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
  const columns: TableColumnsType<AlertRow> = [
    {
      title: t('指标'),
      dataIndex: 'metricLabel',
      render: (label: string, r) => <Link to={`/platform/alerts/${r.id}`}>{label}</Link>,
    },
    {
      title: t('方向'),
      dataIndex: 'direction',
      width: 90,
      render: (d: string) => <Tag color={d === 'up' ? 'orange' : 'blue'}>{d === 'up' ? t('偏高') : t('偏低')}</Tag>,
    },
    { title: t('实际值'), key: 'observed', render: (_, r) => metricValue(r.unit, r.observed) },
    {
      title: t('期望区间'),
      key: 'band',
      render: (_, r) => `${metricValue(r.unit, r.expected.low)} – ${metricValue(r.unit, r.expected.high)}`,
    },
    {
      title: t('主要原因'),
      key: 'top',
      render: (_, r) =>
        r.topExplanation ? (
          <span data-testid="alert-top-explanation">
            {t(DIMENSION_NAMES[r.topExplanation.dimension] ?? '维度')} = {r.topExplanation.valueLabel}（
            {Math.round(r.topExplanation.share * 100)}%）
          </span>
        ) : (
          '—'
        ),
    },
    { title: t('发现时间'), dataIndex: 'createdAt', width: 150, render: dateTime },
    {
      title: t('状态'),
      dataIndex: 'state',
      width: 100,
      render: (s: AlertRow['state']) => <StatusTag color={ALERT_STATES[s].color}>{t(ALERT_STATES[s].label)}</StatusTag>,
    },
    {
      title: '',
      key: 'go',
      width: 80,
      render: (_, r) => (
        <Link to={`/platform/alerts/${r.id}`} data-testid="alert-open">
          {t('查看')}
        </Link>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('异常告警')}
        subtitle={t('每分钟按往期同一时段（中位数 ± MAD）判断核心指标；告警附带最能解释偏离的维度取值。')}
      />
      <Segmented<StateFilter>
        value={state}
        onChange={setState}
        options={[
          { label: t('未处理'), value: 'open' },
          { label: t('已确认'), value: 'acknowledged' },
          { label: t('已解决'), value: 'resolved' },
          { label: t('全部'), value: 'all' },
        ]}
        style={{ marginBottom: 16 }}
      />
      <div data-testid="alert-list">
        <CursorTable list={list} rowKey="id" columns={columns} caption={t('异常告警')} empty={t(EMPTY[state])} />
      </div>
      <MetricStatusCard />
    </>
  );
}

function MetricStatusCard() {
  const t = useT();
  const q = useQuery({
    queryKey: ['platform', 'alerts', 'metrics'],
    queryFn: () => must(api.GET('/api/v1/admin/alerts/metrics')),
  });
  const columns: TableColumnsType<MetricRow> = [
    {
      title: t('指标'),
      dataIndex: 'label',
      render: (label: string, r) => <Tooltip title={r.definition}>{label}</Tooltip>,
    },
    {
      title: t('实际值'),
      key: 'observed',
      render: (_, r) => (r.observed === null ? '—' : metricValue(r.unit, r.observed)),
    },
    {
      title: t('期望区间'),
      key: 'band',
      render: (_, r) =>
        r.expected ? `${metricValue(r.unit, r.expected.low)} – ${metricValue(r.unit, r.expected.high)}` : '—',
    },
    {
      title: t('状态'),
      key: 'verdict',
      render: (_, r) =>
        !r.judged ? (
          <Tooltip title={r.reason}>
            <Tag>{t('未判断')}</Tag> <span style={{ color: '#888' }}>{r.reason}</span>
          </Tooltip>
        ) : r.anomalous ? (
          <Tag color="red">{t('异常')}</Tag>
        ) : (
          <Tag color="green">{t('正常')}</Tag>
        ),
    },
    { title: t('最近检查'), dataIndex: 'checkedAt', width: 150, render: dateTime },
  ];
  return (
    <Card title={t('受监控的指标')} style={{ marginTop: 24 }} data-testid="alert-metrics">
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <Alert
          type="error"
          showIcon
          message={problemTitle(q.error)}
          action={<Button onClick={() => void q.refetch()}>{t('重试')}</Button>}
        />
      ) : (
        <Table rowKey="metric" columns={columns} dataSource={q.data.items} pagination={false} size="small" />
      )}
    </Card>
  );
}
