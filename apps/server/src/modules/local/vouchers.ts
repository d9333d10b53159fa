import { randomInt } from 'node:crypto';
import { and, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { encode } from 'uqr';
import { actingMerchant, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, ok, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { formatYuan } from '../../platform/money.ts';
import { loadSkusForCheckout } from '../catalog/api.ts';
import { completeRedeemedOrder, nextOrderNos, placeCampaignOrders } from '../orders/api.ts';
import { expireKey, refuse, SHIP_HOLD } from './rules.ts';
import { localOffers, localStores, localVouchers } from './schema.ts';
import { offerDto, storeDto } from './stores.ts';

// Buying a voucher places an ordinary order (orders' campaign path, at the offer's price, no shipping); paying it
// issues the code; the store verifies the code once. Expiry and refunds live in voucher-lifecycle.ts.

type VoucherRow = typeof localVouchers.$inferSelect;

export interface VoucherBought {
  voucherId: string;
  orderId: string;
  checkoutId: string;
  amount: number;
  payDeadline: string;
}

/** Public offer page: the offer with its store. */
export async function getOffer(ctx: Ctx, offerId: string) {
  const [row] = await ctx.db
    .select({ offer: localOffers, store: localStores })
    .from(localOffers)
    .innerJoin(localStores, eq(localStores.id, localOffers.storeId))
    .where(eq(localOffers.id, offerId));
  if (!row) throw notFound('团购');
  const onSale = row.offer.status === 'active' && row.offer.validUntil > ctx.now() && row.store.status === 'open';
  return { ...offerDto(row.offer), onSale, store: storeDto(row.store) };
}

/**
 * One voucher, bought through the standard order path. The quota is taken with a guarded update (sold < quota), so
 * concurrent buyers never oversell; the order number is taken first, in the lock order every checkout keeps.
 */
export async function buyVoucher(
  ctx: Ctx,
  offerId: string,
  input: { expectedAmount: number },
): Promise<Result<VoucherBought>> {
  const user = requireUser(ctx.actor);
  return idempotent(ctx, 'local.buy-voucher', { offerId, ...input }, async (tx) => {
    const now = ctx.now();
    const [row] = await tx
      .select({ offer: localOffers, store: localStores })
      .from(localOffers)
      .innerJoin(localStores, eq(localStores.id, localOffers.storeId))
      .where(eq(localOffers.id, offerId));
    if (!row) throw notFound('团购');
    const { offer, store } = row;
    if (offer.status !== 'active' || offer.validUntil <= now || store.status !== 'open')
      return refuse('offer-unavailable');
    if (offer.price !== input.expectedAmount)
      return refuse(
        'price-changed',
        `应付金额已由 ${formatYuan(input.expectedAmount)} 变为 ${formatYuan(offer.price)}`,
      );
    const sku = (await loadSkusForCheckout(tx, [offer.skuId])).get(offer.skuId);
    if (!sku?.purchasable) return refuse('offer-unavailable');
    const [orderNo] = await nextOrderNos(tx, now, 1);
    const taken = await tx
      .update(localOffers)
      .set({ sold: sql`${localOffers.sold} + 1` })
      .where(
        and(eq(localOffers.id, offer.id), eq(localOffers.status, 'active'), lt(localOffers.sold, localOffers.quota)),
      )
      .returning({ id: localOffers.id });
    if (taken.length === 0) return refuse('sold-out');
    const payDeadline = new Date(now.getTime() + ctx.deps.config.ORDER_PAYMENT_TIMEOUT_MINUTES * 60_000);
    const [placed] = await placeCampaignOrders(ctx.deps, tx, now, [
      {
        orderNo: orderNo!,
        userId: user.userId,
        sku,
        qty: 1,
        unitPrice: offer.price,
        shippingFee: 0,
        // Nothing is shipped: the order's address is the store where the voucher is used.
        address: {
          recipient: '到店使用',
          phone: '',
          province: store.city,
          city: store.city,
          district: '',
          detail: `${store.name}（${store.address}）`,
        },
        campaign: { kind: 'voucher', id: offer.id },
        stockPool: 'campaign',
        payDeadline,
        shipHold: SHIP_HOLD,
      },
    ]);
    const voucherId = newId('lvc');
    await tx.insert(localVouchers).values({
      id: voucherId,
      offerId: offer.id,
      storeId: store.id,
      merchantId: offer.merchantId,
      orderId: placed!.orderId,
      userId: user.userId,
      status: 'pending',
      validUntil: offer.validUntil,
      createdAt: now,
    });
    return ok({
      voucherId,
      orderId: placed!.orderId,
      checkoutId: placed!.checkoutId,
      amount: placed!.payAmount,
      payDeadline: payDeadline.toISOString(),
    });
  });
}

/** The QR of a code as an SVG path: crisp at any size, no canvas, the same library the group poster uses. */
function qrSvg(text: string): string {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  const cells: string[] = [];
  data.forEach((row, r) => row.forEach((dark, c) => dark && cells.push(`M${c} ${r}h1v1h-1z`)));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${cells.join('')}" fill="#111"/></svg>`;
}

async function voucherViews(ctx: Ctx, rows: VoucherRow[], withQr: boolean) {
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.map((r) => r.offerId))];
  const offers = await ctx.db
    .select({ offer: localOffers, store: localStores })
    .from(localOffers)
    .innerJoin(localStores, eq(localStores.id, localOffers.storeId))
    .where(inArray(localOffers.id, ids));
  const byId = new Map(offers.map((o) => [o.offer.id, o]));
  return rows.map((v) => {
    const o = byId.get(v.offerId)!;
    // An unused voucher past its end reads as expired even before the expiry job has run.
    const status = v.status === 'unused' && v.validUntil <= ctx.now() ? 'expired' : v.status;
    return {
      id: v.id,
      orderId: v.orderId,
      code: v.code,
      status,
      validUntil: v.validUntil.toISOString(),
      usedAt: v.usedAt?.toISOString() ?? null,
      offer: {
        id: o.offer.id,
        title: o.offer.title,
        kind: o.offer.kind,
        price: o.offer.price,
        faceValue: o.offer.faceValue,
        refundAtExpiry: o.offer.refundAtExpiry,
      },
      store: { id: o.store.id, name: o.store.name, address: o.store.address, hours: o.store.hours },
      qrSvg: withQr && status === 'unused' && v.code ? qrSvg(v.code) : null,
    };
  });
}

