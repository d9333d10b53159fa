import { and, eq, inArray, isNull, like, ne, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { requireOperator, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';
import { ensureSystemTemplate, issueSystemCoupon } from '../coupons/api.ts';
import { shanghaiDay } from '../points/api.ts';
import { members } from './schema.ts';
import { TIER_ORDER, type TierCode, type TierConfig, tierRank, TIERS } from './tiers.ts';

// Membership's surface (docs/CONTRACTS.md): tierOfUsers and TIER_ORDER for other modules (flash sale VIP slots),
// tierOf + priorityAccessFrom for limited editions (flash slots with member early access).

export { earliestPriorityAccess, priorityAccessFrom, TIER_ORDER, type TierCode } from './tiers.ts';

const refuse = refusals({
  'birthday-locked': [422, '生日设置后不可修改'],
  'invalid-birthday': [422, '请填写正确的生日'],
  'tier-too-low': [422, '新品试用仅限金卡及以上会员报名'],
});

/** Each user's tier; users without a member row are 'regular'. */
export async function tierOfUsers(db: Db, userIds: string[]): Promise<Map<string, TierCode>> {
  const ids = [...new Set(userIds)];
  const result = new Map<string, TierCode>(ids.map((id) => [id, 'regular']));
  if (ids.length === 0) return result;
  const rows = await db
    .select({ userId: members.userId, tier: members.tier })
    .from(members)
    .where(inArray(members.userId, ids));
  for (const r of rows) result.set(r.userId, r.tier);
  return result;
}

/** One user's tier (one primary-key lookup); 'regular' without a member row. */
export async function tierOf(db: Db, userId: string): Promise<TierCode> {
  const [row] = await db.select({ tier: members.tier }).from(members).where(eq(members.userId, userId));
  return row?.tier ?? 'regular';
}

export interface MembershipDto {
  tier: TierCode;
  tierName: string;
  growth: number;
  tierSince: string | null;
  next: { tier: TierCode; name: string; threshold: number; needed: number } | null;
  benefits: TierConfig;
  birthday: string | null;
  trialOptIn: boolean;
  tiers: TierConfig[];
  windowDays: number;
}

export async function getMyMembership(ctx: Ctx): Promise<MembershipDto> {
  const user = requireUser(ctx.actor);
  const [row] = await ctx.db.select().from(members).where(eq(members.userId, user.userId));
  const tier = row?.tier ?? 'regular';
  const growth = row?.growth ?? 0;
  const nextCode = TIER_ORDER[tierRank(tier) + 1];
  return {
    tier,
    tierName: TIERS[tier].name,
    growth,
    tierSince: row?.tierSince.toISOString() ?? null,
    next: nextCode
      ? {
          tier: nextCode,
          name: TIERS[nextCode].name,
          threshold: TIERS[nextCode].threshold,
          needed: Math.max(0, TIERS[nextCode].threshold - growth),
        }
      : null,
    benefits: TIERS[tier],
    birthday: row?.birthday ?? null,
    trialOptIn: row?.trialOptIn ?? false,
    tiers: TIER_ORDER.map((c) => TIERS[c]),
    windowDays: 365,
  };
}

/** The member sets their birthday once (MM-DD); the birthday gift arrives on that day each year. */
export async function setBirthday(ctx: Ctx, input: { month: number; day: number }): Promise<Result<MembershipDto>> {
  const user = requireUser(ctx.actor);
  const probe = new Date(Date.UTC(2024, input.month - 1, input.day));
  if (probe.getUTCMonth() !== input.month - 1 || probe.getUTCDate() !== input.day) return refuse('invalid-birthday');
  const birthday = `${String(input.month).padStart(2, '0')}-${String(input.day).padStart(2, '0')}`;
  const now = ctx.now();
  await ctx.db
    .insert(members)
    .values({ userId: user.userId, tier: 'regular', growth: 0, tierSince: now, recomputedAt: now })
    .onConflictDoNothing();
  const set = await ctx.db
    .update(members)
    .set({ birthday })
    .where(and(eq(members.userId, user.userId), isNull(members.birthday)))
    .returning({ userId: members.userId });
  if (set.length === 0) return refuse('birthday-locked');
  return ok(await getMyMembership(ctx));
}

/** 金卡 and above sign up for (or leave) new-product trials; merchants pick trial users from the opted-in list. */
export async function setTrialOptIn(ctx: Ctx, optIn: boolean): Promise<Result<MembershipDto>> {
  const user = requireUser(ctx.actor);
  const tier = (await tierOfUsers(ctx.db, [user.userId])).get(user.userId)!;
  if (optIn && !TIERS[tier].trials) return refuse('tier-too-low');
  await ctx.db.update(members).set({ trialOptIn: optIn }).where(eq(members.userId, user.userId));
  return ok(await getMyMembership(ctx));
}

/** Membership init: the platform coupon template of each tier's birthday coupon exists (created once, fixed ids). */
export async function ensureBirthdayTemplates(db: Db, now: Date): Promise<void> {
  for (const code of TIER_ORDER) {
    const c = TIERS[code].birthdayCoupon;
    if (!c) continue;
    await ensureSystemTemplate(
      db,
      {
        id: c.templateId,
        name: `${TIERS[code].name}生日券`,
        kind: c.kind,
        thresholdAmount: c.thresholdAmount,
        discountAmount: c.discountAmount,
        validDays: c.validDays,
        perUserLimit: 100,
      },
      now,
    );
  }
}

/**
 * The daily run's birthday part: members whose birthday month it is (Beijing time) and who have not had this year's
 * gift get their current tier's birthday coupon. Per member, marking the year and issuing the coupon happen in one
 * savepoint, so a rerun (or a second run the same month) issues nothing twice; a member who sets their birthday or
 * reaches 银卡 later in the month gets it at the next run. A template an operator stopped issues nothing.
 */
export async function giveBirthdayGifts(db: Db, now: Date, log?: Logger): Promise<number> {
  const today = shanghaiDay(now);
  const year = Number(today.slice(0, 4));
  const month = today.slice(5, 7);
  const tiers = TIER_ORDER.filter((c) => TIERS[c].birthdayCoupon !== null);
  const due = await db
    .select({ userId: members.userId, tier: members.tier })
    .from(members)
    .where(
      and(
        like(members.birthday, `${month}-%`),
        inArray(members.tier, tiers),
        or(isNull(members.birthdayGiftYear), ne(members.birthdayGiftYear, year)),
      ),
    );
  let given = 0;
  for (const m of due) {
    const coupon = TIERS[m.tier].birthdayCoupon!;
    const issued = await db
      .transaction(async (sp) => {
        const marked = await sp
          .update(members)
          .set({ birthdayGiftYear: year })
          .where(
            and(eq(members.userId, m.userId), or(isNull(members.birthdayGiftYear), ne(members.birthdayGiftYear, year))),
          )
          .returning({ userId: members.userId });
        if (marked.length === 0) return false;
        const r = await issueSystemCoupon(sp, coupon.templateId, m.userId, now);
        if (!r.ok) throw new NotIssued(r.type);
        return true;
      })
      .catch((err: unknown) => {
        if (!(err instanceof NotIssued)) throw err;
        log?.warn(
          { userId: m.userId, templateId: coupon.templateId, refusal: err.message },
          'birthday coupon not issued',
        );
        return false;
      });
    if (issued) given++;
  }
  return given;
}

// Rolls one member's savepoint back (the year stays unmarked) when the coupon could not be issued.
class NotIssued extends Error {}

export interface MembershipOverviewDto {
  tiers: (TierConfig & { members: number })[];
  trialOptIns: number;
  growthWindowDays: number;
  lastRecomputedAt: string | null;
}

/** For operators: the tier table with how many member records each tier has now (users with no record are 普通). */
export async function membershipOverview(ctx: Ctx): Promise<MembershipOverviewDto> {
  requireOperator(ctx.actor);
  const counts = await ctx.db
    .select({ tier: members.tier, n: sql<number>`count(*)::int` })
    .from(members)
    .groupBy(members.tier);
  const [trials] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(members)
    .where(eq(members.trialOptIn, true));
  const [last] = await ctx.db.select({ at: sql<Date | null>`max(${members.recomputedAt})` }).from(members);
  const byTier = new Map(counts.map((c) => [c.tier, c.n]));
  return {
    tiers: TIER_ORDER.map((c) => ({ ...TIERS[c], members: byTier.get(c) ?? 0 })),
    trialOptIns: trials?.n ?? 0,
    growthWindowDays: 365,
    lastRecomputedAt: last?.at ? new Date(last.at).toISOString() : null,
  };
}
