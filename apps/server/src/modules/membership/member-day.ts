import { eq } from 'drizzle-orm';
import { requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import type { Deps } from '../../deps.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';
import { memberDaySettings } from './schema.ts';
import { TIER_ORDER, type TierCode, TIERS } from './tiers.ts';

// 会员日: one day a month (Beijing time) on which members get a deeper member price per tier and purchase points
// are multiplied. Operators set it in the console; lifecycle's 会员日 rule texts active customers that day and the
// forecast treats it as a promotion. docs/POINTS.md ("会员日") describes it for people.
//
// Checkout and points read the settings on every order, so each process keeps them for a minute instead of adding
// a statement to the checkout; a change is seen at once by the process that made it and within a minute by others.

const ROW_ID = 'platform';
const CACHE_MS = 60_000;
/** Member day may deepen a member price up to 70折; beyond that it is a clearance, not a member benefit. */
const MAX_PERCENT_OFF = 30;

export interface MemberDaySettings {
  enabled: boolean;
  dayOfMonth: number;
  pointsMultiplier: number;
  /** The member-day percent off of every tier: never less than the tier's everyday member price. */
  tierPercentOff: Record<TierCode, number>;
  updatedAt: string | null;
}

const refuse = refusals({
  'below-member-price': [422, '会员日折扣不能低于该等级的日常会员价'],
  'tiers-out-of-order': [422, '高等级会员的会员日折扣不能低于低等级'],
  'percent-too-deep': [422, `会员日折扣最多减 ${MAX_PERCENT_OFF}%`],
});

/** Until operators set it: the day exists (lifecycle's 会员日 coupon) with everyday member prices and plain points. */
const defaults = (dayOfMonth: number): MemberDaySettings => ({
  enabled: true,
  dayOfMonth,
  pointsMultiplier: 1,
  tierPercentOff: Object.fromEntries(TIER_ORDER.map((t) => [t, TIERS[t].percentOff])) as Record<TierCode, number>,
  updatedAt: null,
});

const cache = new WeakMap<Deps, { settings: MemberDaySettings; loadedAt: number }>();

/** The settings in force (the operator's, else the defaults), from this process's one-minute copy when fresh. */
export async function loadMemberDay(deps: Deps, db: Db): Promise<MemberDaySettings> {
  const held = cache.get(deps);
  if (held && performance.now() - held.loadedAt < CACHE_MS) return held.settings;
  const [row] = await db.select().from(memberDaySettings).where(eq(memberDaySettings.id, ROW_ID));
  const base = defaults(deps.config.LIFECYCLE_MEMBER_DAY);
  const settings: MemberDaySettings = row
    ? {
        enabled: row.enabled,
        dayOfMonth: row.dayOfMonth,
        pointsMultiplier: row.pointsMultiplier,
        tierPercentOff: Object.fromEntries(
          TIER_ORDER.map((t) => [t, Math.max(TIERS[t].percentOff, row.tierPercentOff[t] ?? 0)]),
        ) as Record<TierCode, number>,
        updatedAt: row.updatedAt.toISOString(),
      }
    : base;
  cache.set(deps, { settings, loadedAt: performance.now() });
  return settings;
}

const BEIJING_MS = 8 * 3_600_000;
const beijingDate = (at: Date) => new Date(at.getTime() + BEIJING_MS);

export const isMemberDay = (s: MemberDaySettings, at: Date): boolean =>
  s.enabled && beijingDate(at).getUTCDate() === s.dayOfMonth;

/** The next Beijing date (YYYY-MM-DD) that is member day, today included. */
function nextMemberDayDate(at: Date, dayOfMonth: number): string {
  const local = beijingDate(at);
  const monthsAhead = local.getUTCDate() > dayOfMonth ? 1 : 0;
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + monthsAhead, dayOfMonth))
    .toISOString()
    .slice(0, 10);
}

/** What member day changes for an order placed or paid at `at`: the tier's percent off and the points multiplier. */
export async function memberDayBenefitsAt(deps: Deps, db: Db, at: Date) {
  const s = await loadMemberDay(deps, db);
  const active = isMemberDay(s, at);
  return {
    active,
    percentOff: (tier: TierCode) => (active ? s.tierPercentOff[tier] : TIERS[tier].percentOff),
    pointsMultiplier: active ? s.pointsMultiplier : 1,
  };
}

export interface MemberDayDto {
  enabled: boolean;
  today: boolean;
  day: number;
  next: string;
  pointsMultiplier: number;
  tiers: { code: TierCode; name: string; everydayPercentOff: number; memberDayPercentOff: number }[];
  updatedAt: string | null;
}

/** For the shop's banner and membership page, and the console's settings page. */
export async function memberDayView(ctx: Ctx): Promise<MemberDayDto> {
  const s = await loadMemberDay(ctx.deps, ctx.db);
  const now = ctx.now();
  return {
    enabled: s.enabled,
    today: isMemberDay(s, now),
    day: s.dayOfMonth,
    next: nextMemberDayDate(now, s.dayOfMonth),
    pointsMultiplier: s.pointsMultiplier,
    tiers: TIER_ORDER.map((code) => ({
      code,
      name: TIERS[code].name,
      everydayPercentOff: TIERS[code].percentOff,
      memberDayPercentOff: s.tierPercentOff[code],
    })),
    updatedAt: s.updatedAt,
  };
}

export interface MemberDayInput {
  enabled: boolean;
  dayOfMonth: number;
  pointsMultiplier: number;
  tierPercentOff: Record<TierCode, number>;
}

/** An operator sets member day; the change applies to orders from now on (orders already placed keep their price). */
export async function updateMemberDay(
  ctx: Ctx,
  input: MemberDayInput,
): Promise<Result<MemberDayDto, 'below-member-price' | 'tiers-out-of-order' | 'percent-too-deep'>> {
  const operator = requireOperator(ctx.actor);
  let previous = -1;
  for (const tier of TIER_ORDER) {
    const percent = input.tierPercentOff[tier];
    if (percent < TIERS[tier].percentOff)
      return refuse('below-member-price', `${TIERS[tier].name}日常已减 ${TIERS[tier].percentOff}%`);
    if (percent > MAX_PERCENT_OFF) return refuse('percent-too-deep');
    if (percent < previous) return refuse('tiers-out-of-order', `${TIERS[tier].name}低于上一等级`);
    previous = percent;
  }
  const values = { ...input, updatedBy: operator.userId, updatedAt: ctx.now() };
  await ctx.db
    .insert(memberDaySettings)
    .values({ id: ROW_ID, ...values })
    .onConflictDoUpdate({ target: memberDaySettings.id, set: values });
  cache.delete(ctx.deps);
  return ok(await memberDayView(ctx));
}
