import dayjs from 'dayjs';

const yuanFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Integer fen as ¥1,234.50. */
export const yuan = (fen: number | null | undefined): string =>
  fen == null ? '—' : `¥${yuanFormat.format(fen / 100)}`;

/** A yuan amount typed into a form, as integer fen (never a float on the wire). */
export const toFen = (yuanValue: number): number => Math.round(yuanValue * 100);
export const toYuan = (fen: number): number => fen / 100;

export const dateTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
