import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { actingMerchant, canSeeMerchant, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { formatYuan } from '../../platform/money.ts';
import { loadSkusForCheckout, releaseStock, reserveStock, type SkuSnapshot } from '../catalog/api.ts';
import { communityNames } from '../communities/api.ts';
import { priorityAccessFrom, type TierCode, tierOf } from '../membership/api.ts';
import { CLOSE_SALE_JOB, closeSaleKey, FLASH_ITEM_CHANGED } from './jobs.ts';
import { flashGate } from './gate.ts';
import { flashStockGate } from './stock-gate.ts';
import { type FlashPurchaseDto, toDto } from './purchase.ts';
import { flashItems, flashPurchases, flashQuotas, flashSales, type TIER_CODES } from './schema.ts';

export { FLASH_ITEM_CHANGED };

export { purchaseFlashItem } from './purchase.ts';

const DEFAULT_PAY_WINDOW_SECONDS = 300;
const MAX_SLOT_HOURS = 24;

const refuse = refusals({
  'flash-invalid-window': [422, '秒杀场次时间不合理'],
  'flash-invalid-item': [422, '秒杀商品设置有误'],
  'flash-invalid-community': [422, '专享社群设置有误'],
  'out-of-stock': '库存不足，无法划出秒杀数量',
  'flash-already-started': '场次已开始，不能取消',
});

type FlashState = 'upcoming' | 'live' | 'sold_out' | 'ended';

export interface FlashItemDto {
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
  sold: number;
  remaining: number;
  perUserLimit: number;
  startsAt: string;
  endsAt: string;
  payWindowSeconds: number;
  state: FlashState;
  minTier: (typeof TIER_CODES)[number] | null;
  communityId: string | null;
  /** Limited edition (会员优先购): 金卡 and 黑钻 may buy before startsAt. */
  memberEarlyAccess: boolean;
  /** When the signed-in buyer may buy: their tier's early start on a limited edition, else startsAt. */
  myStartsAt: string;
}

export interface FlashSlotDto {
  saleId: string;
  title: string;
  merchantId: string;
  merchantName: string;
  startsAt: string;
  endsAt: string;
  state: 'upcoming' | 'live' | 'ended' | 'cancelled';
  /** VIP slot: only buyers from this tier up may buy. */
  minTier: (typeof TIER_CODES)[number] | null;
  /** Community slot: only members of this community may buy. */
  communityId: string | null;
  memberEarlyAccess: boolean;
  items: FlashItemDto[];
}

export interface CreateFlashSaleInput {
  title: string;
  startsAt: Date;
  endsAt: Date;
  payWindowSeconds?: number | undefined;
  minTier?: (typeof TIER_CODES)[number] | undefined;
  communityId?: string | undefined;
  memberEarlyAccess?: boolean | undefined;
  items: { skuId: string; flashPrice: number; quantity: number; perUserLimit: number }[];
}

/**
 * A merchant schedules a slot. Each item's flash quantity is taken out of the SKU's stock now (guarded, all or
 * nothing), so the flash pool and normal sales can never sell the same unit; what is unsold returns when the slot
 * ends. The flash price must be below today's price — the crossed-out price shown is that real price.
 */
export async function createFlashSale(ctx: Ctx, input: CreateFlashSaleInput): Promise<Result<FlashSlotDto>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage');
  const user = requireUser(ctx.actor);
  const now = ctx.now();
  if (input.startsAt.getTime() < now.getTime() - 60_000) return refuse('flash-invalid-window', '开始时间不能早于现在');
  if (input.endsAt <= input.startsAt) return refuse('flash-invalid-window', '结束时间须晚于开始时间');
  if (input.endsAt.getTime() - input.startsAt.getTime() > MAX_SLOT_HOURS * 3_600_000)
    return refuse('flash-invalid-window', `一个场次最长 ${MAX_SLOT_HOURS} 小时`);
  const skuIds = input.items.map((i) => i.skuId);
  if (new Set(skuIds).size !== skuIds.length) return refuse('flash-invalid-item', '同一规格在一个场次里只能出现一次');

  return ctx.tx(async (tx) => {
    if (input.communityId && !(await communityNames(tx, [input.communityId])).has(input.communityId))
      return refuse('flash-invalid-community', '所选社群不存在');
    const skus = await loadSkusForCheckout(tx, skuIds);
    for (const item of input.items) {
      const sku = skus.get(item.skuId);
      if (!sku || sku.merchantId !== merchantId) return refuse('flash-invalid-item', `规格 ${item.skuId} 不属于本店`);
      if (!sku.purchasable) return refuse('flash-invalid-item', `「${sku.productTitle}」未上架，不能参加秒杀`);
      if (item.flashPrice >= sku.price)
        return refuse('flash-invalid-item', `「${sku.productTitle}」秒杀价须低于现价 ${formatYuan(sku.price)}`);
    }
    const reserved = await reserveStock(
      tx,
      input.items.map((i) => ({ skuId: i.skuId, qty: i.quantity })),
    );
    if (!reserved.ok) {
      const sku = skus.get(reserved.skuId)!;
      return refuse('out-of-stock', `「${sku.productTitle} ${sku.specText}」现有库存 ${sku.stock}`);
    }
    const saleId = newId('fls');
    const [sale] = await tx
      .insert(flashSales)
      .values({
        id: saleId,
        merchantId,
        title: input.title,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        payWindowSeconds: input.payWindowSeconds ?? DEFAULT_PAY_WINDOW_SECONDS,
        minTier: input.minTier ?? null,
        communityId: input.communityId ?? null,
        memberEarlyAccess: input.memberEarlyAccess ?? false,
        status: 'scheduled',
        createdBy: user.userId,
        createdAt: now,
      })
      .returning();
    const items = await tx
      .insert(flashItems)
      .values(
        input.items.map((i) => {
          const sku = skus.get(i.skuId)!;
          return {
            id: newId('fli'),
            saleId,
            merchantId,
            skuId: i.skuId,
            productId: sku.productId,
            flashPrice: i.flashPrice,
            regularPrice: sku.price,
            quantity: i.quantity,
            perUserLimit: i.perUserLimit,
          };
        }),
      )
      .returning();
    await ctx.deps.jobs.enqueue(tx, CLOSE_SALE_JOB, { saleId }, { runAt: input.endsAt, key: closeSaleKey(saleId) });
    return ok(toSlot(sale!, items, skus, skus.get(skuIds[0]!)!.merchantName, now));
  });
}

