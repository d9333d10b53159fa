import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { requireUser } from '../../platform/auth.ts';
import { KeyedGroupCommitter } from '../../platform/batcher.ts';
import { bulkInsert } from '../../platform/bulk.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { shippingAddressesOf } from '../accounts/api.ts';
import { loadSkusForCheckout } from '../catalog/api.ts';
import { nextOrderNos, placeCampaignOrders } from '../orders/api.ts';
import { eligibleBuyers, openedFor, opensFor } from './eligibility.ts';
import { flashGate } from './gate.ts';
import { FLASH_ITEM_CHANGED } from './jobs.ts';
import { flashStockGate } from './stock-gate.ts';
import { flashItems, flashPurchases, flashQuotas } from './schema.ts';

const refuse = refusals({
  'flash-not-started': '秒杀尚未开始',
  'flash-ended': '秒杀已结束',
  'flash-sold-out': '已抢光',
  'flash-limit-reached': '已达到每人限购数量',
  'flash-in-progress': '正在抢购中，请勿重复提交',
  'flash-not-eligible': '本场为会员/社群专享',
  'flash-unavailable': '商品暂不可售',
  'address-required': '请先添加收货地址',
});

export interface FlashPurchaseDto {
  purchaseId: string;
  itemId: string;
  orderId: string;
  checkoutId: string;
  qty: number;
  payAmount: number;
  payDeadline: string;
  status: 'reserved' | 'paid' | 'expired' | 'cancelled';
}

interface Attempt {
  userId: string;
  qty: number;
  addressId: string | undefined;
  requestKey: string;
}
/** `replay`: the buyer's earlier win answered again, which sold no new unit. */
type Outcome =
  { ok: true; purchase: FlashPurchaseDto; replay?: boolean } | { ok: false; type: RefusalType; detail?: string };
type RefusalType = Parameters<typeof refuse>[0];

/**
 * One buyer's tap on 立即抢购. Everything that can be answered from memory is (not started, ended, sold out, double
 * tap); the rest joins the item's group commit, and the buyer hears "won" only after the transaction that wrote
 * their order committed. Retrying with the same Idempotency-Key returns the same purchase.
 */
export async function purchaseFlashItem(
  ctx: Ctx,
  itemId: string,
  input: { qty: number; addressId?: string | undefined },
): Promise<Result<FlashPurchaseDto>> {
  const user = requireUser(ctx.actor);
  const requestKey = ctx.idempotencyKey;
  if (!requestKey)
    throw new AppError(
      'idempotency-key-required',
      400,
      '缺少 Idempotency-Key 请求头',
      '抢购请求须带 Idempotency-Key，重试时沿用同一个',
    );
  const gate = flashGate(ctx.deps);
  const view = await gate.view(ctx.db, itemId);
  if (!view) throw notFound('秒杀商品');
  const now = ctx.now();
  if (now < view.startsAt) {
    // A limited edition may already be open to this buyer's tier; any other slot refuses from memory.
    const opens = await opensFor(ctx.db, view, user.userId, now);
    if (now < opens) return refuse('flash-not-started', `${opens.toISOString()} 开抢`);
  }
  if (input.qty > view.perUserLimit) return refuse('flash-limit-reached', `每人限购 ${view.perUserLimit} 件`);
  const ended = now >= view.endsAt || view.saleStatus === 'cancelled';
  if (ended || gate.isSoldOut(itemId)) {
    // Only a retry of a purchase that already won may still get its answer.
    const earlier = await findPurchase(ctx.db, itemId, user.userId, requestKey);
    if (earlier) return ok(earlier);
    return ended ? refuse('flash-ended') : refuse('flash-sold-out');
  }
  if (!gate.enter(itemId, user.userId)) return refuse('flash-in-progress');
  try {
    // With Redis, units are counted down there first: attempts beyond the stock left never reach PostgreSQL.
    const stockGate = flashStockGate(ctx.deps);
    const attempt = { itemId, userId: user.userId, qty: input.qty };
    const pre = stockGate ? await stockGate.take(ctx.db, attempt, view.perUserLimit) : 'skipped';
    if (pre === 'held') {
      // Another tap of this buyer (on any process) holds their limit: its answer, or the limit.
      const earlier = await findPurchase(ctx.db, itemId, user.userId, requestKey);
      return earlier ? ok(earlier) : refuse('flash-limit-reached', `每人限购 ${view.perUserLimit} 件`);
    }
    if (pre === 'sold-out') {
      gate.markSoldOut(itemId);
      const earlier = await findPurchase(ctx.db, itemId, user.userId, requestKey);
      return earlier ? ok(earlier) : refuse('flash-sold-out');
    }
    let outcome: Outcome | undefined;
    try {
      outcome = await committerFor(ctx.deps).submit(itemId, {
        userId: user.userId,
        qty: input.qty,
        addressId: input.addressId,
        requestKey,
      });
    } finally {
      // A unit taken in Redis goes back unless the database sold it (or found the pool empty); a replayed win
      // sold nothing, so its unit goes back too (else a buyer tapping on two processes leaks one and undersells).
      const sold = outcome?.ok === true && outcome.replay !== true;
      if (pre === 'taken' && !(sold || (outcome?.ok === false && outcome.type === 'flash-sold-out')))
        await stockGate!.giveBack(attempt);
    }
    ctx.deps.events.kick();
    if (outcome.ok) return ok(outcome.purchase);
    if (outcome.type === 'flash-sold-out') gate.markSoldOut(itemId);
    return refuse(outcome.type, outcome.detail);
  } finally {
    gate.leave(itemId, user.userId);
  }
}

