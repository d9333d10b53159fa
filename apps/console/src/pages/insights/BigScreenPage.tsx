import { Alert, Col, Empty, Row, Skeleton, Table } from 'antd';
import { useMemo } from 'react';
import { problemTitle } from '../../api/client.ts';
import { Chart } from '../../components/Chart.tsx';
import { CsvButton } from '../../components/CsvButton.tsx';
import type { ChartOption } from '../../components/echarts.ts';
import { yuan } from '../../components/format.ts';
import { type MessageKey, type Translate, useT } from '../../i18n/index.tsx';
import { type Audience, CHANNEL_LABEL, pct, type Realtime, useRealtime } from './useInsights.ts';

const INK = '#e6edf7';
const MUTED = '#8b9bb4';
const PANEL: React.CSSProperties = {
  background: 'rgba(22, 34, 58, 0.85)',
  border: '1px solid #22365a',
  borderRadius: 8,
  padding: 16,
  height: '100%',
};

function Delta({ now, before }: { now: number; before: number }) {
  const t = useT();
  if (before === 0) return <span style={{ color: MUTED }}>{t('昨日同时段无数据')}</span>;
  const d = (now - before) / before;
  return (
    <span style={{ color: d >= 0 ? '#ff6b81' : '#3ddc97' }}>
      {t('较昨日同时段')} {d >= 0 ? '▲' : '▼'} {Math.abs(d * 100).toFixed(1)}%
    </span>
  );
}

function Tile({
  label,
  value,
  testId,
  delta,
}: {
  label: string;
  value: string;
  testId: string;
  delta?: React.ReactNode;
}) {
  return (
    <div style={PANEL}>
      <div style={{ color: MUTED, fontSize: 14 }}>{label}</div>
      <div style={{ color: INK, fontSize: 34, fontWeight: 600, margin: '6px 0' }} data-testid={testId}>
        {value}
      </div>
      <div style={{ fontSize: 12 }}>{delta}</div>
    </div>
  );
}

const axis = {
  axisLabel: { color: MUTED },
  axisLine: { lineStyle: { color: '#33486e' } },
  splitLine: { lineStyle: { color: '#1d2c48' } },
};

function hourlyOption(s: Realtime, t: Translate): ChartOption {
  const nowHour = Number(
    new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Asia/Shanghai' }).format(
      new Date(s.at),
    ),
  );
  return {
    color: ['#ff4d6d', '#4c8dff'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: INK } },
    grid: { left: 56, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: s.hourly.map((h) => `${h.hour}时`), ...axis },
    yAxis: { type: 'value', name: t('元'), nameTextStyle: { color: MUTED }, ...axis },
    series: [
      {
        name: t('今日'),
        type: 'line',
        smooth: true,
        areaStyle: { opacity: 0.15 },
        data: s.hourly.filter((h) => h.hour <= nowHour).map((h) => h.today / 100),
      },
      {
        name: t('昨日'),
        type: 'line',
        smooth: true,
        lineStyle: { type: 'dashed' },
        data: s.hourly.map((h) => h.yesterday / 100),
      },
    ],
  };
}

function channelOption(s: Realtime, t: Translate): ChartOption {
  return {
    color: ['#ff4d6d', '#ffb020', '#3ddc97', '#4c8dff', '#b37feb', '#36cfc9', '#8b9bb4'],
    tooltip: { trigger: 'item' },
    legend: { orient: 'vertical', right: 0, top: 'middle', textStyle: { color: INK } },
    series: [
      {
        name: t('渠道成交额'),
        type: 'pie',
        radius: ['45%', '72%'],
        center: ['38%', '50%'],
        label: { color: INK, formatter: '{d}%' },
        data: s.byChannel.map((c) => ({
          name: t((CHANNEL_LABEL[c.channel] ?? c.channel) as MessageKey),
          value: c.gmv / 100,
        })),
      },
    ],
  };
}

/**
 * 实时大屏: today's numbers against yesterday up to the same minute, refreshed every 3 s without reloading.
 * Dark, large type, readable across a room.
 */