/** Called off before it starts: the slot disappears from the channel and its units go back to stock. */
export async function cancelFlashSale(ctx: Ctx, saleId: string): Promise<Result<FlashSlotDto>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage');
  const now = ctx.now();
  const result = await ctx.tx(async (tx) => {
    const [sale] = await tx.select().from(flashSales).where(eq(flashSales.id, saleId)).for('update');
    if (!sale || sale.merchantId !== merchantId) throw notFound('秒杀场次');
    if (sale.status === 'cancelled') return ok(await slotOf(tx, sale, now));
    if (sale.startsAt <= now) return refuse('flash-already-started');
    await tx.update(flashSales).set({ status: 'cancelled' }).where(eq(flashSales.id, saleId));
    await closeSaleItems(tx, saleId, now);
    await ctx.deps.jobs.cancel(tx, closeSaleKey(saleId));
    return ok(await slotOf(tx, { ...sale, status: 'cancelled' }, now));
  });
  if (result.ok)
    for (const item of result.value.items) {
      flashGate(ctx.deps).forget(item.itemId);
      await flashStockGate(ctx.deps)?.forget(item.itemId);
    }
  return result;
}

/** Ends a slot: every item closes and its unsold units return to the SKU's stock. Idempotent. */
export async function closeSaleItems(tx: Db, saleId: string, now: Date): Promise<void> {
  const items = await tx
    .select()
    .from(flashItems)
    .where(and(eq(flashItems.saleId, saleId), sql`${flashItems.closedAt} is null`))
    .orderBy(asc(flashItems.id))
    .for('update');
  for (const item of items) {
    const unsold = item.quantity - item.sold;
    await tx.update(flashItems).set({ closedAt: now, returnedQty: unsold }).where(eq(flashItems.id, item.id));
    if (unsold > 0) await releaseToCatalog(tx, item.skuId, unsold);
    await emit(tx, FLASH_ITEM_CHANGED, { itemId: item.id, saleId });
  }
}

async function releaseToCatalog(tx: Db, skuId: string, qty: number) {
  await releaseStock(tx, [{ skuId, qty }]);
}

/** The flash-sale channel: slots on now and those starting within a week, soonest first. */
export async function listFlashChannel(ctx: Ctx): Promise<FlashSlotDto[]> {
  const now = ctx.now();
  const weekAhead = new Date(now.getTime() + 7 * 86_400_000);
  const sales = await ctx.db
    .select()
    .from(flashSales)
    .where(and(eq(flashSales.status, 'scheduled'), gt(flashSales.endsAt, now), lt(flashSales.startsAt, weekAhead)))
    .orderBy(asc(flashSales.startsAt), asc(flashSales.id))
    .limit(50);
  const tier = sales.some((s) => s.memberEarlyAccess) ? await buyerTier(ctx) : 'regular';
  return slotsOf(ctx.db, sales, now, tier);
}

/** The signed-in buyer's tier, asked only for pages showing a limited edition; 'regular' for visitors. */
async function buyerTier(ctx: Ctx): Promise<TierCode> {
  return ctx.actor.kind === 'user' ? tierOf(ctx.db, ctx.actor.userId) : 'regular';
}

