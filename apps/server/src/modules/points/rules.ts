// The points rules in one place (docs/POINTS.md explains each). 1 point is worth 1 fen: 100 points = ¥1.

export const SIGN_IN_POINTS = 5;
/** Every 7th consecutive day adds a bonus on top of the daily points. */
export const STREAK_BONUS_EVERY = 7;
export const STREAK_BONUS_POINTS = 30;

export const SHARE_POINTS = 10;
export const SHARES_REWARDED_PER_DAY = 3;

/** Purchase points: 1 per whole yuan paid for an order. */
export const purchasePoints = (payAmountFen: number): number => Math.floor(Math.max(0, payAmountFen) / 100);

export const REVIEW_POINTS = 20;

/** At checkout points are used in whole yuan (100 points = ¥1), at most this share of the items amount. */
export const POINTS_PER_YUAN = 100;
export const DEDUCTION_CAP_PERCENT = 20;

/** How many points (= fen) may pay for part of an order: ≤ balance, ≤ 20% of items, ≤ what is left to pay for items. */
export function deductiblePoints(balance: number, itemsAmount: number, remaining: number): number {
  const cap = Math.floor((itemsAmount * DEDUCTION_CAP_PERCENT) / 100);
  const most = Math.min(Math.max(0, balance), cap, Math.max(0, remaining));
  return Math.floor(most / POINTS_PER_YUAN) * POINTS_PER_YUAN;
}

export const GIFT_MIN_POINTS = 100;
export const GIFT_MAX_POINTS_PER_DAY = 10_000;
export const DONATION_MIN_POINTS = 10;

// ---- Asia/Shanghai business days (UTC+8, no daylight saving) ----

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The Asia/Shanghai calendar day of an instant, as YYYY-MM-DD. */
export const shanghaiDay = (at: Date): string => new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The instant a Shanghai calendar day starts. */
export const shanghaiDayStart = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);

/**
 * Expiry: points expire at the end of the calendar year after the one they were earned in (Asia/Shanghai),
 * e.g. earned on 2026-03-08 → expire at 2027-12-31 24:00 Beijing time. Between 12 and 24 months, never a surprise mid-year.
 */
export function expiryFor(earnedAt: Date): Date {
  const year = Number(shanghaiDay(earnedAt).slice(0, 4));
  return shanghaiDayStart(`${year + 2}-01-01`);
}

/** 138****1234 */
export const maskPhone = (phone: string): string =>
  phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';

/** 爱***鹿: donations are public, donors are not identifiable. */
export function maskNickname(nickname: string): string {
  const chars = [...nickname];
  if (chars.length <= 1) return '*';
  return `${chars[0]}***${chars[chars.length - 1]}`;
}
