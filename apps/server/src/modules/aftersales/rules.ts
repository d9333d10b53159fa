import { formatYuan } from '../../platform/money.ts';
import { refusals, type Refusal } from '../../platform/errors.ts';
import type { AfterSaleReason, AfterSaleStatus, AfterSaleType } from './schema.ts';

// The after-sales rules as pure functions (docs/AFTERSALES.md explains them for people).

const NO_REASON_DAYS = 7;
/** How long the merchant has to confirm a returned parcel before the operator steps in. */
export const RETURN_RECEIVE_DAYS = 7;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export const refuse = refusals({
  'order-not-eligible': [422, '该订单当前不能申请售后'],
  'line-not-found': [422, '订单中没有这件商品'],
  'qty-exceeds-available': [422, '申请数量超过可申请售后的数量'],
  'no-reason-not-allowed': [422, '该商品不支持七天无理由退货'],
  'no-reason-expired': [422, '已超过七天无理由退货期限'],
  'return-before-shipment': [422, '商品尚未发货，请申请仅退款'],
  'refund-failed': [409, '退款未能发起'],
  'exchange-before-delivery': [422, '确认收货后才能申请换货'],
  'exchange-other-product': [422, '只能换同一商品的其他规格'],
  'exchange-price-differs': [422, '只能换同价的规格'],
  'exchange-unavailable': [422, '换货规格已下架'],
  'exchange-out-of-stock': [409, '缺货'],
  'bad-tracking-no': [422, '快递单号与快递公司不符'],
});
export type AfterSaleRefusal = Refusal<Parameters<typeof refuse>[0]>;

export const OPEN_STATUSES: readonly AfterSaleStatus[] = [
  'requested',
  'escalated',
  'awaiting_return',
  'return_shipped',
  'refunding',
  'awaiting_replacement',
  'replacement_shipped',
];

export const TYPE_LABEL: Record<AfterSaleType, string> = {
  refund_only: '仅退款',
  return_refund: '退货退款',
  exchange: '换货',
};
export const REASON_LABEL: Record<AfterSaleReason, string> = {
  no_reason: '七天无理由',
  quality: '质量问题',
  wrong_item: '商家发错货',
  not_as_described: '与描述不符',
  not_received: '未收到货',
  other: '其他',
};
export const STATUS_LABEL: Record<AfterSaleStatus, string> = {
  requested: '待商家处理',
  escalated: '平台介入中',
  awaiting_return: '待买家退货',
  return_shipped: '待商家收货',
  refunding: '退款中',
  awaiting_replacement: '待商家寄出换货',
  replacement_shipped: '换货已寄出',
  completed: '退款成功',
  rejected: '商家已拒绝',
  cancelled: '已撤销',
};

const ELIGIBLE_ORDER_STATUSES = ['paid', 'shipped', 'delivered'];
const ORDER_STATUS_LABEL: Record<string, string> = {
  pending_payment: '待付款',
  completed: '已完成',
  cancelled: '已取消',
  closed: '已关闭',
};

/** What a closed request is called: an exchange completes without a refund. */
export const statusLabelOf = (type: AfterSaleType, status: AfterSaleStatus): string =>
  type === 'exchange' && status === 'completed' ? '换货完成' : STATUS_LABEL[status];

/**
 * 换货 swaps units for another SKU of the same product at the same price (the same SKU too: a defective unit for a
 * good one). Prices compare the SKUs as they sell now, so a shop-wide price change keeps sizes exchangeable.
 */
export function checkReplacement(
  original: { productId: string; price: number },
  replacement: { productId: string; price: number; purchasable: boolean; stock: number; specText: string } | undefined,
  qty: number,
): AfterSaleRefusal | undefined {
  if (!replacement || replacement.productId !== original.productId) return refuse('exchange-other-product');
  if (replacement.price !== original.price) {
    return refuse(
      'exchange-price-differs',
      `「${replacement.specText}」现价 ${formatYuan(replacement.price)}，原规格现价 ${formatYuan(original.price)}；价格不同的规格请退货后重新购买`,
    );
  }
  if (!replacement.purchasable)
    return refuse('exchange-unavailable', `「${replacement.specText}」已停售，请选择其他规格`);
  if (replacement.stock < qty)
    return refuse(
      'exchange-out-of-stock',
      `「${replacement.specText}」库存不足 ${qty} 件，请选择其他规格或申请退货退款`,
    );
  return undefined;
}

