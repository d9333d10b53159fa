import { useEffect, useState } from 'react';
import { serverNow } from '../api/flash.ts';
import { useT } from '../i18n/index.tsx';

/** Server-corrected now, ticking every `everyMs` while the component is mounted. */
export function useServerNow(everyMs = 1000): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Milliseconds left → days and HH:MM:SS (never negative). */
function splitCountdown(ms: number): { days: number; hms: [string, string, string] } {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const rest = total % 86_400;
  return { days, hms: [pad(Math.floor(rest / 3600)), pad(Math.floor((rest % 3600) / 60)), pad(rest % 60)] };
}

/** 01:23:45 in boxes (with N天 in front when a day or more away). Screen readers get one sentence, not ticks. */
export function FlashCountdown({ until, now, className }: { until: string; now: number; className?: string }) {
  const t = useT();
  const { days, hms } = splitCountdown(Date.parse(until) - now);
  const spoken = t('{d} 天 {h} 小时 {m} 分 {s} 秒', { d: days, h: hms[0], m: hms[1], s: hms[2] });
  return (
    <span className={`flash-countdown ${className ?? ''}`} role="timer" aria-live="off" aria-label={spoken}>
      {days > 0 && <span className="flash-countdown-days">{t('{n}天', { n: days })}</span>}
      <b>{hms[0]}</b>:<b>{hms[1]}</b>:<b>{hms[2]}</b>
    </span>
  );
}

const dayOf = (ms: number) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms);

/** A slot's start as a shopper reads it (Beijing time): 10:00, 明天 10:00, or 12-03 10:00. */
export function useSlotTime(): (iso: string, now: number) => string {
  const t = useT();
  return (iso, now) => {
    const at = Date.parse(iso);
    const hhmm = new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(at);
    if (dayOf(at) === dayOf(now)) return hhmm;
    if (dayOf(at) === dayOf(now + 86_400_000)) return t('明天 {time}', { time: hhmm });
    return `${dayOf(at).slice(5)} ${hhmm}`;
  };
}