export async function getFlashItem(
  ctx: Ctx,
  itemId: string,
): Promise<FlashItemDto & { myQty: number; myPurchases: FlashPurchaseDto[] }> {
  const [item] = await ctx.db.select().from(flashItems).where(eq(flashItems.id, itemId));
  if (!item) throw notFound('秒杀商品');
  const [sale] = await ctx.db.select().from(flashSales).where(eq(flashSales.id, item.saleId));
  if (!sale || sale.status === 'cancelled') throw notFound('秒杀商品');
  const skus = await loadSkusForCheckout(ctx.db, [item.skuId]);
  const dto = toItem(
    sale,
    item,
    skus.get(item.skuId),
    ctx.now(),
    sale.memberEarlyAccess ? await buyerTier(ctx) : 'regular',
  );
  if (ctx.actor.kind !== 'user') return { ...dto, myQty: 0, myPurchases: [] };
  const mine = await ctx.db
    .select()
    .from(flashPurchases)
    .where(and(eq(flashPurchases.itemId, itemId), eq(flashPurchases.userId, ctx.actor.userId)))
    .orderBy(desc(flashPurchases.id));
  const live = mine.filter((p) => p.status === 'reserved' || p.status === 'paid');
  return { ...dto, myQty: live.reduce((n, p) => n + p.qty, 0), myPurchases: mine.map(toDto) };
}

export async function listMyFlashPurchases(
  ctx: Ctx,
): Promise<(FlashPurchaseDto & { title: string; imageUrl: string | null })[]> {
  const user = requireUser(ctx.actor);
  const rows = await ctx.db
    .select({ purchase: flashPurchases, skuId: flashItems.skuId })
    .from(flashPurchases)
    .innerJoin(flashItems, eq(flashItems.id, flashPurchases.itemId))
    .where(eq(flashPurchases.userId, user.userId))
    .orderBy(desc(flashPurchases.id))
    .limit(50);
  const skus = await loadSkusForCheckout(
    ctx.db,
    rows.map((r) => r.skuId),
  );
  return rows.map((r) => ({
    ...toDto(r.purchase),
    title: skus.get(r.skuId)?.productTitle ?? '',
    imageUrl: skus.get(r.skuId)?.imageUrl ?? null,
  }));
}

export async function listMerchantFlashSales(ctx: Ctx): Promise<FlashSlotDto[]> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage');
  const sales = await ctx.db
    .select()
    .from(flashSales)
    .where(eq(flashSales.merchantId, merchantId))
    .orderBy(desc(flashSales.startsAt))
    .limit(100);
  return slotsOf(ctx.db, sales, ctx.now());
}

export interface FlashMonitorDto extends FlashSlotDto {
  paidUnits: number;
  expiredUnits: number;
  buyers: number;
  /** Purchases won per second over the last minute, oldest first (60 numbers), from committed purchases. */
  perSecond: { at: string; purchases: number }[];
}

/** What the merchant watches during the slot: sold, remaining, paid, and purchases per second. */
export async function getFlashSaleMonitor(ctx: Ctx, saleId: string): Promise<FlashMonitorDto> {
  const [sale] = await ctx.db.select().from(flashSales).where(eq(flashSales.id, saleId));
  if (!sale || !canSeeMerchant(ctx.actor, sale.merchantId, 'marketing.manage')) throw notFound('秒杀场次');
  const now = ctx.now();
  const slot = await slotOf(ctx.db, sale, now);
  const byStatus = await ctx.db
    .select({ status: flashPurchases.status, units: sql<number>`coalesce(sum(${flashPurchases.qty}), 0)::int` })
    .from(flashPurchases)
    .where(eq(flashPurchases.saleId, saleId))
    .groupBy(flashPurchases.status);
  const units = (s: string) => byStatus.find((r) => r.status === s)?.units ?? 0;
  const itemIds = slot.items.map((i) => i.itemId);
  const [buyers] = itemIds.length
    ? await ctx.db
        .select({ n: sql<number>`count(*)::int` })
        .from(flashQuotas)
        .where(and(inArray(flashQuotas.itemId, itemIds), gt(flashQuotas.qty, 0)))
    : [{ n: 0 }];
  const since = new Date(Math.floor(now.getTime() / 1000) * 1000 - 59_000);
  const buckets = await ctx.db
    .select({
      second: sql<string>`floor(extract(epoch from ${flashPurchases.createdAt}))::bigint`,
      n: sql<number>`count(*)::int`,
    })
    .from(flashPurchases)
    .where(and(eq(flashPurchases.saleId, saleId), gt(flashPurchases.createdAt, new Date(since.getTime() - 1))))
    .groupBy(sql`1`);
  const counts = new Map(buckets.map((b) => [Number(b.second), b.n]));
  const perSecond = Array.from({ length: 60 }, (_, k) => {
    const at = since.getTime() + k * 1000;
    return { at: new Date(at).toISOString(), purchases: counts.get(at / 1000) ?? 0 };
  });
  return {
    ...slot,
    paidUnits: units('paid'),
    expiredUnits: units('expired') + units('cancelled'),
    buyers: buyers?.n ?? 0,
    perSecond,
  };
}

