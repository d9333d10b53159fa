import { and, eq, inArray } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { formatYuan } from '../../platform/money.ts';
import { findOwnAddress } from '../accounts/api.ts';
import { loadSkusForCheckout } from '../catalog/api.ts';
import { DEFAULT_SHIPPING_TEMPLATE, loadShippingTemplates, shippingFeeFor } from '../logistics/api.ts';
import { openOrderAddress, sealOrderAddress } from './address-seal.ts';
import { type OrderAddress, orderLines, orders, type OrderStatus } from './schema.ts';
import { type OrderRow, recordEvent, STATUS_LABELS } from './state.ts';
import { type OrderDetailDto, orderDetail } from './views.ts';

// The buyer changes where an order goes while the merchant has not shipped it (docs/CONTRACTS.md, orders).
// The address is a snapshot taken from the buyer's address book, so the merchant's order page and the carrier's
// label show the new one at once. Only the snapshot moves, never money: when the new province would change the
// shipping fee (a remote-province surcharge) the change is refused, paid or not — an unpaid order's amount is
// already bound to any payment the buyer opened at the provider, which this module cannot see or close.
// A group-buy order still waiting for its group is allowed: where it ships has nothing to do with the group.

const CHANGEABLE: OrderStatus[] = ['pending_payment', 'paid'];

const refuseAddressChange = refusals({
  'address-change-closed': '订单已发货或已结束，无法修改地址',
  'shipping-fee-differs': '新地址运费不同',
});

export type AddressChangeRefusal = Parameters<typeof refuseAddressChange>[0];

interface AddressChangePlan {
  order: OrderRow;
  next: OrderAddress;
  /** The order already goes to this address: nothing to do. */
  unchanged: boolean;
}

/** What changing the order's address to the buyer's saved `addressId` would do, without doing it. */
export async function previewOrderAddressChange(
  ctx: Ctx,
  orderId: string,
  addressId: string,
): Promise<Result<{ unchanged: boolean; address: OrderAddress }, AddressChangeRefusal>> {
  const user = requireUser(ctx.actor);
  const plan = await planChange(ctx, ctx.db, user.userId, orderId, addressId, false);
  return plan.ok ? ok({ unchanged: plan.value.unchanged, address: plan.value.next }) : plan;
}

/**
 * The buyer moves an unshipped order to another of their saved addresses. Several changes are allowed before
 * shipping; asking again for the address the order already has changes nothing (no timeline entry, no event).
 */
export async function changeOrderAddress(
  ctx: Ctx,
  orderId: string,
  addressId: string,
): Promise<Result<OrderDetailDto, AddressChangeRefusal>> {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (tx) => {
    const plan = await planChange(ctx, tx, user.userId, orderId, addressId, true);
    if (!plan.ok) return plan;
    const { order, next, unchanged } = plan.value;
    const now = ctx.now();
    if (unchanged) return ok(await orderDetail(ctx.deps, tx, order, now));
    // Guarded like a transition: a ship that won the row lock first leaves nothing to update.
    const [moved] = await tx
      .update(orders)
      .set(sealOrderAddress(ctx.deps, next))
      .where(and(eq(orders.id, order.id), inArray(orders.status, CHANGEABLE)))
      .returning();
    if (!moved) return closed(order.status);
    // Only the region goes on the timeline and the event: erasure keeps province and city of an order, no more.
    const region = (a: OrderAddress) => ({ province: a.province, city: a.city });
    await recordEvent(tx, order.id, 'address_changed', now, {
      by: 'buyer',
      from: region(order.address),
      to: region(next),
    });
    await emit(tx, 'order.address-changed', {
      orderId: order.id,
      userId: order.userId,
      merchantId: order.merchantId,
      status: order.status,
      province: next.province,
      city: next.city,
      changedAt: now.toISOString(),
    });
    return ok(await orderDetail(ctx.deps, tx, moved, now));
  });
}

async function planChange(
  ctx: Ctx,
  db: Db,
  userId: string,
  orderId: string,
  addressId: string,
  lock: boolean,
): Promise<Result<AddressChangePlan, AddressChangeRefusal>> {
  const query = db.select().from(orders).where(eq(orders.id, orderId));
  const [order] = lock ? await query.for('update') : await query;
  // Another buyer's order looks exactly like a missing one.
  if (!order || order.userId !== userId) throw notFound('订单');
  if (!CHANGEABLE.includes(order.status)) return closed(order.status);
  const found = await findOwnAddress(ctx.deps, db, userId, addressId);
  if (!found) throw notFound('收货地址');
  const { id: _id, isDefault: _isDefault, ...next } = found;
  if (sameAddress(openOrderAddress(ctx.deps, order.address), next)) return ok({ order, next, unchanged: true });
  // Re-quoting both provinces under the merchant's template today isolates what the province changes (a region
  // group's rate, a remote surcharge, not delivered at all), whatever the order paid for the rest.
  const template = (await loadShippingTemplates(db, [order.merchantId])).get(order.merchantId);
  const rule = template ?? DEFAULT_SHIPPING_TEMPLATE;
  const lines = await db
    .select({ skuId: orderLines.skuId, qty: orderLines.qty })
    .from(orderLines)
    .where(eq(orderLines.orderId, order.id));
  // A weight template compares both provinces at the SKUs' weights today, like the template itself.
  const weights =
    rule.chargeBy === 'weight'
      ? await loadSkusForCheckout(
          db,
          lines.map((l) => l.skuId),
        )
      : null;
  const weightGrams = lines.reduce((a, l) => a + (weights?.get(l.skuId)?.weightGrams ?? 0) * l.qty, 0);
  const units = lines.reduce((a, l) => a + l.qty, 0);
  const feeAt = (province: string) =>
    shippingFeeFor(rule, { itemsAmount: order.itemsAmount, units, weightGrams, province });
  const [nextFee, currentFee] = [feeAt(next.province), feeAt(order.address.province)];
  if (nextFee === null) return refuseAddressChange('shipping-fee-differs', `商家不配送至${next.province}`);
  const delta = currentFee === null ? 0 : nextFee - currentFee;
  if (delta !== 0) {
    const fees = `新地址运费 ${formatYuan(order.shippingFee + delta)}，订单运费 ${formatYuan(order.shippingFee)}`;
    const what =
      order.status === 'pending_payment'
        ? '待付款订单的金额不能更改，请取消订单后用新地址重新下单'
        : '已付款订单不能补退运费差价，请联系客服，或申请仅退款后用新地址重新下单';
    return refuseAddressChange('shipping-fee-differs', `${fees}。${what}`);
  }
  return ok({ order, next, unchanged: false });
}

function closed(status: OrderStatus) {
  return refuseAddressChange(
    'address-change-closed',
    status === 'shipped'
      ? '订单已发货，无法修改收货地址；可以联系客服协助，或收货后申请售后'
      : `订单状态为「${STATUS_LABELS[status]}」，不能修改收货地址`,
  );
}

const sameAddress = (a: OrderAddress, b: OrderAddress) =>
  a.recipient === b.recipient &&
  a.phone === b.phone &&
  a.province === b.province &&
  a.city === b.city &&
  a.district === b.district &&
  a.detail === b.detail;
