import { consentRecorder } from '../../platform/privacy.ts';
import { and, asc, eq, gt, gte, isNotNull, lte, or, sql } from 'drizzle-orm';
import { actingMerchant, requireOperator, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { maskPhone } from '../../platform/sms.ts';
import { phonesOf, publicProfiles } from '../accounts/api.ts';
import { loadMemberDay } from '../membership/api.ts';
import { RULE_DEFAULTS, RULES } from './automation.ts';
import { PLATFORM } from './recompute.ts';
import {
  lifecycleActions,
  lifecycleCustomers,
  lifecyclePreferences,
  lifecycleRules,
  lifecycleSnapshots,
  lifecycleTransitions,
  RULE_KINDS,
  type RuleKind,
  type Segment,
  SEGMENTS,
} from './schema.ts';
import { thresholdsOf } from './segments.ts';
import { beijingDay } from './time.ts';
import { twoProportionTest } from './uplift-stats.ts';

const DAY = 86_400_000;
export type Audience = 'platform' | 'merchant';

/** Operators work on every shopper; merchant staff on the customers who bought from their shop. */
function scopeOf(ctx: Ctx, audience: Audience): string {
  if (audience === 'platform') {
    requireOperator(ctx.actor);
    return PLATFORM;
  }
  return actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage').merchantId;
}

/** Segment sizes now, their daily history, transitions of the last 30 days, and the thresholds in force. */
export async function lifecycleOverview(ctx: Ctx, audience: Audience) {
  const scope = scopeOf(ctx, audience);
  const now = ctx.now();
  const counts = await ctx.db
    .select({
      segment: lifecycleCustomers.segment,
      users: sql<number>`count(*)::int`,
      warnings: sql<number>`count(*) filter (where ${lifecycleCustomers.churnWarning})::int`,
      computedAt: sql<Date | null>`max(${lifecycleCustomers.computedAt})`,
    })
    .from(lifecycleCustomers)
    .where(eq(lifecycleCustomers.scope, scope))
    .groupBy(lifecycleCustomers.segment);
  const since = new Date(now.getTime() - 30 * DAY);
  const history = await ctx.db
    .select()
    .from(lifecycleSnapshots)
    .where(and(eq(lifecycleSnapshots.scope, scope), gte(lifecycleSnapshots.day, beijingDay(since))))
    .orderBy(asc(lifecycleSnapshots.day));
  const transitions = await ctx.db
    .select({
      from: lifecycleTransitions.fromSegment,
      to: lifecycleTransitions.toSegment,
      users: sql<number>`count(*)::int`,
    })
    .from(lifecycleTransitions)
    .where(and(eq(lifecycleTransitions.scope, scope), gte(lifecycleTransitions.at, since)))
    .groupBy(lifecycleTransitions.fromSegment, lifecycleTransitions.toSegment);
  const days = [...new Set(history.map((h) => h.day))];
  const lastComputed = counts.map((c) => c.computedAt).filter((d): d is Date => d !== null);
  return {
    segments: SEGMENTS.map((s) => ({ segment: s, users: counts.find((c) => c.segment === s)?.users ?? 0 })),
    churnWarnings: counts.reduce((a, c) => a + c.warnings, 0),
    history: days.map((day) => ({
      day,
      ...(Object.fromEntries(
        SEGMENTS.map((s) => [s, history.find((h) => h.day === day && h.segment === s)?.users ?? 0]),
      ) as Record<Segment, number>),
    })),
    transitions: transitions.filter((t) => t.from !== null) as { from: Segment; to: Segment; users: number }[],
    thresholds: { ...thresholdsOf(ctx.deps.config), memberDay: (await loadMemberDay(ctx.deps, ctx.db)).dayOfMonth },
    computedAt: lastComputed.length
      ? new Date(Math.max(...lastComputed.map((d) => new Date(d).getTime()))).toISOString()
      : null,
  };
}

/** Customers of the scope, least healthy first within a segment filter; phones masked, never whole. */
export async function listLifecycleCustomers(
  ctx: Ctx,
  audience: Audience,
  q: { segment?: Segment | undefined; warning?: boolean | undefined; cursor?: string | undefined; limit: number },
) {
  const scope = scopeOf(ctx, audience);
  const rows = await ctx.db
    .select()
    .from(lifecycleCustomers)
    .where(
      and(
        eq(lifecycleCustomers.scope, scope),
        q.segment ? eq(lifecycleCustomers.segment, q.segment) : undefined,
        q.warning ? eq(lifecycleCustomers.churnWarning, true) : undefined,
        q.cursor ? gt(lifecycleCustomers.userId, q.cursor) : undefined,
      ),
    )
    .orderBy(asc(lifecycleCustomers.userId))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const ids = page.map((r) => r.userId);
  const [phones, profiles] = await Promise.all([phonesOf(ctx.deps, ctx.db, ids), publicProfiles(ctx.db, ids)]);
  return {
    items: page.map((r) => ({
      userId: r.userId,
      nickname: profiles.get(r.userId)?.nickname ?? '',
      phone: maskPhone(phones.get(r.userId) ?? ''),
      segment: r.segment,
      segmentSince: r.segmentSince.toISOString(),
      health: r.health,
      churnWarning: r.churnWarning,
      orders: r.orders,
      amount: r.amount,
      lastPaidAt: r.lastPaidAt?.toISOString() ?? null,
      interactions: r.interactions,
      influence: r.influence,
    })),
    nextCursor: rows.length > q.limit ? page.at(-1)!.userId : null,
  };
}

/** Each rule of the scope (off with defaults until saved), what it did, and its uplift against the hold-out. */
export async function listLifecycleRules(ctx: Ctx, audience: Audience) {
  const scope = scopeOf(ctx, audience);
  const rows = await ctx.db.select().from(lifecycleRules).where(eq(lifecycleRules.scope, scope));
  return {
    items: await Promise.all(
      RULE_KINDS.map((kind) =>
        ruleView(
          ctx,
          kind,
          rows.find((r) => r.kind === kind),
        ),
      ),
    ),
  };
}

export interface RuleInput {
  enabled: boolean;
  capDays: number;
  quietStart: number;
  quietEnd: number;
  holdoutPct: number;
  conversionDays: number;
}

export async function updateLifecycleRule(ctx: Ctx, audience: Audience, kind: RuleKind, input: RuleInput) {
  const scope = scopeOf(ctx, audience);
  const by = requireUser(ctx.actor).userId;
  const [row] = await ctx.tx((db) =>
    db
      .insert(lifecycleRules)
      .values({ id: newId('lcr'), scope, kind, ...input, updatedAt: ctx.now(), updatedBy: by })
      .onConflictDoUpdate({
        target: [lifecycleRules.scope, lifecycleRules.kind],
        set: { ...input, updatedAt: ctx.now(), updatedBy: by },
      })
      .returning(),
  );
  return ruleView(ctx, kind, row);
}

async function ruleView(ctx: Ctx, kind: RuleKind, row: typeof lifecycleRules.$inferSelect | undefined) {
  const spec = RULES[kind];
  const settings = row ?? { enabled: false, ...RULE_DEFAULTS, lastRunAt: null };
  const stats = row
    ? await actionStats(ctx, row.id)
    : { sent: 0, deferred: 0, holdout: 0, treatedDone: 0, treatedConv: 0, holdoutDone: 0, holdoutConv: 0 };
  const test = twoProportionTest(
    { n: stats.treatedDone, conversions: stats.treatedConv },
    { n: stats.holdoutDone, conversions: stats.holdoutConv },
  );
  return {
    kind,
    name: spec.name,
    segment: spec.segment,
    message: spec.text,
    enabled: settings.enabled,
    capDays: settings.capDays,
    quietStart: settings.quietStart,
    quietEnd: settings.quietEnd,
    holdoutPct: settings.holdoutPct,
    conversionDays: settings.conversionDays,
    lastRunAt: settings.lastRunAt?.toISOString() ?? null,
    sent: stats.sent,
    deferred: stats.deferred,
    heldOut: stats.holdout,
    uplift: test,
  };
}

/** Counts of one rule's actions; conversions only of actions whose window has closed or that converted already. */
async function actionStats(ctx: Ctx, ruleId: string) {
  const now = ctx.now();
  const done = or(isNotNull(lifecycleActions.convertedAt), lte(lifecycleActions.windowEndsAt, now));
  const [r] = await ctx.db
    .select({
      sent: sql<number>`count(*) filter (where ${lifecycleActions.status} = 'sent')::int`,
      deferred: sql<number>`count(*) filter (where ${lifecycleActions.status} = 'deferred')::int`,
      holdout: sql<number>`count(*) filter (where ${lifecycleActions.status} = 'holdout')::int`,
      treatedDone: sql<number>`count(*) filter (where ${lifecycleActions.status} = 'sent' and ${done})::int`,
      treatedConv: sql<number>`count(*) filter (where ${lifecycleActions.status} = 'sent' and ${lifecycleActions.convertedAt} is not null)::int`,
      holdoutDone: sql<number>`count(*) filter (where ${lifecycleActions.status} = 'holdout' and ${done})::int`,
      holdoutConv: sql<number>`count(*) filter (where ${lifecycleActions.status} = 'holdout' and ${lifecycleActions.convertedAt} is not null)::int`,
    })
    .from(lifecycleActions)
    .where(eq(lifecycleActions.ruleId, ruleId));
  return r!;
}

/** The shopper's 营销消息 switch (on unless they turned it off). */
export async function getMarketingPreference(ctx: Ctx) {
  const { userId } = requireUser(ctx.actor);
  const [row] = await ctx.db.select().from(lifecyclePreferences).where(eq(lifecyclePreferences.userId, userId));
  return { marketing: !(row?.marketingOptOut ?? false) };
}

export async function setMarketingPreference(ctx: Ctx, marketing: boolean) {
  const { userId } = requireUser(ctx.actor);
  await ctx.tx(async (db) => {
    await db
      .insert(lifecyclePreferences)
      .values({ userId, marketingOptOut: !marketing, updatedAt: ctx.now() })
      .onConflictDoUpdate({
        target: lifecyclePreferences.userId,
        set: { marketingOptOut: !marketing, updatedAt: ctx.now() },
      });
    // Whichever page the switch was flipped on, the consent history has it (docs/PRIVACY.md "Consent").
    await consentRecorder.use()(db, { userId, purpose: 'marketing', granted: marketing, at: ctx.now() });
  });
  return { marketing };
}
