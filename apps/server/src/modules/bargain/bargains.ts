import { randomBytes } from 'node:crypto';
import { and, desc, eq, gte, lt, or, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import { type Ctx, makeCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { loadSkusForCheckout } from '../catalog/api.ts';
import { type CampaignTerms, isCampaignLive, placeOrder, quoteCheckout } from '../orders/api.ts';
import { EXPIRE_JOB, expireKey, HELPS_PER_DEVICE_PER_DAY, refuse } from './rules.ts';
import { bargainCampaigns, bargainHelps, bargains } from './schema.ts';
import { bargainSteps } from './steps.ts';
import { type BargainDto, bargainView, type BargainCampaignDto, campaignViews } from './views.ts';

type BargainRow = typeof bargains.$inferSelect;

/** The user starts bargaining: the price starts at today's price and the deadline runs from now. */
export async function startBargain(ctx: Ctx, campaignId: string): Promise<Result<BargainDto>> {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (tx) => {
    const [campaign] = await tx.select().from(bargainCampaigns).where(eq(bargainCampaigns.id, campaignId));
    if (!campaign) throw notFound('砍价活动');
    const now = ctx.now();
    const sku = (await loadSkusForCheckout(tx, [campaign.skuId])).get(campaign.skuId);
    if (!isCampaignLive(campaign, now) || !sku?.purchasable) return refuse('campaign-not-live');
    const expiresAt = new Date(Math.min(now.getTime() + campaign.durationMinutes * 60_000, campaign.endsAt.getTime()));
    const [row] = await tx
      .insert(bargains)
      .values({
        id: newId('brg'),
        campaignId,
        userId: user.userId,
        seed: randomBytes(16).toString('hex'),
        startPrice: sku.price,
        floorPrice: campaign.floorPrice,
        helpsNeeded: campaign.helpsNeeded,
        currentPrice: sku.price,
        status: 'active',
        expiresAt,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return refuse('already-started');
    await ctx.deps.jobs.enqueue(tx, EXPIRE_JOB, { bargainId: row.id }, { runAt: expiresAt, key: expireKey(row.id) });
    await emit(tx, 'bargain.started', { bargainId: row.id, campaignId, userId: user.userId });
    return ok(await bargainView(tx, row, user.userId, now));
  });
}

/**
 * A friend helps once: the next step of the seeded schedule comes off the price. One help per account per
 * campaign (a unique index decides under concurrency), a few per IP/device per day, never on one's own bargain.
 */
export async function helpBargain(
  ctx: Ctx,
  bargainId: string,
  deviceId: string | undefined,
): Promise<Result<BargainDto>> {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (tx) => {
    const [b] = await tx.select().from(bargains).where(eq(bargains.id, bargainId)).for('update');
    if (!b) throw notFound('砍价');
    const now = ctx.now();
    if (b.userId === user.userId) return refuse('own-bargain');
    if (b.status !== 'active') return refuse('bargain-not-active');
    if (b.expiresAt <= now) return refuse('bargain-expired');
    if (b.helpsCount >= b.helpsNeeded) return refuse('bargain-complete');
    const dayAgo = new Date(now.getTime() - 86_400_000);
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(bargainHelps)
      .where(
        and(
          eq(bargainHelps.campaignId, b.campaignId),
          gte(bargainHelps.createdAt, dayAgo),
          deviceId ? or(eq(bargainHelps.ip, ctx.ip), eq(bargainHelps.deviceId, deviceId)) : eq(bargainHelps.ip, ctx.ip),
        ),
      );
    if ((recent?.n ?? 0) >= HELPS_PER_DEVICE_PER_DAY) return refuse('device-limit');
    const amount = bargainSteps(b.seed, b.startPrice - b.floorPrice, b.helpsNeeded)[b.helpsCount]!;
    const priceAfter = b.currentPrice - amount;
    const [help] = await tx
      .insert(bargainHelps)
      .values({
        id: newId('bgh'),
        bargainId: b.id,
        campaignId: b.campaignId,
        helperId: user.userId,
        seq: b.helpsCount,
        amount,
        priceAfter,
        ip: ctx.ip,
        deviceId: deviceId ?? null,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: bargainHelps.id });
    if (!help) return refuse('already-helped');
    const [moved] = await tx
      .update(bargains)
      .set({ helpsCount: b.helpsCount + 1, currentPrice: priceAfter })
      .where(eq(bargains.id, b.id))
      .returning();
    await emit(tx, 'bargain.helped', {
      bargainId: b.id,
      helperId: user.userId,
      amount,
      priceAfter,
      reachedFloor: priceAfter === b.floorPrice,
    });
    return ok(await bargainView(tx, moved!, user.userId, now));
  });
}

const termsOf = (b: BargainRow, skuId: string): CampaignTerms => ({
  kind: 'bargain',
  campaignId: b.campaignId,
  unitPrices: new Map([[skuId, b.currentPrice]]),
});

async function ownBargain(db: Db, userId: string, bargainId: string) {
  const [b] = await db.select().from(bargains).where(eq(bargains.id, bargainId));
  if (!b || b.userId !== userId) throw notFound('砍价');
  const [c] = await db.select().from(bargainCampaigns).where(eq(bargainCampaigns.id, b.campaignId));
  return { b, skuId: c!.skuId };
}

interface Benefits {
  couponIds?: string[] | undefined;
  usePoints?: boolean | undefined;
}

export async function quoteBargainOrder(
  ctx: Ctx,
  bargainId: string,
  input: Benefits & { addressId?: string | undefined },
) {
  const user = requireUser(ctx.actor);
  const { b, skuId } = await ownBargain(ctx.db, user.userId, bargainId);
  return quoteCheckout(ctx, { ...input, items: [{ skuId, qty: 1 }] }, termsOf(b, skuId));
}

/** The user buys at the price reached so far, before the deadline; the bargain waits for the payment. */
export async function orderBargain(
  ctx: Ctx,
  bargainId: string,
  input: Benefits & { addressId: string; expectedAmount: number; note?: string | undefined },
): Promise<Result<{ bargainId: string; orderId: string; checkoutId: string; amount: number }>> {
  const user = requireUser(ctx.actor);
  return idempotent(ctx, 'bargain.order', { bargainId, ...input }, async (tx) => {
    const { skuId } = await ownBargain(tx, user.userId, bargainId);
    const [b] = await tx.select().from(bargains).where(eq(bargains.id, bargainId)).for('update');
    if (b!.status !== 'active') return refuse('bargain-not-active');
    if (b!.expiresAt <= ctx.now()) return refuse('bargain-expired');
    const inTx = makeCtx(ctx.deps, ctx.actor, { db: tx, requestId: ctx.requestId, ip: ctx.ip });
    const placed = await placeOrder(inTx, { ...input, items: [{ skuId, qty: 1 }] }, termsOf(b!, skuId));
    if (!placed.ok) return placed;
    const orderId = placed.value.orders[0]!.id;
    await tx.update(bargains).set({ status: 'ordered', orderId }).where(eq(bargains.id, bargainId));
    await emit(tx, 'bargain.ordered', { bargainId, userId: user.userId, orderId, price: b!.currentPrice });
    return ok({ bargainId, orderId, checkoutId: placed.value.checkoutId, amount: placed.value.amount });
  });
}

export async function getBargain(ctx: Ctx, bargainId: string): Promise<BargainDto> {
  const [b] = await ctx.db.select().from(bargains).where(eq(bargains.id, bargainId));
  if (!b) throw notFound('砍价');
  return bargainView(ctx.db, b, ctx.actor.kind === 'user' ? ctx.actor.userId : undefined, ctx.now());
}

export async function listMyBargains(
  ctx: Ctx,
  query: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: BargainDto[]; nextCursor: string | null }> {
  const user = requireUser(ctx.actor);
  const limit = query.limit ?? 10;
  const rows = await ctx.db
    .select()
    .from(bargains)
    .where(and(eq(bargains.userId, user.userId), query.cursor ? lt(bargains.id, query.cursor) : undefined))
    .orderBy(desc(bargains.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const items: BargainDto[] = [];
  for (const b of page) items.push(await bargainView(ctx.db, b, user.userId, ctx.now()));
  return { items, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}

/** Live bargain campaigns of a product, with the viewer's own bargain id when they started one. */
export async function productBargains(
  ctx: Ctx,
  productId: string,
): Promise<{ items: (BargainCampaignDto & { myBargainId: string | null })[] }> {
  const rows = await ctx.db
    .select()
    .from(bargainCampaigns)
    .where(and(eq(bargainCampaigns.productId, productId), eq(bargainCampaigns.status, 'active')));
  const live = (await campaignViews(ctx.db, rows, ctx.now())).filter((c) => c.live);
  const viewerId = ctx.actor.kind === 'user' ? ctx.actor.userId : undefined;
  const mine =
    viewerId && live.length
      ? await ctx.db
          .select({ id: bargains.id, campaignId: bargains.campaignId })
          .from(bargains)
          .where(and(eq(bargains.userId, viewerId), sql`${bargains.campaignId} in ${live.map((c) => c.id)}`))
      : [];
  return { items: live.map((c) => ({ ...c, myBargainId: mine.find((m) => m.campaignId === c.id)?.id ?? null })) };
}
