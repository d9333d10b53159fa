import type { MemberTier } from './schema.ts';

/** Product rules (PRODUCT.md §3). */
export const GROUP_CAPACITY = 500;
export const PROMO_PUSHES_PER_WEEK = 3;

/** Chat flood control per user, across all groups: at most this many messages in the window. */
export const CHAT_BURST = 5;
export const CHAT_WINDOW_MS = 10_000;
export const MAX_CHAT_CHARS = 500;
export const MAX_CHAT_IMAGES = 9;

const TIER_RANK: Record<MemberTier, number> = { regular: 0, vip: 1, core: 2 };
export const tiersAtLeast = (min: MemberTier): MemberTier[] =>
  (Object.keys(TIER_RANK) as MemberTier[]).filter((t) => TIER_RANK[t] >= TIER_RANK[min]);

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The ISO week (Monday–Sunday, Asia/Shanghai) an instant falls in, and when the next one starts. China has no
 * daylight saving, so a fixed +8 h offset is exact.
 */
export function shanghaiWeek(at: Date): { key: string; startsAt: Date; nextStartsAt: Date } {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const dayIndex = (local.getUTCDay() + 6) % 7; // Monday = 0
  const mondayLocal = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - dayIndex * DAY_MS;
  // ISO week-numbering year: the year of this week's Thursday.
  const thursday = new Date(mondayLocal + 3 * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * DAY_MS)) + 1;
  const startsAt = new Date(mondayLocal - SHANGHAI_OFFSET_MS);
  return {
    key: `${isoYear}-W${String(week).padStart(2, '0')}`,
    startsAt,
    nextStartsAt: new Date(startsAt.getTime() + 7 * DAY_MS),
  };
}

/** "12月7日 00:00" in Beijing time, for refusal messages. */
export function shanghaiDateTime(at: Date): string {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${hh}:${mm}`;
}

/** A chat line that asks something is an 'asked' moment in the member's SCRM timeline. */
export const looksLikeQuestion = (text: string): boolean =>
  /[?？]|吗[\s。!！]*$|怎么|如何|多少钱|有没有|能不能|可以.*吗/.test(text);