// ---- views ----

type SaleRow = typeof flashSales.$inferSelect;
type ItemRow = typeof flashItems.$inferSelect;

async function slotsOf(db: Db, sales: SaleRow[], now: Date, tier: TierCode = 'regular'): Promise<FlashSlotDto[]> {
  if (sales.length === 0) return [];
  const items = await db
    .select()
    .from(flashItems)
    .where(
      inArray(
        flashItems.saleId,
        sales.map((s) => s.id),
      ),
    )
    .orderBy(asc(flashItems.id));
  const skus = await loadSkusForCheckout(
    db,
    items.map((i) => i.skuId),
  );
  return sales.map((s) => {
    const own = items.filter((i) => i.saleId === s.id);
    const merchantName = own.map((i) => skus.get(i.skuId)?.merchantName).find(Boolean) ?? '';
    return toSlot(s, own, skus, merchantName, now, tier);
  });
}

async function slotOf(db: Db, sale: SaleRow, now: Date): Promise<FlashSlotDto> {
  return (await slotsOf(db, [sale], now))[0]!;
}

function toSlot(
  sale: SaleRow,
  items: ItemRow[],
  skus: Map<string, SkuSnapshot>,
  merchantName: string,
  now: Date,
  tier: TierCode = 'regular',
): FlashSlotDto {
  const state =
    sale.status === 'cancelled' ? 'cancelled' : now < sale.startsAt ? 'upcoming' : now < sale.endsAt ? 'live' : 'ended';
  return {
    saleId: sale.id,
    title: sale.title,
    merchantId: sale.merchantId,
    merchantName,
    startsAt: sale.startsAt.toISOString(),
    endsAt: sale.endsAt.toISOString(),
    state,
    minTier: sale.minTier,
    communityId: sale.communityId,
    memberEarlyAccess: sale.memberEarlyAccess,
    items: items.map((i) => toItem(sale, i, skus.get(i.skuId), now, tier)),
  };
}

/** `tier` is the viewing buyer's: on a limited edition their item opens (state, myStartsAt) at their own start. */
function toItem(sale: SaleRow, item: ItemRow, sku: SkuSnapshot | undefined, now: Date, tier: TierCode): FlashItemDto {
  const remaining = item.closedAt ? 0 : item.quantity - item.sold;
  const opensAt = sale.memberEarlyAccess ? priorityAccessFrom(tier, sale.startsAt) : sale.startsAt;
  const state: FlashState =
    now < opensAt ? 'upcoming' : now >= sale.endsAt || item.closedAt ? 'ended' : remaining === 0 ? 'sold_out' : 'live';
  return {
    itemId: item.id,
    saleId: sale.id,
    productId: item.productId,
    skuId: item.skuId,
    title: sku?.productTitle ?? '',
    specText: sku?.specText ?? '',
    imageUrl: sku?.imageUrl ?? null,
    flashPrice: item.flashPrice,
    regularPrice: item.regularPrice,
    quantity: item.quantity,
    sold: item.sold,
    remaining,
    perUserLimit: item.perUserLimit,
    startsAt: sale.startsAt.toISOString(),
    endsAt: sale.endsAt.toISOString(),
    payWindowSeconds: sale.payWindowSeconds,
    state,
    minTier: sale.minTier,
    communityId: sale.communityId,
    memberEarlyAccess: sale.memberEarlyAccess,
    myStartsAt: opensAt.toISOString(),
  };
}

/**
 * Which SKUs of a shop are in a scheduled flash sale that overlaps [from, to): the supply forecast treats those days
 * as promotion days, past and future.
 */
export async function flashSaleWindows(
  db: Db,
  merchantId: string,
  from: Date,
  to: Date,
): Promise<{ skuId: string; startsAt: Date; endsAt: Date }[]> {
  return db
    .select({ skuId: flashItems.skuId, startsAt: flashSales.startsAt, endsAt: flashSales.endsAt })
    .from(flashItems)
    .innerJoin(flashSales, eq(flashSales.id, flashItems.saleId))
    .where(
      and(
        eq(flashSales.merchantId, merchantId),
        eq(flashSales.status, 'scheduled'),
        lt(flashSales.startsAt, to),
        gt(flashSales.endsAt, from),
      ),
    );
}
