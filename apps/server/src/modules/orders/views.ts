import { asc, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { trackingOf, type TrackingView } from '../logistics/api.ts';
import { openOrderAddress } from './address-seal.ts';
import { autoConfirmAtOf } from './jobs.ts';
import { formatYuan } from '../../platform/money.ts';
import { type ShipHoldDto, shipHoldOf } from './campaign-terms.ts';
import type { AppliedDiscount } from './pricing.ts';
import {
  type CampaignKind,
  type OrderAddress,
  orderEvents,
  orderLines,
  type OrderStatus,
  type ReturnPolicy,
} from './schema.ts';
import { type OrderRow, STATUS_LABELS } from './state.ts';

// What orders look like to the outside: plain JSON with ISO dates, shared by checkout, lists and details.

interface OrderLineDto {
  id: string;
  skuId: string;
  productId: string;
  title: string;
  specText: string;
  imageUrl: string | null;
  unitPrice: number;
  qty: number;
  lineAmount: number;
  discountAmount: number;
  payAmount: number;
  refundedQty: number;
  refundedAmount: number;
  returnPolicy: ReturnPolicy;
}

export interface OrderSummaryDto {
  id: string;
  orderNo: string;
  checkoutId: string;
  status: OrderStatus;
  statusLabel: string;
  merchantId: string;
  merchantName: string;
  itemsAmount: number;
  discountAmount: number;
  shippingFee: number;
  payAmount: number;
  refundedAmount: number;
  lines: OrderLineDto[];
  createdAt: string;
  payDeadline: string;
  campaignKind: CampaignKind | null;
  /** Paid but not to be shipped yet (e.g. the group has not filled); null when nothing holds it. */
  shipHold: ShipHoldDto | null;
}

interface TimelineEntryDto {
  type: string;
  label: string;
  at: string;
  data: Record<string, unknown>;
}

interface LogisticsDto {
  carrier: string;
  trackingNo: string;
  shippedAt: string;
  /** sandbox: nodes simulated from the order's own times; kuaidi100: the scans the aggregator pushed. */
  source: 'sandbox' | 'kuaidi100';
  /** 已揽收/运输中/派送中/已签收 as the carrier last reported it; null in the sandbox or before the first scan. */
  statusLabel: string | null;
  notice: string;
  nodes: { at: string; text: string }[];
}

export interface OrderDetailDto extends OrderSummaryDto {
  userId: string;
  discounts: AppliedDiscount[];
  address: OrderAddress;
  note: string | null;
  paidAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  closedAt: string | null;
  cancelReason: string | null;
  /** When the system confirms receipt for the buyer (while shipped). */
  autoConfirmAt: string | null;
  openAfterSales: number;
  logistics: LogisticsDto | null;
  timeline: TimelineEntryDto[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const toLineDto = (l: typeof orderLines.$inferSelect): OrderLineDto => ({
  id: l.id,
  skuId: l.skuId,
  productId: l.productId,
  title: l.title,
  specText: l.specText,
  imageUrl: l.imageUrl,
  unitPrice: l.unitPrice,
  qty: l.qty,
  lineAmount: l.lineAmount,
  discountAmount: l.discountAmount,
  payAmount: l.payAmount,
  refundedQty: l.refundedQty,
  refundedAmount: l.refundedAmount,
  returnPolicy: l.returnPolicy,
});

/** What a summary shows of an order (a freshly placed order's values, before any read-back). */
type SummarySource = Pick<
  OrderRow,
  | 'id'
  | 'orderNo'
  | 'checkoutId'
  | 'status'
  | 'merchantId'
  | 'merchantName'
  | 'itemsAmount'
  | 'discountAmount'
  | 'shippingFee'
  | 'payAmount'
  | 'refundedAmount'
  | 'createdAt'
  | 'payDeadline'
  | 'campaignKind'
  | 'shipHold'
>;

export function toSummary(o: SummarySource, lines: (typeof orderLines.$inferSelect)[]): OrderSummaryDto {
  return {
    id: o.id,
    orderNo: o.orderNo,
    checkoutId: o.checkoutId,
    status: o.status,
    statusLabel: STATUS_LABELS[o.status],
    merchantId: o.merchantId,
    merchantName: o.merchantName,
    itemsAmount: o.itemsAmount,
    discountAmount: o.discountAmount,
    shippingFee: o.shippingFee,
    payAmount: o.payAmount,
    refundedAmount: o.refundedAmount,
    lines: lines.map(toLineDto),
    createdAt: o.createdAt.toISOString(),
    payDeadline: o.payDeadline.toISOString(),
    campaignKind: o.campaignKind,
    shipHold: shipHoldOf(o.shipHold),
  };
}

/** Lines of many orders in one query, keyed by order id. */
async function linesByOrder(db: Db, orderIds: string[]): Promise<Map<string, (typeof orderLines.$inferSelect)[]>> {
  const map = new Map<string, (typeof orderLines.$inferSelect)[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return map;
  const rows = await db
    .select()
    .from(orderLines)
    .where(inArray(orderLines.orderId, orderIds))
    .orderBy(asc(orderLines.id));
  for (const r of rows) map.get(r.orderId)?.push(r);
  return map;
}

export async function summariesOf(db: Db, rows: OrderRow[]): Promise<OrderSummaryDto[]> {
  const lines = await linesByOrder(
    db,
    rows.map((o) => o.id),
  );
  return rows.map((o) => toSummary(o, lines.get(o.id) ?? []));
}

const EVENT_LABELS: Record<string, (data: Record<string, unknown>) => string> = {
  created: () => '订单已提交',
  paid: () => '买家已付款',
  shipped: (d) => `商家已发货（${String(d.carrier)} ${String(d.trackingNo)}）`,
  delivered: (d) => (d.auto ? '超时未确认，系统已自动确认收货' : '买家已确认收货'),
  completed: () => '交易完成',
  cancelled: (d) => `订单已取消：${String(d.reason)}`,
  refunded: (d) => `已退款 ${formatYuan(Number(d.amount))}`,
  closed: () => '已全额退款，交易关闭',
  tracking: (d) => `物流${String(d.label)}：${String(d.text)}`,
  exchange_shipped: (d) =>
    `商家已寄出换货 ${String(d.specText)} × ${String(d.qty)}（${String(d.carrier)} ${String(d.trackingNo)}）`,
  address_changed: (d) => {
    const to = d.to as { province?: string; city?: string } | undefined;
    const where = [to?.province, to?.city === to?.province ? '' : to?.city].filter(Boolean).join(' ');
    return where ? `买家修改了收货地址（${where}）` : '买家修改了收货地址';
  },
};

export async function orderDetail(
  deps: Pick<Deps, 'fieldCrypto' | 'config'>,
  db: Db,
  o: OrderRow,
  now: Date,
): Promise<OrderDetailDto> {
  const lines = (await linesByOrder(db, [o.id])).get(o.id) ?? [];
  const events = await db
    .select()
    .from(orderEvents)
    .where(eq(orderEvents.orderId, o.id))
    .orderBy(asc(orderEvents.at), asc(orderEvents.id));
  return {
    ...toSummary(o, lines),
    userId: o.userId,
    discounts: o.discounts,
    address: openOrderAddress(deps, o.address),
    note: o.note,
    paidAt: iso(o.paidAt),
    shippedAt: iso(o.shippedAt),
    deliveredAt: iso(o.deliveredAt),
    completedAt: iso(o.completedAt),
    cancelledAt: iso(o.cancelledAt),
    closedAt: iso(o.closedAt),
    cancelReason: o.cancelReason,
    autoConfirmAt:
      o.status === 'shipped' && o.shippedAt
        ? autoConfirmAtOf(o.shippedAt, o.signedAt, deps.config).toISOString()
        : null,
    openAfterSales: o.openAfterSales,
    logistics: logisticsOf(o, now, await trackingOf(db, o.id)),
    timeline: events.map((e) => ({
      type: e.type,
      label: EVENT_LABELS[e.type]?.(e.data) ?? e.type,
      at: e.at.toISOString(),
      data: e.data,
    })),
  };
}

const HOUR = 3_600_000;

/** Sandbox tracking: plausible nodes derived from the shipping and delivery times, shown newest first, none in the future. */
function logisticsOf(o: OrderRow, now: Date, tracked: TrackingView | null): LogisticsDto | null {
  if (!o.shippedAt || !o.carrier || !o.trackingNo) return null;
  if (tracked)
    return {
      carrier: o.carrier,
      trackingNo: o.trackingNo,
      shippedAt: o.shippedAt.toISOString(),
      source: 'kuaidi100',
      statusLabel: tracked.statusLabel,
      notice:
        tracked.nodes.length === 0 ? '已向快递100订阅物流轨迹，等待快递公司的第一条扫描记录' : '物流轨迹由快递100提供',
      nodes: tracked.nodes.map((n) => ({ at: n.at, text: n.text })),
    };
  const t = o.shippedAt.getTime();
  const end = o.deliveredAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const city = o.address.city;
  const planned = [
    { at: t, text: `【${o.carrier}】商家已发货，快递员已揽收` },
    { at: t + 6 * HOUR, text: '快件已到达始发转运中心，正在发往下一站' },
    { at: t + 24 * HOUR, text: `快件已到达【${city}】转运中心` },
    { at: t + 36 * HOUR, text: `快件正在派送中（${city}${o.address.district}）` },
  ].filter((n) => n.at <= now.getTime() && n.at < end);
  if (o.deliveredAt) planned.push({ at: o.deliveredAt.getTime(), text: '快件已签收' });
  return {
    carrier: o.carrier,
    trackingNo: o.trackingNo,
    shippedAt: o.shippedAt.toISOString(),
    source: 'sandbox',
    statusLabel: null,
    notice: '沙箱物流轨迹：根据发货与签收时间模拟生成，并非快递公司的真实数据',
    nodes: planned.reverse().map((n) => ({ at: new Date(n.at).toISOString(), text: n.text })),
  };
}
