import { and, desc, eq } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { type UserActor, requireUser } from '../../platform/auth.ts';
import { type Ctx, makeCtx, systemCtx } from '../../platform/context.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { createFlashSale, FLASH_ITEM_CHANGED, type FlashItemDto, getFlashItem } from '../flashsale/api.ts';
import { requireHost } from './access.ts';
import { publishToRoom } from './channel.ts';
import { liveFlashSales, liveSessionProducts } from './schema.ts';
import { publishThrottled } from './throttle.ts';
import { merchantMembership } from '../accounts/api.ts';

const refuse = refusals({
  'session-not-live': '直播未在进行中，不能发起秒杀',
  'flash-product-not-in-session': [422, '该商品不在本场直播的商品列表中'],
});

export interface LiveFlashInput {
  skuId: string;
  flashPrice: number;
  quantity: number;
  perUserLimit: number;
  countdownSeconds: number;
  durationSeconds: number;
}

/** What the room shows; viewers buy through the flash-sale purchase route with `itemId`. */
export interface LiveFlashDto {
  id: string;
  sessionId: string;
  itemId: string;
  saleId: string;
  productId: string;
  skuId: string;
  title: string;
  specText: string;
  imageUrl: string | null;
  flashPrice: number;
  regularPrice: number;
  quantity: number;
  remaining: number;
  perUserLimit: number;
  startsAt: string;
  endsAt: string;
  state: FlashItemDto['state'];
}

/**
 * The host starts a flash sale of a SKU of the session's products: a flash-sale slot of the merchant, starting
 * after the countdown, so the flash-sale engine (stock carved out up front, per-user quota, no oversell across
 * processes) does the selling. Idempotent: the same Idempotency-Key and body never create a second slot.
 */
export async function startLiveFlash(
  ctx: Ctx,
  sessionId: string,
  input: LiveFlashInput,
): Promise<Result<LiveFlashDto>> {
  const user = requireUser(ctx.actor);
  const result = await idempotent(ctx, 'live.flash', { sessionId, ...input }, async (tx) => {
    const { session } = await requireHost(ctx, sessionId, tx);
    if (session.status !== 'live') return refuse('session-not-live');
    const now = ctx.now();
    const startsAt = new Date(now.getTime() + input.countdownSeconds * 1000);
    const endsAt = new Date(startsAt.getTime() + input.durationSeconds * 1000);
    // The host may be a creator, not the merchant's staff: the room's host ability (checked above) is what lets
    // them open a slot for the session's merchant, so the flash-sale use-case runs as that merchant.
    const asMerchant = makeCtx(ctx.deps, actingFor(user, session.merchantId), {
      db: tx,
      merchantHint: session.merchantId,
      requestId: ctx.requestId,
      ip: ctx.ip,
    });
    const created = await createFlashSale(asMerchant, {
      title: `直播秒杀 · ${session.title}`.slice(0, 40),
      startsAt,
      endsAt,
      items: [
        {
          skuId: input.skuId,
          flashPrice: input.flashPrice,
          quantity: input.quantity,
          perUserLimit: input.perUserLimit,
        },
      ],
    });
    if (!created.ok) return created;
    const item = created.value.items[0]!;
    const [inBag] = await tx.select().from(liveSessionProducts).where(eqBoth(sessionId, item.productId));
    if (!inBag) return refuse('flash-product-not-in-session');
    const [row] = await tx
      .insert(liveFlashSales)
      .values({
        id: newId('lfs'),
        sessionId,
        flashSaleId: item.saleId,
        flashItemId: item.itemId,
        productId: item.productId,
        skuId: item.skuId,
        startsAt,
        endsAt,
        createdBy: user.userId,
        createdAt: now,
      })
      .returning();
    return ok(toDto(row!, item));
  });
  if (result.ok) await publishToRoom(ctx.deps, sessionId, { type: 'flash', flash: result.value });
  return result;
}

/** The room's latest live flash sale with its current remaining units, for the snapshot on connect. */
export async function latestLiveFlash(ctx: Ctx, sessionId: string): Promise<LiveFlashDto | null> {
  const [row] = await ctx.db
    .select()
    .from(liveFlashSales)
    .where(eq(liveFlashSales.sessionId, sessionId))
    .orderBy(desc(liveFlashSales.createdAt))
    .limit(1);
  if (!row) return null;
  const item = await getFlashItem(ctx, row.flashItemId).catch(() => null);
  return item ? toDto(row, item) : null;
}

/**
 * The flash-sale engine says an item's units moved (a purchase batch, an unpaid order's units back) or it closed:
 * a room running that item shows the units left, at most every 500 ms per item and the last change always.
 */
export function wireLiveFlashUpdates(deps: Deps): void {
  deps.events.subscribe<{ itemId: string }>(FLASH_ITEM_CHANGED, 'live.flash-remaining', async (db, e) => {
    const [row] = await db.select().from(liveFlashSales).where(eq(liveFlashSales.flashItemId, e.payload.itemId));
    if (!row) return;
    publishThrottled(deps, `flash:${row.id}`, async () => {
      const item = await getFlashItem(systemCtx(deps, 'live.flash-remaining'), row.flashItemId);
      await publishToRoom(deps, row.sessionId, { type: 'flash', flash: toDto(row, item) });
    });
  });
}

const actingFor = (user: UserActor, merchantId: string): UserActor => ({
  ...user,
  staff: [merchantMembership(merchantId, 'owner')],
});

const eqBoth = (sessionId: string, productId: string) =>
  and(eq(liveSessionProducts.sessionId, sessionId), eq(liveSessionProducts.productId, productId));

function toDto(row: typeof liveFlashSales.$inferSelect, item: FlashItemDto): LiveFlashDto {
  return {
    id: row.id,
    sessionId: row.sessionId,
    itemId: item.itemId,
    saleId: item.saleId,
    productId: item.productId,
    skuId: item.skuId,
    title: item.title,
    specText: item.specText,
    imageUrl: item.imageUrl,
    flashPrice: item.flashPrice,
    regularPrice: item.regularPrice,
    quantity: item.quantity,
    remaining: item.remaining,
    perUserLimit: item.perUserLimit,
    startsAt: item.startsAt,
    endsAt: item.endsAt,
    state: item.state,
  };
}
