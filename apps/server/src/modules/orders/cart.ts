import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { loadSkusForCheckout } from '../catalog/api.ts';
import { cartLines } from './schema.ts';

export const MAX_CART_LINES = 100;
export const MAX_LINE_QTY = 999;

const refuse = refusals({
  'cart-full': `购物车最多放 ${MAX_CART_LINES} 种商品，请先清理`,
  'cart-qty-limit': `单个商品最多购买 ${MAX_LINE_QTY} 件`,
  'sku-unavailable': '商品已下架或暂不可购买',
  'out-of-stock': '库存不足',
});

interface CartLineDto {
  id: string;
  skuId: string;
  productId: string;
  title: string;
  specText: string;
  imageUrl: string | null;
  qty: number;
  selected: boolean;
  /** The price now; what checkout will charge. */
  unitPrice: number;
  priceWhenAdded: number;
  priceChanged: boolean;
  stock: number;
  outOfStock: boolean;
  insufficientStock: boolean;
  /** Delisted, disabled or the shop suspended. */
  unavailable: boolean;
  lineAmount: number;
}

export interface CartDto {
  groups: { merchantId: string; merchantName: string; lines: CartLineDto[] }[];
  lineCount: number;
  /** Units and items amount of the selected lines that can be bought now (shipping comes with the quote). */
  selectedQty: number;
  selectedItemsAmount: number;
}

export async function getCart(ctx: Ctx): Promise<CartDto> {
  const user = requireUser(ctx.actor);
  return readCart(ctx.db, user.userId);
}

/** Adds a SKU, merging into its line when it is already in the cart. */
export async function addToCart(ctx: Ctx, input: { skuId: string; qty: number }): Promise<Result<CartDto>> {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (tx) => {
    await lockCart(tx, user.userId);
    const sku = (await loadSkusForCheckout(tx, [input.skuId])).get(input.skuId);
    if (!sku) throw notFound('商品规格', input.skuId);
    if (!sku.purchasable) return refuse('sku-unavailable', `「${sku.productTitle}」已下架或暂不可购买`);
    const [existing] = await tx
      .select()
      .from(cartLines)
      .where(and(eq(cartLines.userId, user.userId), eq(cartLines.skuId, input.skuId)));
    const qty = (existing?.qty ?? 0) + input.qty;
    if (qty > MAX_LINE_QTY) return refuse('cart-qty-limit');
    if (!existing) {
      const [count] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(cartLines)
        .where(eq(cartLines.userId, user.userId));
      if ((count?.n ?? 0) >= MAX_CART_LINES) return refuse('cart-full');
    }
    if (qty > sku.stock)
      return refuse('out-of-stock', `「${sku.productTitle} ${sku.specText}」库存仅剩 ${sku.stock} 件`);
    const now = ctx.now();
    // Adding again means the buyer has seen today's price: the "price changed" mark starts over from it.
    await tx
      .insert(cartLines)
      .values({
        id: newId('cart'),
        userId: user.userId,
        skuId: sku.skuId,
        productId: sku.productId,
        merchantId: sku.merchantId,
        qty,
        priceWhenAdded: sku.price,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [cartLines.userId, cartLines.skuId],
        set: { qty, priceWhenAdded: sku.price, selected: true, updatedAt: now },
      });
    return ok(await readCart(tx, user.userId));
  });
}

/** Changes quantity or selection of one line. Lowering a quantity is always allowed; raising it needs stock. */
export async function updateCartLine(
  ctx: Ctx,
  lineId: string,
  input: { qty?: number; selected?: boolean },
): Promise<Result<CartDto>> {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (tx) => {
    const line = await loadOwnLine(tx, user.userId, lineId);
    if (input.qty !== undefined && input.qty > line.qty) {
      const sku = (await loadSkusForCheckout(tx, [line.skuId])).get(line.skuId);
      if (!sku || !sku.purchasable) return refuse('sku-unavailable');
      if (input.qty > sku.stock)
        return refuse('out-of-stock', `「${sku.productTitle} ${sku.specText}」库存仅剩 ${sku.stock} 件`);
    }
    await tx
      .update(cartLines)
      .set({
        ...(input.qty !== undefined ? { qty: input.qty } : {}),
        ...(input.selected !== undefined ? { selected: input.selected } : {}),
        updatedAt: ctx.now(),
      })
      .where(eq(cartLines.id, line.id));
    return ok(await readCart(tx, user.userId));
  });
}

