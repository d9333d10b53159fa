import { asc, eq } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, ok, type Result } from '../../platform/errors.ts';
import { bulkInsertSql, insertTogether } from '../../platform/bulk.ts';
import { emitManySql } from '../../platform/events.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { formatYuan } from '../../platform/money.ts';
import { findOwnAddress } from '../accounts/api.ts';
import { reserveStock } from '../catalog/api.ts';
import { sealOrderAddress } from './address-seal.ts';
import { atCampaignPrices, type CampaignTerms } from './campaign-terms.ts';
import { removeOrderedFromCart } from './cart.ts';
import { checkoutCoupons, checkoutLoyalty, ruleShipHold } from './checkout-ports.ts';
import { nextOrderNos } from './order-no.ts';
import { NO_DISCOUNTS } from './pricing.ts';
import {
  type CheckoutItemsInput,
  loadPricingInputs,
  priceCheckout,
  refuse,
  resolveCheckoutLines,
  skuName,
} from './quote.ts';
import { checkouts, orderEvents, orderLines, orders } from './schema.ts';
import { type OrderSummaryDto, summariesOf, toSummary } from './views.ts';

export interface PlaceOrderInput extends CheckoutItemsInput {
  addressId: string;
  note?: string | undefined;
  /** The amount the buyer was shown; the order is refused when today's price differs. */
  expectedAmount: number;
}

export interface PlacedCheckoutDto {
  checkoutId: string;
  amount: number;
  payDeadline: string;
  orders: OrderSummaryDto[];
}

/**
 * Places the buyer's orders: re-prices on the server, refuses when the amount differs from what the buyer saw,
 * takes stock (all or nothing), then writes one checkout with one order per merchant. Runs once per
 * Idempotency-Key; any refusal rolls everything back.
 */
