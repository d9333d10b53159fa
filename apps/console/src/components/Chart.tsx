import { useECharts, type ChartOption } from './echarts.ts';

/** A chart with a text alternative: ECharts draws on canvas, so screen readers get `label` instead. */
export function Chart({
  option,
  height = 280,
  label,
  testId,
}: {
  option: ChartOption;
  height?: number;
  label: string;
  testId?: string;
}) {
  const ref = useECharts(option, label);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} data-testid={testId} />;
}