export default function BigScreenPage({ audience = 'platform' }: { audience?: Audience }) {
  const t = useT();
  const q = useRealtime(audience);
  const charts = useMemo(
    () => (q.data ? { hourly: hourlyOption(q.data, t), channels: channelOption(q.data, t) } : null),
    [q.data, t],
  );
  const shell = (body: React.ReactNode) => (
    <div
      style={{
        background: 'linear-gradient(180deg, #0b1120 0%, #0f1a30 100%)',
        margin: -24,
        padding: 24,
        minHeight: 'calc(100vh - 64px)',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', marginBottom: 16 }}>
        <h1 style={{ color: INK, fontSize: 26, margin: 0, letterSpacing: 2 }}>{t('实时数据大屏')}</h1>
        <span style={{ color: MUTED }} aria-live="polite">
          {q.data
            ? t('北京时间 {time} 更新 · 每 3 秒刷新', {
                time: new Date(q.data.at).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
              })
            : t('加载中')}
        </span>
      </div>
      {body}
    </div>
  );
  if (q.isPending) return shell(<Skeleton active paragraph={{ rows: 10 }} />);
  if (q.isError && !q.data) return shell(<Alert type="error" showIcon role="alert" title={problemTitle(q.error)} />);
  const s = q.data;
  return shell(
    <Row gutter={[16, 16]}>
      <Col xs={12} xl={5}>
        <Tile
          label={t('今日成交额')}
          value={yuan(s.today.gmv)}
          testId="big-gmv"
          delta={<Delta now={s.today.gmv} before={s.yesterdaySameTime.gmv} />}
        />
      </Col>
      <Col xs={12} xl={5}>
        <Tile
          label={t('支付订单')}
          value={String(s.today.orders)}
          testId="big-orders"
          delta={<Delta now={s.today.orders} before={s.yesterdaySameTime.orders} />}
        />
      </Col>
      <Col xs={12} xl={5}>
        <Tile
          label={t('访客')}
          value={String(s.today.visitors)}
          testId="big-visitors"
          delta={<Delta now={s.today.visitors} before={s.yesterdaySameTime.visitors} />}
        />
      </Col>
      <Col xs={12} xl={5}>
        <Tile
          label={t('支付转化率')}
          value={pct(s.today.conversion)}
          testId="big-conversion"
          delta={
            <span style={{ color: MUTED }}>{t('昨日同时段 {v}', { v: pct(s.yesterdaySameTime.conversion) })}</span>
          }
        />
      </Col>
      <Col xs={24} xl={4}>
        <Tile
          label={t('正在直播')}
          value={String(s.liveRoomsNow)}
          testId="big-live"
          delta={<span style={{ color: MUTED }}>{t('个直播间')}</span>}
        />
      </Col>
      <Col xs={24} xl={15}>
        <div style={PANEL}>
          <div style={{ color: INK, marginBottom: 8 }}>{t('分时成交额（今日 vs 昨日）')}</div>
          <Chart option={charts!.hourly} height={300} testId="big-hourly" label={t('今日与昨日每小时成交额')} />
        </div>
      </Col>
      <Col xs={24} xl={9}>
        <div style={PANEL}>
          <div style={{ color: INK, marginBottom: 8 }}>{t('今日渠道成交额')}</div>
          {s.byChannel.length === 0 ? (
            <Empty description={<span style={{ color: MUTED }}>{t('今日还没有成交')}</span>} />
          ) : (
            <Chart
              option={charts!.channels}
              height={300}
              testId="big-channels"
              label={s.byChannel
                .map((c) => `${t((CHANNEL_LABEL[c.channel] ?? c.channel) as MessageKey)} ${yuan(c.gmv)}`)
                .join('；')}
            />
          )}
        </div>
      </Col>
      <Col span={24}>
        <div style={PANEL}>
          <div style={{ display: 'flex', justifyContent: 'space-between', color: INK, marginBottom: 8 }}>
            <span>{t('今日热销商品 TOP 10')}</span>
            <CsvButton
              filename="今日热销商品"
              rows={s.topProducts}
              columns={[
                { title: t('商品'), value: (r) => r.title },
                { title: t('成交额（元）'), value: (r) => (r.gmv / 100).toFixed(2) },
                { title: t('件数'), value: (r) => r.qty },
                { title: t('订单数'), value: (r) => r.orders },
              ]}
            />
          </div>
          <Table
            size="small"
            rowKey="productId"
            pagination={false}
            dataSource={s.topProducts}
            locale={{ emptyText: t('今日还没有成交') }}
            columns={[
              { title: t('排名'), render: (_, __, i) => i + 1, width: 64 },
              { title: t('商品'), dataIndex: 'title' },
              { title: t('成交额'), dataIndex: 'gmv', render: (v: number) => yuan(v), align: 'right' },
              { title: t('件数'), dataIndex: 'qty', align: 'right' },
              { title: t('订单数'), dataIndex: 'orders', align: 'right' },
            ]}
          />
        </div>
      </Col>
    </Row>,
  );
}
