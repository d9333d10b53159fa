import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { getOrderForAfterSale } from '../orders/api.ts';
import { memberGrowth, members } from './schema.ts';
import { GROWTH_WINDOW_DAYS, growthFor, type TierCode, tierFor } from './tiers.ts';

// Growth value and tiers: purchases add growth, refunds take their share back, and a member's tier is what the
// growth of the trailing 365 days reaches. Recomputed for one member when their growth moves, and for everyone
// by the daily job (growth leaving the window can lower a tier).

const windowStart = (now: Date) => new Date(now.getTime() - GROWTH_WINDOW_DAYS * 86_400_000);

/** order.paid: the order's growth value, once. */
export async function recordPurchaseGrowth(
  db: Db,
  input: { orderId: string; userId: string; payAmount: number; paidAt: Date },
  now: Date,
): Promise<void> {
  const amount = growthFor(input.payAmount);
  if (amount > 0) {
    await db
      .insert(memberGrowth)
      .values({
        id: newId('mgr'),
        userId: input.userId,
        kind: 'purchase',
        refId: input.orderId,
        orderId: input.orderId,
        amount,
        payAmount: input.payAmount,
        at: input.paidAt,
      })
      .onConflictDoNothing();
  }
  await recomputeMember(db, input.userId, now);
}

/** refund.completed: with R of P refunded, ⌊growth·R/P⌋ of the order's growth has been taken back. */
export async function reverseGrowthAfterRefund(
  db: Db,
  input: { orderId: string; refundId: string },
  now: Date,
): Promise<void> {
  const rows = await db.select().from(memberGrowth).where(eq(memberGrowth.orderId, input.orderId));
  const purchase = rows.find((r) => r.kind === 'purchase');
  if (!purchase?.payAmount) return;
  const order = await getOrderForAfterSale(db, input.orderId);
  if (!order) return;
  const target = Math.floor(
    (purchase.amount * Math.min(order.refundedAmount, purchase.payAmount)) / purchase.payAmount,
  );
  const reversed = -rows.filter((r) => r.kind === 'refund').reduce((a, r) => a + r.amount, 0);
  if (target > reversed) {
    await db
      .insert(memberGrowth)
      .values({
        id: newId('mgr'),
        userId: purchase.userId,
        kind: 'refund',
        refId: input.refundId,
        orderId: input.orderId,
        amount: -(target - reversed),
        at: purchase.at,
      })
      .onConflictDoNothing();
  }
  await recomputeMember(db, purchase.userId, now);
}

async function windowGrowth(db: Db, userIds: string[], now: Date): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ userId: memberGrowth.userId, growth: sql<string>`sum(${memberGrowth.amount})` })
    .from(memberGrowth)
    .where(and(inArray(memberGrowth.userId, userIds), gt(memberGrowth.at, windowStart(now))))
    .groupBy(memberGrowth.userId);
  return new Map(rows.map((r) => [r.userId, Math.max(0, Number(r.growth))]));
}

/** Sets one member's growth and tier from the window; returns the tier. */
async function recomputeMember(db: Db, userId: string, now: Date): Promise<TierCode> {
  const growth = (await windowGrowth(db, [userId], now)).get(userId) ?? 0;
  await applyTiers(db, [{ userId, growth }], now);
  return tierFor(growth);
}

/** The daily job: every member with a row or with growth in the window, in batches. */
export async function recomputeAllTiers(db: Db, now: Date): Promise<{ members: number; changed: number }> {
  const rows = await db
    .select({ userId: memberGrowth.userId, growth: sql<string>`sum(${memberGrowth.amount})` })
    .from(memberGrowth)
    .where(gt(memberGrowth.at, windowStart(now)))
    .groupBy(memberGrowth.userId);
  const inWindow = new Map(rows.map((r) => [r.userId, Math.max(0, Number(r.growth))]));
  const existing = await db.select({ userId: members.userId }).from(members);
  const all = new Set([...inWindow.keys(), ...existing.map((m) => m.userId)]);
  const list = [...all].map((userId) => ({ userId, growth: inWindow.get(userId) ?? 0 }));
  let changed = 0;
  for (let i = 0; i < list.length; i += 500) changed += await applyTiers(db, list.slice(i, i + 500), now);
  return { members: list.length, changed };
}

/** Upserts members' growth and tier; `tierSince` moves only when the tier changes. Returns how many tiers changed. */
async function applyTiers(db: Db, list: { userId: string; growth: number }[], now: Date): Promise<number> {
  if (list.length === 0) return 0;
  const before = new Map(
    (
      await db
        .select({ userId: members.userId, tier: members.tier })
        .from(members)
        .where(
          inArray(
            members.userId,
            list.map((l) => l.userId),
          ),
        )
    ).map((m) => [m.userId, m.tier]),
  );
  let changed = 0;
  for (const { userId, growth } of list) {
    const tier = tierFor(growth);
    const was = before.get(userId);
    if (was === undefined && tier === 'regular' && growth === 0) continue;
    if (was !== tier && !(was === undefined && tier === 'regular')) changed++;
    await db
      .insert(members)
      .values({ userId, tier, growth, tierSince: now, recomputedAt: now })
      .onConflictDoUpdate({
        target: members.userId,
        set: {
          tier,
          growth,
          recomputedAt: now,
          tierSince: sql`case when ${members.tier} = ${tier} then ${members.tierSince} else ${now.toISOString()}::timestamptz end`,
        },
      });
  }
  return changed;
}
