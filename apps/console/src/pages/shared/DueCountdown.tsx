import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Tooltip, Typography } from 'antd';
import { dateTime } from '../../components/format.ts';
import { useT, type Translate } from '../../i18n/index.tsx';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function span(ms: number, t: Translate): string {
  const abs = Math.abs(ms);
  if (abs >= DAY) return t('{d} 天 {h} 小时', { d: Math.floor(abs / DAY), h: Math.floor((abs % DAY) / HOUR) });
  if (abs >= HOUR) return t('{h} 小时 {m} 分', { h: Math.floor(abs / HOUR), m: Math.floor((abs % HOUR) / MINUTE) });
  return t('{m} 分钟', { m: Math.max(1, Math.floor(abs / MINUTE)) });
}

export const isOverdue = (dueAt: string | null, now: number): boolean =>
  dueAt != null && new Date(dueAt).getTime() <= now;

/** Time left before the platform steps in; red once overdue, amber in the last 12 hours. */
export function DueCountdown({ dueAt, now }: { dueAt: string | null; now: number }) {
  const t = useT();
  if (!dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const left = new Date(dueAt).getTime() - now;
  const tip = t('截止 {at}', { at: dateTime(dueAt) });
  if (left <= 0) {
    return (
      <Tooltip title={tip}>
        <Typography.Text type="danger" strong data-testid="due-overdue">
          <ExclamationCircleOutlined aria-hidden="true" /> {t('已逾期 {span}', { span: span(left, t) })}
        </Typography.Text>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={tip}>
      <Typography.Text style={left < 12 * HOUR ? { color: '#ad4e00' } : undefined} data-testid="due-countdown">
        <ClockCircleOutlined aria-hidden="true" /> {t('剩余 {span}', { span: span(left, t) })}
      </Typography.Text>
    </Tooltip>
  );
}