export async function removeCartLine(ctx: Ctx, lineId: string): Promise<CartDto> {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (tx) => {
    const line = await loadOwnLine(tx, user.userId, lineId);
    await tx.delete(cartLines).where(eq(cartLines.id, line.id));
    return readCart(tx, user.userId);
  });
}

/** Selects or unselects the given lines (all lines when none are named) for checkout. */
export async function setCartSelection(
  ctx: Ctx,
  input: { selected: boolean; lineIds?: string[] | undefined },
): Promise<CartDto> {
  const user = requireUser(ctx.actor);
  const mine = eq(cartLines.userId, user.userId);
  if (input.lineIds === undefined || input.lineIds.length > 0) {
    await ctx.db
      .update(cartLines)
      .set({ selected: input.selected })
      .where(input.lineIds ? and(mine, inArray(cartLines.id, input.lineIds)) : mine);
  }
  return readCart(ctx.db, user.userId);
}

// ---- for checkout ----

/** The selected lines, for checking out from the cart. */
export async function selectedCartLines(db: Db, userId: string): Promise<{ skuId: string; qty: number }[]> {
  return db
    .select({ skuId: cartLines.skuId, qty: cartLines.qty })
    .from(cartLines)
    .where(and(eq(cartLines.userId, userId), eq(cartLines.selected, true)))
    .orderBy(desc(cartLines.createdAt), desc(cartLines.id));
}

/** Takes ordered SKUs out of the cart, in the order's transaction. */
export async function removeOrderedFromCart(db: Db, userId: string, skuIds: string[]): Promise<void> {
  if (skuIds.length === 0) return;
  await db.delete(cartLines).where(and(eq(cartLines.userId, userId), inArray(cartLines.skuId, skuIds)));
}

// Serialises one buyer's cart changes, so two tabs cannot together pass the line limit.
async function lockCart(db: Db, userId: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`cart:${userId}`}, 0))`);
}

async function loadOwnLine(db: Db, userId: string, lineId: string) {
  const [line] = await db.select().from(cartLines).where(eq(cartLines.id, lineId));
  // Someone else's line looks exactly like a missing one.
  if (!line || line.userId !== userId) throw notFound('购物车商品');
  return line;
}

async function readCart(db: Db, userId: string): Promise<CartDto> {
  const rows = await db
    .select()
    .from(cartLines)
    .where(eq(cartLines.userId, userId))
    .orderBy(desc(cartLines.createdAt), desc(cartLines.id));
  const skus = await loadSkusForCheckout(
    db,
    rows.map((r) => r.skuId),
  );
  const groups = new Map<string, CartDto['groups'][number]>();
  let selectedQty = 0;
  let selectedItemsAmount = 0;
  for (const r of rows) {
    const sku = skus.get(r.skuId);
    const unavailable = !sku || !sku.purchasable;
    const unitPrice = sku?.price ?? r.priceWhenAdded;
    const stock = sku?.stock ?? 0;
    const line: CartLineDto = {
      id: r.id,
      skuId: r.skuId,
      productId: r.productId,
      title: sku?.productTitle ?? '商品已失效',
      specText: sku?.specText ?? '',
      imageUrl: sku?.imageUrl ?? null,
      qty: r.qty,
      selected: r.selected,
      unitPrice,
      priceWhenAdded: r.priceWhenAdded,
      priceChanged: unitPrice !== r.priceWhenAdded,
      stock,
      outOfStock: stock === 0,
      insufficientStock: stock > 0 && stock < r.qty,
      unavailable,
      lineAmount: unitPrice * r.qty,
    };
    const group = groups.get(r.merchantId) ?? {
      merchantId: r.merchantId,
      merchantName: sku?.merchantName ?? '',
      lines: [],
    };
    if (!group.merchantName && sku) group.merchantName = sku.merchantName;
    group.lines.push(line);
    groups.set(r.merchantId, group);
    if (r.selected && !unavailable && stock >= r.qty) {
      selectedQty += r.qty;
      selectedItemsAmount += line.lineAmount;
    }
  }
  return { groups: [...groups.values()], lineCount: rows.length, selectedQty, selectedItemsAmount };
}
