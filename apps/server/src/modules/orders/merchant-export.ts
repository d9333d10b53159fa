// 数据导入导出 → 订单导出: the shop's orders for its ERP, one row per order line (what an ERP books), in a date range
// and status. The recipient and phone are masked like every export of many people's data; the address is whole,
// because shipping from the ERP needs it.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { actingMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { type SheetFormat, writeSheet } from '../../platform/sheets.ts';
import { openOrderAddress } from './address-seal.ts';
import { maskName, maskPhone, searchConditions, type SearchInput } from './queries.ts';
import { orderLines, orders } from './schema.ts';
import { STATUS_LABELS } from './state.ts';

/** The most orders one export holds; narrow the dates for more. */
const EXPORT_MAX_ORDERS = 5000;

const HEADER = [
  '订单号',
  '下单时间',
  '付款时间',
  '状态',
  '商品',
  '规格',
  'SKU ID',
  '单价（元）',
  '数量',
  '行实付（元）',
  '已退数量',
  '订单运费（元）',
  '订单实付（元）',
  '收货人',
  '手机号',
  '省',
  '市',
  '区',
  '详细地址',
  '快递公司',
  '运单号',
];
const beijing = (d: Date | null) =>
  d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ') : '';

export async function exportMerchantOrders(
  ctx: Ctx,
  input: Pick<SearchInput, 'status' | 'from' | 'to'> & { format: SheetFormat },
): Promise<{ file: Buffer; orders: number }> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'orders.read');
  const rows = await ctx.db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.merchantId, merchantId),
        input.status ? eq(orders.status, input.status) : undefined,
        ...searchConditions(ctx, { ...input, limit: EXPORT_MAX_ORDERS }),
      ),
    )
    .orderBy(desc(orders.id))
    .limit(EXPORT_MAX_ORDERS);
  const lines =
    rows.length === 0
      ? []
      : await ctx.db
          .select()
          .from(orderLines)
          .where(
            inArray(
              orderLines.orderId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(asc(orderLines.id));
  const money = (fen: number) => (input.format === 'xlsx' ? fen / 100 : (fen / 100).toFixed(2));
  const out = rows.flatMap((o) => {
    const a = openOrderAddress(ctx.deps, o.address);
    return lines
      .filter((l) => l.orderId === o.id)
      .map((l) => [
        o.orderNo,
        beijing(o.createdAt),
        beijing(o.paidAt),
        STATUS_LABELS[o.status],
        l.title,
        l.specText,
        l.skuId,
        money(l.unitPrice),
        l.qty,
        money(l.payAmount),
        l.refundedQty,
        money(o.shippingFee),
        money(o.payAmount),
        maskName(a.recipient),
        maskPhone(a.phone),
        a.province,
        a.city,
        a.district,
        a.detail,
        o.carrier ?? '',
        o.trackingNo ?? '',
      ]);
  });
  return { file: await writeSheet(input.format, '订单', HEADER, out), orders: rows.length };
}