/**
 * Money an open request holds on its line. An exchange refunds nothing, but while open its units are spoken for
 * at their share of the line, so a refund of the other units takes only what is theirs.
 */
export const heldAmount = (
  line: { qty: number; payAmount: number },
  r: { type: AfterSaleType; qty: number; amount: number },
): number => (r.type === 'exchange' ? Math.floor((line.payAmount * r.qty) / line.qty) : r.amount);

/** Only orders the buyer has paid for and that are still open (not completed, cancelled or closed). */
export function checkOrderStatus(status: string): AfterSaleRefusal | undefined {
  if (ELIGIBLE_ORDER_STATUSES.includes(status)) return undefined;
  return refuse('order-not-eligible', `订单状态为「${ORDER_STATUS_LABEL[status] ?? status}」，不能申请售后`);
}

/** The no-reason window: 7 × 24 hours from delivery — the same span after which the orders module completes the order. */
export function noReasonDeadline(deliveredAt: Date): Date {
  return new Date(deliveredAt.getTime() + NO_REASON_DAYS * DAY_MS);
}

const shanghaiText = (d: Date) =>
  new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

/** No-reason returns need a policy that allows them and, once delivered, the 7-day window. */
export function checkNoReason(
  policy: { noReason7d: boolean; reason: string | null },
  deliveredAt: Date | null,
  now: Date,
): AfterSaleRefusal | undefined {
  if (!policy.noReason7d)
    return refuse('no-reason-not-allowed', policy.reason ?? '该商品不支持七天无理由退货，如有质量问题请选择其他原因');
  if (deliveredAt && now > noReasonDeadline(deliveredAt)) {
    return refuse(
      'no-reason-expired',
      `商品于 ${shanghaiText(deliveredAt)} 签收，七天无理由退货已于 ${shanghaiText(noReasonDeadline(deliveredAt))} 截止；如有质量问题请选择其他原因`,
    );
  }
  return undefined;
}

export interface LineMoney {
  qty: number;
  payAmount: number;
  refundedQty: number;
  refundedAmount: number;
}

/** Units and money of a line already refunded or held by open requests. */
export interface Claimed {
  units: number;
  amount: number;
}

export function claimedOf(line: LineMoney, open: { qty: number; amount: number }[]): Claimed {
  return {
    units: line.refundedQty + open.reduce((a, r) => a + r.qty, 0),
    amount: line.refundedAmount + open.reduce((a, r) => a + r.amount, 0),
  };
}

/**
 * What `q` units of a line refund: payAmount × q / qty, floored; the request that takes the last units of the
 * line gets what is left, so partial refunds of a line always add up to its payAmount exactly.
 */
export function lineRefundAmount(
  line: LineMoney,
  claimed: Claimed,
  q: number,
): { ok: true; amount: number } | AfterSaleRefusal {
  const available = line.qty - claimed.units;
  if (!Number.isInteger(q) || q <= 0 || q > available) {
    return refuse('qty-exceeds-available', `这件商品共 ${line.qty} 件，还可申请 ${Math.max(available, 0)} 件`);
  }
  if (q === available) return { ok: true, amount: Math.max(line.payAmount - claimed.amount, 0) };
  return { ok: true, amount: Math.floor((line.payAmount * q) / line.qty) };
}

/**
 * The shipping fee goes back only when the whole order is refunded before it ships: the order is not yet
 * shipped and, with this refund, every unit of every line is refunded or being refunded.
 */
export function shippingRefund(input: {
  shipped: boolean;
  shippingFee: number;
  shippingRefunded: number;
  unitsLeftAfterThis: number;
}): number {
  if (input.shipped || input.unitsLeftAfterThis > 0) return 0;
  return Math.max(input.shippingFee - input.shippingRefunded, 0);
}

export const describeAmount = (amount: number, shipping: number): string =>
  shipping > 0 ? `${formatYuan(amount + shipping)}（含运费 ${formatYuan(shipping)}）` : formatYuan(amount);
