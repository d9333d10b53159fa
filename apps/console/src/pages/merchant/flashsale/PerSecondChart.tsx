import { useMemo } from 'react';
import { Chart } from '../../../components/Chart.tsx';
import type { ChartOption } from '../../../components/echarts.ts';
import { clockTime } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import type { FlashMonitor } from './api.ts';

const clock = (iso: string) => clockTime(iso, true);

/** Purchases won per second over the last minute, from the server's committed purchases (60 buckets). */
export function PerSecondChart({ perSecond }: { perSecond: FlashMonitor['perSecond'] }) {
  const t = useT();
  const option = useMemo<ChartOption>(
    () => ({
      color: ['#c41d3a'],
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 24, top: 28, bottom: 28 },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: perSecond.map((p) => clock(p.at)),
        axisLabel: { interval: 9 },
      },
      yAxis: { type: 'value', name: t('笔/秒'), minInterval: 1 },
      series: [
        {
          name: t('抢到笔数'),
          type: 'line',
          showSymbol: false,
          areaStyle: { opacity: 0.12 },
          data: perSecond.map((p) => p.purchases),
        },
      ],
    }),
    [perSecond, t],
  );
  const total = perSecond.reduce((n, p) => n + p.purchases, 0);
  const peak = perSecond.reduce((n, p) => Math.max(n, p.purchases), 0);
  return (
    <Chart
      option={option}
      height={280}
      testId="chart-flash-per-second"
      label={t('近 1 分钟每秒抢到笔数：共 {total} 笔，峰值 {peak} 笔/秒', { total, peak })}
    />
  );
}
