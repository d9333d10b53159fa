import type { MessageKey } from '../../i18n/index.tsx';

// What the alert pages share: state names and colours, dimension names, a metric value in its unit.

export const ALERT_STATES: Record<'open' | 'acknowledged' | 'resolved', { label: MessageKey; color: string }> = {
  open: { label: '未处理', color: 'red' },
  acknowledged: { label: '已确认', color: 'gold' },
  resolved: { label: '已解决', color: 'green' },
};

export const DIMENSION_NAMES: Record<string, MessageKey> = {
  channel: '渠道',
  category_id: '类目',
  merchant_id: '商家',
  province: '省份',
  platform: '设备',
  pay_method: '支付方式',
  staff_user_id: '员工',
};

/** GMV in yuan, counts as integers, rates as percentages. */
export function metricValue(unit: 'fen' | 'count' | 'ratio', v: number): string {
  if (unit === 'fen') return `¥${(v / 100).toLocaleString('zh-CN', { maximumFractionDigits: 0 })}`;
  if (unit === 'ratio') return `${(v * 100).toFixed(1)}%`;
  return Math.round(v).toLocaleString('zh-CN');
}