/** Batches of one item writing at once per process; they serialise only on the final guarded update. */
const FLASH_BATCHES_IN_FLIGHT = 4;
const committers = new WeakMap<Deps, KeyedGroupCommitter<Attempt, Outcome>>();
function committerFor(deps: Deps): KeyedGroupCommitter<Attempt, Outcome> {
  let c = committers.get(deps);
  if (!c) {
    // PGlite runs one transaction at a time, so pipelining batches only helps on PostgreSQL.
    const maxInFlight = deps.database.kind === 'postgres' ? FLASH_BATCHES_IN_FLIGHT : 1;
    c = new KeyedGroupCommitter((itemId, attempts) => commitPurchaseBatch(deps, itemId, attempts), { maxInFlight });
    committers.set(deps, c);
  }
  return c;
}

/**
 * One transaction for a whole batch of attempts on one item. The item row is locked once per batch (not once per
 * buyer), per-user limits are one guarded upsert, and the winners' orders are multi-row inserts — so the hot row's
 * lock is held for a handful of statements whatever the batch size. Winners are chosen in arrival order.
 */
async function commitPurchaseBatch(deps: Deps, itemId: string, attempts: Attempt[]): Promise<Outcome[]> {
  try {
    return await runBatch(deps, itemId, attempts, 'optimistic');
  } catch (err) {
    // Another batch (or process) took units between our read and our update: redo it holding the lock throughout.
    if (err instanceof PoolMoved) return runBatch(deps, itemId, attempts, 'locked');
    throw err;
  }
}

class PoolMoved extends Error {}

/**
 * 'optimistic' reads the pool without a lock, writes everything, and takes the item's row lock only in the final
 * guarded update — so the lock is held for that update and the commit, and several batches can be writing their
 * orders at once. If the guard fails the transaction rolls back and the batch is redone in 'locked' mode.
 */
