import { useMemo } from 'react';
import { Chart } from '../../../components/Chart.tsx';
import type { ChartOption } from '../../../components/echarts.ts';
import { clockTime, yuan } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { timeWindow } from './room.ts';
import type { MinutePoint } from './types.ts';

const clock = (ms: number) => clockTime(ms);

/** GMV per minute (bars, yuan) and viewers (line, right axis) over the session. */
export function MinuteChart({ points, height = 320 }: { points: MinutePoint[]; height?: number }) {
  const t = useT();
  const option = useMemo<ChartOption>(
    () => ({
      color: ['#c41d3a', '#1677ff'],
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 64, right: 56, top: 40, bottom: 28 },
      // A time axis: minutes without a row (nothing happened) keep their place instead of closing up.
      xAxis: {
        type: 'time',
        minInterval: 60_000,
        ...timeWindow(points),
        axisLabel: { formatter: (v: number) => clock(v) },
      },
      yAxis: [
        { type: 'value', name: t('成交额（元）') },
        { type: 'value', name: t('在线人数'), minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('每分钟成交额'),
          type: 'bar',
          barMaxWidth: 16,
          data: points.map((p) => [Date.parse(p.minute), p.gmv / 100]),
        },
        {
          name: t('在线人数'),
          type: 'line',
          yAxisIndex: 1,
          showSymbol: points.length < 30,
          data: points.map((p) => [Date.parse(p.minute), p.viewers]),
        },
      ],
    }),
    [points, t],
  );
  const gmv = points.reduce((n, p) => n + p.gmv, 0);
  const peak = points.reduce((n, p) => Math.max(n, p.viewers), 0);
  return (
    <Chart
      option={option}
      height={height}
      testId="chart-live-minutes"
      label={t('{n} 分钟内成交 {gmv}，在线人数峰值 {peak}', { n: points.length, gmv: yuan(gmv), peak })}
    />
  );
}