/** The buyer's vouchers (all, or one order's), with code and QR while usable. */
export async function myVouchers(ctx: Ctx, q: { orderId?: string | undefined }) {
  const user = requireUser(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(localVouchers)
    .where(and(eq(localVouchers.userId, user.userId), q.orderId ? eq(localVouchers.orderId, q.orderId) : undefined))
    .orderBy(desc(localVouchers.id))
    .limit(50);
  return { items: await voucherViews(ctx, rows, true) };
}

const refusalOf = (v: VoucherRow, now: Date) => {
  if (v.status === 'used') return refuse('voucher-used', `已于 ${v.usedAt!.toISOString()} 核销`);
  if (v.status === 'pending') return refuse('voucher-unpaid');
  if (v.status === 'refunding' || v.status === 'refunded' || v.status === 'void') return refuse('voucher-refunded');
  if (v.status === 'expired' || v.validUntil <= now) return refuse('voucher-expired');
  return undefined;
};

const normaliseCode = (code: string) => code.replace(/\D/g, '');

/** The store looks a code up before verifying it: what it is for and whether it can be used. */
export async function lookupVoucher(ctx: Ctx, code: string) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'vouchers.redeem');
  const [v] = await ctx.db
    .select()
    .from(localVouchers)
    .where(and(eq(localVouchers.code, normaliseCode(code)), eq(localVouchers.merchantId, merchantId)));
  if (!v) return refuse('voucher-not-found');
  const [view] = await voucherViews(ctx, [v], false);
  const refusal = refusalOf(v, ctx.now());
  return ok({ ...view!, usable: !refusal, reason: refusal?.title ?? null });
}

/**
 * 核销: once only. The guarded update (status unused, still valid) lets exactly one of any number of concurrent
 * verifications through; the others find it used and are refused.
 */
export async function verifyVoucher(ctx: Ctx, code: string) {
  const user = requireUser(ctx.actor);
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'vouchers.redeem');
  const result = await ctx.tx(async (tx) => {
    const now = ctx.now();
    const digits = normaliseCode(code);
    const [used] = await tx
      .update(localVouchers)
      .set({ status: 'used', usedAt: now, usedBy: user.userId })
      .where(
        and(
          eq(localVouchers.code, digits),
          eq(localVouchers.merchantId, merchantId),
          eq(localVouchers.status, 'unused'),
          gt(localVouchers.validUntil, now),
        ),
      )
      .returning();
    if (!used) {
      const [v] = await tx
        .select()
        .from(localVouchers)
        .where(and(eq(localVouchers.code, digits), eq(localVouchers.merchantId, merchantId)));
      return v ? refusalOf(v, now)! : refuse('voucher-not-found');
    }
    await ctx.deps.jobs.cancel(tx, expireKey(used.id));
    // The service was received in the store: the order completes, and the merchant is settled like any order.
    await completeRedeemedOrder(tx, { orderId: used.orderId, hold: SHIP_HOLD, at: now });
    await emit(tx, 'local.voucher_redeemed', {
      voucherId: used.id,
      orderId: used.orderId,
      storeId: used.storeId,
      merchantId,
      userId: used.userId,
      redeemedAt: now.toISOString(),
    });
    return ok(used);
  });
  if (!result.ok) return result;
  const [view] = await voucherViews(ctx, [result.value], false);
  return ok(view!);
}

/** 核销记录: the merchant's recently verified vouchers. */
export async function recentRedemptions(ctx: Ctx) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'vouchers.redeem');
  const rows = await ctx.db
    .select()
    .from(localVouchers)
    .where(and(eq(localVouchers.merchantId, merchantId), eq(localVouchers.status, 'used')))
    .orderBy(desc(localVouchers.usedAt))
    .limit(50);
  return { items: await voucherViews(ctx, rows, false) };
}

/** A fresh 12-digit code; the unique index turns the (astronomically rare) clash into a retried event. */
export const newVoucherCode = () => `${randomInt(1, 10)}${Array.from({ length: 11 }, () => randomInt(0, 10)).join('')}`;