async function runBatch(
  deps: Deps,
  itemId: string,
  attempts: Attempt[],
  mode: 'optimistic' | 'locked',
): Promise<Outcome[]> {
  return deps.database.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const view = await flashGate(deps).view(tx, itemId);
    if (!view) return attempts.map(() => ({ ok: false, type: 'flash-unavailable' as const }));
    // The batch's reads do not depend on each other: sent together, one round trip on PostgreSQL's pipeline.
    // Addresses are read for every attempt; those refused before the address check simply do not use theirs.
    const [[item], earlier, addresses, skus] = await Promise.all([
      tx.select().from(flashItems).where(eq(flashItems.id, itemId)),
      purchasesByRequest(tx, itemId, attempts),
      shippingAddressesOf(
        deps,
        tx,
        attempts.map((a) => ({ userId: a.userId, addressId: a.addressId })),
      ),
      loadSkusForCheckout(tx, [view.skuId]),
    ]);
    if (!item) return attempts.map(() => ({ ok: false, type: 'flash-unavailable' as const }));

    const outcomes: (Outcome | undefined)[] = attempts.map(() => undefined);
    attempts.forEach((a, i) => {
      const p = earlier.get(`${a.userId}:${a.requestKey}`);
      if (p) outcomes[i] = { ok: true, purchase: p, replay: true };
    });
    if (now >= view.endsAt || view.saleStatus === 'cancelled' || item.closedAt) {
      return settle(outcomes, { ok: false, type: now < view.startsAt ? 'flash-not-started' : 'flash-ended' });
    }

    // Before the start only members whose tier opens a limited edition early get through (same pool, same limits).
    const pending = attempts.map((a, i) => ({ a, i })).filter(({ i }) => !outcomes[i]);
    const started = await openedFor(
      tx,
      view,
      pending.map(({ a }) => a.userId),
      now,
    );
    const open = pending.filter(({ a, i }) => {
      if (!started.has(a.userId)) outcomes[i] = { ok: false, type: 'flash-not-started' };
      return outcomes[i] === undefined;
    });
    if (open.length === 0) return settle(outcomes, { ok: false, type: 'flash-not-started' });
    const eligible = await eligibleBuyers(
      tx,
      view,
      open.map(({ a }) => a.userId),
    );
    const candidates = open.filter(({ a, i }) => {
      if (!eligible.has(a.userId)) outcomes[i] = { ok: false, type: 'flash-not-eligible' };
      else if (!addresses.has(a.userId)) outcomes[i] = { ok: false, type: 'address-required' };
      return outcomes[i] === undefined;
    });

    if (item.quantity - item.sold === 0) return settle(outcomes, { ok: false, type: 'flash-sold-out' });
    const withinLimit = await takeQuota(
      tx,
      item.id,
      item.perUserLimit,
      candidates.map(({ a }) => a),
    );
    // Order numbers for every buyer who may win are taken here, before the item's lock: locks are always taken
    // in the same order — buyers' quota rows (sorted), the day's order-number counter, then the item — so batches
    // of different processes, checkouts and the expiry handler can wait for each other but never deadlock. A
    // batch that sells out leaves its losers' numbers unused: order numbers are unique and rising, not gapless.
    const mayWin = candidates.filter(({ a }) => withinLimit.has(a.userId)).length;
    const orderNos = mayWin > 0 ? await nextOrderNos(tx, now, mayWin) : [];
    const pool =
      mode === 'locked'
        ? (await tx.select().from(flashItems).where(eq(flashItems.id, itemId)).for('update'))[0]!
        : item;
    if (pool.closedAt) return settle(outcomes, { ok: false, type: 'flash-ended' });
    let left = pool.quantity - pool.sold;
    const winners: typeof candidates = [];
    const losers: Attempt[] = [];
    for (const c of candidates) {
      if (!withinLimit.has(c.a.userId))
        outcomes[c.i] = { ok: false, type: 'flash-limit-reached', detail: `每人限购 ${item.perUserLimit} 件` };
      else if (c.a.qty > left) {
        outcomes[c.i] = { ok: false, type: 'flash-sold-out' };
        losers.push(c.a);
      } else {
        left -= c.a.qty;
        winners.push(c);
      }
    }
    await giveBackQuota(tx, item.id, losers);
    if (winners.length === 0) return settle(outcomes, { ok: false, type: 'flash-sold-out' });

    const taken = winners.reduce((n, w) => n + w.a.qty, 0);
    const sku = skus.get(item.skuId);
    if (!sku) throw new Error(`flash item ${item.id}: SKU ${item.skuId} is gone`);
    const payDeadline = new Date(now.getTime() + view.payWindowSeconds * 1000);
    const placed = await placeCampaignOrders(
      deps,
      tx,
      now,
      winners.map(({ a }, k) => {
        const { id: _id, isDefault: _d, ...address } = addresses.get(a.userId)!;
        return {
          orderNo: orderNos[k]!,
          userId: a.userId,
          sku,
          qty: a.qty,
          unitPrice: item.flashPrice,
          shippingFee: 0,
          address,
          campaign: { kind: 'flash_sale' as const, id: item.id },
          stockPool: 'campaign' as const,
          payDeadline,
        };
      }),
    );
    const rows = winners.map(({ a }, k) => ({
      id: newId('fsp'),
      itemId: item.id,
      saleId: item.saleId,
      userId: a.userId,
      requestKey: a.requestKey,
      qty: a.qty,
      orderId: placed[k]!.orderId,
      checkoutId: placed[k]!.checkoutId,
      payAmount: placed[k]!.payAmount,
      status: 'reserved' as const,
      createdAt: now,
      payDeadline,
    }));
    // The purchases, the guarded update of the pool and the event go out together; the update comes after the
    // inserts, so the hot row stays locked only for it, the event and the commit. A failed guard rolls all back.
    const [, took] = await Promise.all([
      bulkInsert(tx, flashPurchases, rows),
      tx
        .update(flashItems)
        .set({ sold: sql`${flashItems.sold} + ${taken}` })
        .where(
          and(
            eq(flashItems.id, item.id),
            sql`${flashItems.sold} + ${taken} <= ${flashItems.quantity}`,
            isNull(flashItems.closedAt),
          ),
        )
        .returning({ sold: flashItems.sold }),
      // One event per batch (not per buyer): rooms showing this item (live flash sales) publish the units left.
      emit(tx, FLASH_ITEM_CHANGED, { itemId: item.id, saleId: item.saleId }),
    ]);
    if (took.length === 0) throw new PoolMoved();
    winners.forEach(({ i }, k) => (outcomes[i] = { ok: true, purchase: toDto(rows[k]!) }));
    return settle(outcomes, { ok: false, type: 'flash-sold-out' });
  });
}

