const yuanFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Integer fen as ¥1,234.50. */
export const yuan = (fen: number | null | undefined): string =>
  fen == null ? '—' : `¥${yuanFormat.format(fen / 100)}`;

/** A yuan amount typed into a form, as integer fen (never a float on the wire). */
export const toFen = (yuanValue: number): number => Math.round(yuanValue * 100);
export const toYuan = (fen: number): number => fen / 100;

/**
 * Every time in the console is Beijing time (the shop's and the business's zone), whatever the browser's zone:
 * 2026-12-06 14:05, or with seconds for clocks that tick (14:05:09).
 */
const beijing = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function beijingParts(
  at: string | number | Date,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const parts = beijing.formatToParts(new Date(at));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

export const dateTime = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const p = beijingParts(iso);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
};

/** Beijing clock time: 14:05 (or 14:05:09 with seconds), for chart axes and "updated at" lines. */
export const clockTime = (at: string | number | Date, withSeconds = false): string => {
  const p = beijingParts(at);
  return withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
};
