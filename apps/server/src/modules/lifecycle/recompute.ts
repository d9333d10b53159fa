import { and, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { pseudonym, queryEvents } from '../analytics/api.ts';
import {
  lifecycleActions,
  lifecycleCustomers,
  lifecyclePurchases,
  lifecycleSnapshots,
  lifecycleTransitions,
  type Segment,
  SEGMENTS,
} from './schema.ts';
import { assess, type CustomerFacts, thresholdsOf } from './segments.ts';
import { beijingDay } from './time.ts';

export const PLATFORM = 'platform';
const DAY = 86_400_000;
/** Behaviour that counts as interaction for the health score (not impressions: being shown something is not acting). */
const INTERACTIONS = [
  'view',
  'click',
  'search',
  'add_to_cart',
  'live_enter',
  'share',
  'follow',
  'join_community',
  'post_interaction',
];

type Customer = typeof lifecycleCustomers.$inferSelect;

/** user.registered: every shopper starts as new in the platform scope. */
export async function recordSignup(deps: Deps, db: Db, userId: string, at: Date): Promise<void> {
  const inserted = await db
    .insert(lifecycleCustomers)
    .values(newCustomer(deps, PLATFORM, userId, at))
    .onConflictDoNothing()
    .returning({ userId: lifecycleCustomers.userId });
  if (inserted.length > 0) await recordTransition(db, PLATFORM, userId, null, 'new', at);
}

export interface Purchase {
  orderId: string;
  userId: string;
  merchantId: string;
  payAmount: number;
  paidAt: Date;
}

/**
 * order.paid: the purchase counts in the platform scope and the merchant's, the buyer is reassessed at once
 * (a churned buyer who comes back is not churned for five more minutes), and open actions of the buyer in those
 * scopes whose conversion window covers the payment are marked converted.
 */
export async function recordPurchase(deps: Deps, db: Db, p: Purchase, now: Date): Promise<void> {
  for (const scope of [PLATFORM, p.merchantId]) {
    const created = await db
      .insert(lifecycleCustomers)
      .values(newCustomer(deps, scope, p.userId, p.paidAt))
      .onConflictDoNothing()
      .returning({ userId: lifecycleCustomers.userId });
    if (created.length > 0) await recordTransition(db, scope, p.userId, null, 'new', p.paidAt);
    await db
      .insert(lifecyclePurchases)
      .values({ scope, orderId: p.orderId, userId: p.userId, amount: p.payAmount, paidAt: p.paidAt })
      .onConflictDoNothing();
    await db
      .update(lifecycleActions)
      .set({ convertedAt: p.paidAt })
      .where(
        and(
          eq(lifecycleActions.scope, scope),
          eq(lifecycleActions.userId, p.userId),
          inArray(lifecycleActions.status, ['sent', 'holdout']),
          isNull(lifecycleActions.convertedAt),
          lte(lifecycleActions.actedAt, p.paidAt),
          gte(lifecycleActions.windowEndsAt, p.paidAt),
        ),
      );
    const [c] = await db
      .select()
      .from(lifecycleCustomers)
      .where(and(eq(lifecycleCustomers.scope, scope), eq(lifecycleCustomers.userId, p.userId)));
    const purchases = await purchasesInWindow(deps, db, now, scope, p.userId);
    await reassess(deps, db, c!, purchases.get(key(scope, p.userId)) ?? [], now);
  }
}

/**
 * The periodic recompute: interactions (30 days) and social influence (orders paid through the user's shares)
 * come from the analytics engine; purchases from this module's record of order.paid. Every customer is
 * reassessed, transitions recorded, and today's segment counts stored for the history chart.
 */
export async function recomputeSegments(deps: Deps, db: Db, now: Date): Promise<number> {
  const interactions = await interactionsByPid(deps, now);
  const influence = await influenceByPid(deps);
  const purchases = await purchasesInWindow(deps, db, now);
  const customers = await db.select().from(lifecycleCustomers);
  let changed = 0;
  for (const c of customers) {
    const next = {
      ...c,
      interactions: interactions.get(c.userPid) ?? 0,
      influence:
        c.scope === PLATFORM
          ? [...(influence.get(c.userPid)?.values() ?? [])].reduce((a, b) => a + b, 0)
          : (influence.get(c.userPid)?.get(c.scope) ?? 0),
    };
    if (await reassess(deps, db, next, purchases.get(key(c.scope, c.userId)) ?? [], now)) changed++;
  }
  await snapshot(db, now);
  return changed;
}

async function reassess(
  deps: Deps,
  db: Db,
  c: Customer,
  purchases: { paidAt: Date; amount: number }[],
  now: Date,
): Promise<boolean> {
  const facts: CustomerFacts = {
    since: c.since,
    paidAt: purchases.map((p) => p.paidAt),
    amount: purchases.reduce((a, p) => a + p.amount, 0),
    interactions: c.interactions,
  };
  const a = assess(facts, now, thresholdsOf(deps.config));
  const moved = a.segment !== c.segment;
  await db
    .update(lifecycleCustomers)
    .set({
      orders: purchases.length,
      amount: facts.amount,
      firstPaidAt: purchases[0]?.paidAt ?? null,
      lastPaidAt: purchases.at(-1)?.paidAt ?? c.lastPaidAt,
      interactions: c.interactions,
      influence: c.influence,
      segment: a.segment,
      segmentSince: moved ? now : c.segmentSince,
      health: a.health,
      churnWarning: a.churnWarning,
      computedAt: now,
    })
    .where(and(eq(lifecycleCustomers.scope, c.scope), eq(lifecycleCustomers.userId, c.userId)));
  if (moved) await recordTransition(db, c.scope, c.userId, c.segment, a.segment, now);
  return moved;
}

const key = (scope: string, userId: string) => `${scope}\u0000${userId}`;

async function purchasesInWindow(deps: Deps, db: Db, now: Date, scope?: string, userId?: string) {
  const from = new Date(now.getTime() - deps.config.LIFECYCLE_WINDOW_DAYS * DAY);
  const rows = await db
    .select()
    .from(lifecyclePurchases)
    .where(
      and(
        gte(lifecyclePurchases.paidAt, from),
        scope ? eq(lifecyclePurchases.scope, scope) : undefined,
        userId ? eq(lifecyclePurchases.userId, userId) : undefined,
      ),
    )
    .orderBy(lifecyclePurchases.paidAt);
  const out = new Map<string, { paidAt: Date; amount: number }[]>();
  for (const r of rows) {
    const k = key(r.scope, r.userId);
    out.set(k, [...(out.get(k) ?? []), { paidAt: r.paidAt, amount: r.amount }]);
  }
  return out;
}

async function interactionsByPid(deps: Deps, now: Date): Promise<Map<string, number>> {
  const rows = await queryEvents<{ pid: string; n: number | bigint }>(
    deps,
    `SELECT user_pid AS pid, count(*) AS n FROM events
      WHERE user_pid IS NOT NULL AND ts >= $since AND type IN (${INTERACTIONS.map((t) => `'${t}'`).join(', ')})
      GROUP BY user_pid`,
    { since: new Date(now.getTime() - 30 * DAY) },
  );
  return new Map(rows.map((r) => [r.pid, Number(r.n)]));
}

/** Orders paid through each sharer's links, per merchant: the pay rows of channel `share` name the sharer's pseudonym. */
async function influenceByPid(deps: Deps): Promise<Map<string, Map<string, number>>> {
  const rows = await queryEvents<{ pid: string; merchant: string | null; n: number | bigint }>(
    deps,
    `SELECT channel_ref AS pid, merchant_id AS merchant, count(DISTINCT order_id) AS n FROM events
      WHERE type = 'pay' AND channel = 'share' AND channel_ref IS NOT NULL
      GROUP BY channel_ref, merchant_id`,
  );
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = out.get(r.pid) ?? new Map<string, number>();
    m.set(r.merchant ?? '', Number(r.n));
    out.set(r.pid, m);
  }
  return out;
}