const settle = (outcomes: (Outcome | undefined)[], rest: Outcome): Outcome[] => outcomes.map((o) => o ?? rest);

/**
 * Adds each buyer's units to what they hold, only where the total stays within the limit; returns who fit. A
 * buyer appears once per batch: a second attempt from another process lands in a later batch and sees the first.
 */
async function takeQuota(tx: Db, itemId: string, limit: number, attempts: Attempt[]): Promise<Set<string>> {
  const once = new Map<string, Attempt>();
  for (const a of attempts) if (!once.has(a.userId)) once.set(a.userId, a);
  if (once.size === 0) return new Set();
  const buyers = [...once.values()].sort((x, y) => (x.userId < y.userId ? -1 : 1));
  const result = await tx.execute(
    sql`insert into ${flashQuotas} (item_id, user_id, qty)
        select ${itemId}, u, q from unnest(${sql.param(buyers.map((a) => a.userId))}::text[], ${sql.param(buyers.map((a) => a.qty))}::int[]) as t(u, q)
        on conflict (item_id, user_id) do update set qty = ${flashQuotas}.qty + excluded.qty
        where ${flashQuotas}.qty + excluded.qty <= ${limit}
        returning user_id`,
  );
  const fit = new Set((result as { rows: { user_id: string }[] }).rows.map((r) => r.user_id));
  // A second attempt by the same buyer inside this batch is over the limit by construction of `once`.
  return new Set(attempts.filter((a) => fit.has(a.userId) && once.get(a.userId) === a).map((a) => a.userId));
}

/** Returns units to buyers' quotas (lost the race, or an unpaid purchase expired), in one statement. */
export async function giveBackQuota(
  tx: Db,
  itemId: string,
  attempts: { userId: string; qty: number }[],
): Promise<void> {
  if (attempts.length === 0) return;
  const values = sql.join(
    [...attempts].sort((x, y) => (x.userId < y.userId ? -1 : 1)).map((a) => sql`(${a.userId}::text, ${a.qty}::int)`),
    sql`, `,
  );
  await tx.execute(
    sql`update ${flashQuotas} q set qty = greatest(q.qty - v.qty, 0) from (values ${values}) as v(user_id, qty)
        where q.item_id = ${itemId} and q.user_id = v.user_id`,
  );
}

async function purchasesByRequest(tx: Db, itemId: string, attempts: Attempt[]): Promise<Map<string, FlashPurchaseDto>> {
  const rows = await tx
    .select()
    .from(flashPurchases)
    .where(
      and(
        eq(flashPurchases.itemId, itemId),
        sql`${flashPurchases.userId} = any(${sql.param(attempts.map((a) => a.userId))}::text[])`,
        sql`${flashPurchases.requestKey} = any(${sql.param(attempts.map((a) => a.requestKey))}::text[])`,
      ),
    );
  return new Map(rows.map((r) => [`${r.userId}:${r.requestKey}`, toDto(r)]));
}

async function findPurchase(
  db: Db,
  itemId: string,
  userId: string,
  requestKey: string,
): Promise<FlashPurchaseDto | undefined> {
  const [row] = await db
    .select()
    .from(flashPurchases)
    .where(
      and(
        eq(flashPurchases.itemId, itemId),
        eq(flashPurchases.userId, userId),
        eq(flashPurchases.requestKey, requestKey),
      ),
    );
  return row ? toDto(row) : undefined;
}

export const toDto = (r: typeof flashPurchases.$inferSelect): FlashPurchaseDto => ({
  purchaseId: r.id,
  itemId: r.itemId,
  orderId: r.orderId,
  checkoutId: r.checkoutId,
  qty: r.qty,
  payAmount: r.payAmount,
  payDeadline: r.payDeadline.toISOString(),
  status: r.status,
});
