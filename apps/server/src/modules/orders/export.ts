// 全部订单 → 导出 CSV (docs/PRIVACY.md "Staff access trail"): the orders a staff search finds, with the delivery
// address (recipient and phone masked, street in full: what shipping questions need). Many people's data leaves
// the platform in one file, so the export is one trail row naming how many people it covers, and the
// abnormal-access watch counts each of them.
import { and, desc, eq } from 'drizzle-orm';
import { requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { csvText } from '../../platform/csv.ts';
import { recordAccess } from '../staff/api.ts';
import { openOrderAddress } from './address-seal.ts';
import { maskName, maskPhone, type StaffSearch, staffConditions } from './queries.ts';
import { orders } from './schema.ts';
import { STATUS_LABELS } from './state.ts';

/** The most orders one export holds; narrow the search for more. */
const EXPORT_MAX_ROWS = 5000;

const HEADER = ['订单号', '下单时间', '状态', '实付（元）', '收货人', '手机号', '省', '市', '区', '详细地址'];
const beijing = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

export async function exportOrdersCsv(
  ctx: Ctx,
  input: Omit<StaffSearch, 'cursor' | 'limit'>,
): Promise<{ csv: string; orders: number; people: number }> {
  requireOperator(ctx.actor);
  const where = [
    ...staffConditions(ctx, { ...input, limit: EXPORT_MAX_ROWS }),
    input.status ? eq(orders.status, input.status) : undefined,
  ];
  const rows = await ctx.db
    .select()
    .from(orders)
    .where(and(...where))
    .orderBy(desc(orders.id))
    .limit(EXPORT_MAX_ROWS);
  const people = new Set(rows.map((r) => r.userId)).size;
  const lines = rows.map((r) => {
    const a = openOrderAddress(ctx.deps, r.address);
    return [
      r.orderNo,
      beijing(r.createdAt),
      STATUS_LABELS[r.status],
      (r.payAmount / 100).toFixed(2),
      maskName(a.recipient),
      maskPhone(a.phone),
      a.province,
      a.city,
      a.district,
      a.detail,
    ];
  });
  await recordAccess(ctx, {
    subjectUserId: null,
    action: 'orders.export',
    resource: `orders:${rows.length}`,
    people,
  });
  return { csv: csvText([HEADER, ...lines]), orders: rows.length, people };
}