async function snapshot(db: Db, now: Date): Promise<void> {
  const counts = await db
    .select({ scope: lifecycleCustomers.scope, segment: lifecycleCustomers.segment, users: sql<number>`count(*)::int` })
    .from(lifecycleCustomers)
    .groupBy(lifecycleCustomers.scope, lifecycleCustomers.segment);
  const day = beijingDay(now);
  const scopes = new Set(counts.map((c) => c.scope));
  const rows = [...scopes].flatMap((scope) =>
    SEGMENTS.map((segment) => ({
      scope,
      day,
      segment,
      users: counts.find((c) => c.scope === scope && c.segment === segment)?.users ?? 0,
    })),
  );
  if (rows.length === 0) return;
  await db
    .insert(lifecycleSnapshots)
    .values(rows)
    .onConflictDoUpdate({
      target: [lifecycleSnapshots.scope, lifecycleSnapshots.day, lifecycleSnapshots.segment],
      set: { users: sql`excluded.users` },
    });
}

function newCustomer(deps: Deps, scope: string, userId: string, at: Date) {
  return {
    scope,
    userId,
    userPid: pseudonym(deps.config.ANALYTICS_PSEUDONYM_SECRET, userId),
    since: at,
    segment: 'new' as const,
    segmentSince: at,
    computedAt: at,
  };
}

async function recordTransition(
  db: Db,
  scope: string,
  userId: string,
  from: Segment | null,
  to: Segment,
  at: Date,
): Promise<void> {
  await db
    .insert(lifecycleTransitions)
    .values({ id: newId('lct'), scope, userId, fromSegment: from, toSegment: to, at });
}