export async function placeOrder(
  ctx: Ctx,
  input: PlaceOrderInput,
  campaign?: CampaignTerms,
): Promise<Result<PlacedCheckoutDto>> {
  const user = requireUser(ctx.actor);
  return idempotent(
    ctx,
    'orders.create',
    input,
    async (tx) => {
      const lines = await resolveCheckoutLines(tx, user.userId, input);
      if (!lines.ok) return lines;
      // The reads pricing needs do not depend on each other: issued together, they share one round trip on
      // PostgreSQL (pipeline mode) instead of taking seven in turn.
      const [address, coupons, loyalty, loaded] = await Promise.all([
        findOwnAddress(ctx.deps, tx, user.userId, input.addressId),
        checkoutCoupons().offer(tx, user.userId, input.couponIds, ctx.now()),
        checkoutLoyalty().offer(tx, user.userId, {
          usePoints: input.usePoints === true,
          campaign: campaign !== undefined,
          now: ctx.now(),
        }),
        loadPricingInputs(
          tx,
          lines.value.map((l) => l.skuId),
        ),
      ]);
      if (!address) throw notFound('收货地址');
      const pricedResult = await priceCheckout(
        tx,
        user.userId,
        atCampaignPrices(lines.value, campaign),
        address,
        { ...NO_DISCOUNTS, coupons: coupons.hook, ...loyalty.hooks },
        loaded,
      );
      if (!pricedResult.ok) return pricedResult;
      const picked = coupons.rejectedPick();
      if (!picked.ok) return picked;
      const { priced, skus } = pricedResult.value;
      if (priced.payAmount !== input.expectedAmount) {
        return refuse(
          'price-changed',
          `应付金额已由 ${formatYuan(input.expectedAmount)} 变为 ${formatYuan(priced.payAmount)}`,
        );
      }
      const now = ctx.now();
      // Stock first, then the day's order-number counter — the lock order every checkout and flash batch keeps —
      // sent together; a refusal rolls the counter back with everything else.
      const [reserved, orderNos] = await Promise.all([
        campaign?.madeToOrder ? Promise.resolve({ ok: true as const }) : reserveStock(tx, lines.value),
        nextOrderNos(tx, now, priced.merchants.length),
      ]);
      if (!reserved.ok) return refuse('out-of-stock', `${skuName(skus.get(reserved.skuId), reserved.skuId)}库存不足`);

      const payDeadline = new Date(now.getTime() + ctx.deps.config.ORDER_PAYMENT_TIMEOUT_MINUTES * 60_000);
      const checkoutId = newId('chk');
      const { id: _addressId, isDefault: _isDefault, ...shipTo } = address;
      const placedRows = priced.merchants.map((m, i) => {
        const orderId = newId('ord');
        const order = {
          id: orderId,
          orderNo: orderNos[i]!,
          checkoutId,
          userId: user.userId,
          merchantId: m.merchantId,
          merchantName: skus.get(m.lines[0]!.skuId)!.merchantName,
          status: 'pending_payment' as const,
          itemsAmount: m.itemsAmount,
          discountAmount: m.discountAmount,
          shippingFee: m.shippingFee,
          payAmount: m.payAmount,
          refundedAmount: 0,
          discounts: m.discounts,
          ...sealOrderAddress(ctx.deps, shipTo),
          note: input.note?.trim() || null,
          createdAt: now,
          payDeadline,
          campaignKind: campaign?.kind ?? null,
          campaignId: campaign?.campaignId ?? null,
          // The rule's hold (鉴定) outranks a campaign's: a group's success releases only its own hold.
          shipHold:
            ruleShipHold(m.lines.map((l) => ({ categoryId: skus.get(l.skuId)!.categoryId, unitPrice: l.unitPrice }))) ??
            campaign?.shipHold ??
            null,
        };
        const lines = m.lines.map((l) => {
          const sku = skus.get(l.skuId)!;
          return {
            id: newId('orl'),
            orderId,
            skuId: l.skuId,
            productId: l.productId,
            title: sku.productTitle,
            specText: sku.specText,
            imageUrl: sku.imageUrl,
            unitPrice: l.unitPrice,
            qty: l.qty,
            lineAmount: l.lineAmount,
            discountAmount: l.discountAmount,
            payAmount: l.payAmount,
            refundedQty: 0,
            refundedAmount: 0,
            returnPolicy: sku.returnPolicy,
            stockPool: campaign?.madeToOrder ? ('campaign' as const) : ('catalog' as const),
          };
        });
        return { order, lines };
      });
      // The checkout, its orders, their lines, timelines and order.created events: one statement, one round trip.
      await insertTogether(tx, [
        bulkInsertSql(checkouts, [
          { id: checkoutId, userId: user.userId, amount: priced.payAmount, payDeadline, createdAt: now },
        ]),
        bulkInsertSql(
          orders,
          placedRows.map(({ order: { refundedAmount: _refunded, ...o } }) => o),
        ),
        bulkInsertSql(
          orderLines,
          placedRows.flatMap((p) => p.lines),
        ),
        bulkInsertSql(
          orderEvents,
          placedRows.map(({ order }) => ({
            id: newId('oev'),
            orderId: order.id,
            type: 'created' as const,
            at: now,
            data: { payAmount: order.payAmount },
          })),
        ),
        emitManySql(
          placedRows.map(({ order, lines }) => ({
            type: 'order.created',
            payload: {
              orderId: order.id,
              checkoutId,
              userId: user.userId,
              merchantId: order.merchantId,
              payAmount: order.payAmount,
              placedAt: now.toISOString(),
              province: address.province,
              // Nothing to route or book in a warehouse: the batch is produced after the pre-sale succeeds.
              ...(campaign?.madeToOrder ? { madeToOrder: true } : {}),
              lines: lines.map((l) => ({
                lineId: l.id,
                skuId: l.skuId,
                productId: l.productId,
                qty: l.qty,
                unitPrice: l.unitPrice,
                payAmount: l.payAmount,
              })),
            },
          })),
        ),
      ]);
      const placed: OrderSummaryDto[] = placedRows.map(({ order, lines }) => toSummary(order, lines));
      // Coupons are used in the same transaction as the orders: a coupon taken meanwhile refuses the whole checkout.
      const locked = await checkoutCoupons().lock(tx, {
        userId: user.userId,
        checkoutId,
        at: now,
        orders: placed.map((o, i) => ({
          orderId: o.id,
          merchantId: o.merchantId,
          discounts: priced.merchants[i]!.discounts,
        })),
      });
      if (!locked.ok) return locked;
      // Points too: spent meanwhile elsewhere, the whole checkout is refused and rolled back.
      const spent = await loyalty.spend(tx, {
        userId: user.userId,
        at: now,
        orders: placed.map((o, i) => ({ orderId: o.id, discounts: priced.merchants[i]!.discounts })),
      });
      if (!spent.ok) return spent;
      if (input.fromCart) {
        await removeOrderedFromCart(
          tx,
          user.userId,
          lines.value.map((l) => l.skuId),
        );
      }
      return ok({ checkoutId, amount: priced.payAmount, payDeadline: payDeadline.toISOString(), orders: placed });
    },
    { claimLast: true },
  );
}

export interface CheckoutDto {
  id: string;
  status: 'pending_payment' | 'paid' | 'cancelled';
  amount: number;
  /** What is still to pay: orders of the checkout that are awaiting payment. */
  payableAmount: number;
  payDeadline: string;
  paidAt: string | null;
  orders: OrderSummaryDto[];
}

/** The buyer's checkout, for the pay page. Someone else's checkout is "not found". */
export async function getCheckout(ctx: Ctx, checkoutId: string): Promise<CheckoutDto> {
  const user = requireUser(ctx.actor);
  const [c] = await ctx.db.select().from(checkouts).where(eq(checkouts.id, checkoutId));
  if (!c || c.userId !== user.userId) throw notFound('订单');
  const rows = await ctx.db.select().from(orders).where(eq(orders.checkoutId, c.id)).orderBy(asc(orders.id));
  const pending = rows.filter((o) => o.status === 'pending_payment');
  const status = c.paidAt ? 'paid' : pending.length > 0 ? 'pending_payment' : 'cancelled';
  return {
    id: c.id,
    status,
    amount: c.amount,
    payableAmount: pending.reduce((a, o) => a + o.payAmount, 0),
    payDeadline: c.payDeadline.toISOString(),
    paidAt: c.paidAt?.toISOString() ?? null,
    orders: await summariesOf(ctx.db, rows),
  };
}
