import { and, desc, eq, gte, lt, or, type SQL, sql } from 'drizzle-orm';
import { actingMerchant, requireOperator, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { recordAccess } from '../staff/api.ts';
import { contactIndex } from './address-seal.ts';
import { orderLines, orders, type OrderStatus } from './schema.ts';
import type { OrderRow } from './state.ts';
import { type OrderDetailDto, orderDetail, type OrderSummaryDto, summariesOf } from './views.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ListInput {
  status?: OrderStatus | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface SearchInput extends ListInput {
  /** Order id, tracking number, recipient name or phone, or part of a product title. */
  q?: string | undefined;
  /** A date (a whole business day in Asia/Shanghai) or an ISO time; `to` includes its day, excludes its time. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface MerchantOrderSummaryDto extends OrderSummaryDto {
  userId: string;
  recipient: string;
  trackingNo: string | null;
}

// ---- buyer ----

export async function listMyOrders(ctx: Ctx, input: ListInput): Promise<Page<OrderSummaryDto>> {
  const user = requireUser(ctx.actor);
  const page = await listOrders(ctx, [eq(orders.userId, user.userId)], input);
  return { items: await summariesOf(ctx.db, page.rows), nextCursor: page.nextCursor };
}

export async function getMyOrder(ctx: Ctx, orderId: string): Promise<OrderDetailDto> {
  const user = requireUser(ctx.actor);
  const [order] = await ctx.db.select().from(orders).where(eq(orders.id, orderId));
  // Another buyer's order looks exactly like a missing one.
  if (!order || order.userId !== user.userId) throw notFound('订单');
  return detail(ctx, order);
}

// ---- merchant ----

export async function listMerchantOrders(ctx: Ctx, input: SearchInput): Promise<Page<MerchantOrderSummaryDto>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'orders.read');
  const page = await listOrders(ctx, [eq(orders.merchantId, merchantId), ...searchConditions(ctx, input)], input);
  return { items: await staffSummaries(ctx, page.rows, false), nextCursor: page.nextCursor };
}

export async function getMerchantOrder(ctx: Ctx, orderId: string): Promise<OrderDetailDto> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'orders.read');
  const [order] = await ctx.db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.merchantId, merchantId)));
  if (!order) throw notFound('订单');
  return detail(ctx, order);
}

// ---- operator ----

export async function listAllOrders(ctx: Ctx, input: StaffSearch): Promise<Page<MerchantOrderSummaryDto>> {
  requireOperator(ctx.actor);
  const page = await listOrders(ctx, staffConditions(ctx, input), input);
  return { items: await staffSummaries(ctx, page.rows, true), nextCursor: page.nextCursor };
}

/**
 * Platform staff see the whole order with the recipient's phone masked; the address is still the buyer's personal
 * data, so the read goes on the staff access trail (docs/PRIVACY.md "Staff access trail").
 */
export async function getOrderAsOperator(ctx: Ctx, orderId: string): Promise<OrderDetailDto> {
  requireOperator(ctx.actor);
  const [order] = await ctx.db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw notFound('订单');
  const dto = await detail(ctx, order);
  await recordAccess(ctx, { subjectUserId: order.userId, action: 'order.address', resource: `order:${order.id}` });
  return { ...dto, address: { ...dto.address, phone: maskPhone(dto.address.phone) } };
}

/** Unmasking is an explicit act with a reason, for roles allowed it (personal.unmask), and it is logged. */
export async function unmaskOrderPhone(ctx: Ctx, orderId: string, reason: string): Promise<{ phone: string }> {
  requireOperator(ctx.actor);
  const [order] = await ctx.db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw notFound('订单');
  const dto = await detail(ctx, order);
  await recordAccess(ctx, {
    subjectUserId: order.userId,
    action: 'order.phone',
    resource: `order:${order.id}`,
    reason,
  });
  return { phone: dto.address.phone };
}

// ---- shared ----

/** Newest first, keyset-paginated on the time-ordered id. */
async function listOrders(
  ctx: Ctx,
  conditions: (SQL | undefined)[],
  input: ListInput,
): Promise<{ rows: OrderRow[]; nextCursor: string | null }> {
  const where = and(
    ...conditions,
    input.status ? eq(orders.status, input.status) : undefined,
    input.cursor ? lt(orders.id, input.cursor) : undefined,
  );
  const rows = await ctx.db
    .select()
    .from(orders)
    .where(where)
    .orderBy(desc(orders.id))
    .limit(input.limit + 1);
  const more = rows.length > input.limit;
  const pageRows = more ? rows.slice(0, input.limit) : rows;
  return { rows: pageRows, nextCursor: more ? pageRows[pageRows.length - 1]!.id : null };
}

export type StaffSearch = SearchInput & { merchantId?: string | undefined; userId?: string | undefined };

/** What 全部订单 filters on (its search, shop and buyer; the status is the list's): the export uses the same. */
export function staffConditions(ctx: Ctx, input: StaffSearch): SQL[] {
  const conditions = searchConditions(ctx, input);
  if (input.merchantId) conditions.push(eq(orders.merchantId, input.merchantId));
  if (input.userId) conditions.push(eq(orders.userId, input.userId));
  return conditions;
}

export function searchConditions(ctx: Ctx, input: SearchInput): SQL[] {
  const conditions: SQL[] = [];
  if (input.from) conditions.push(gte(orders.createdAt, boundary(input.from, false)));
  if (input.to) conditions.push(lt(orders.createdAt, boundary(input.to, true)));
  const q = input.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        eq(orders.id, q),
        eq(orders.orderNo, q),
        eq(orders.trackingNo, q),
        eq(orders.recipientIndex, contactIndex(ctx.deps, 'recipient', q)),
        eq(orders.phoneIndex, contactIndex(ctx.deps, 'phone', q)),
        sql`exists (select 1 from ${orderLines} where ${orderLines.orderId} = ${orders.id} and ${orderLines.title} ilike ${like})`,
      )!,
    );
  }
  return conditions;
}

async function staffSummaries(ctx: Ctx, rows: OrderRow[], mask: boolean): Promise<MerchantOrderSummaryDto[]> {
  const summaries = await summariesOf(ctx.db, rows);
  return summaries.map((s, i) => ({
    ...s,
    userId: rows[i]!.userId,
    recipient: (mask ? maskName : String)(ctx.deps.fieldCrypto.open(rows[i]!.address.recipient)),
    trackingNo: rows[i]!.trackingNo,
  }));
}

/** A bare date means that day in China: from its midnight, or (as an end) up to the next midnight. */
function boundary(value: string, end: boolean): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value);
  const midnight = new Date(`${value}T00:00:00+08:00`);
  return end ? new Date(midnight.getTime() + 86_400_000) : midnight;
}

const detail = (ctx: Ctx, order: OrderRow) => orderDetail(ctx.deps, ctx.db, order, ctx.now());

export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');
export const maskName = (name: string) => (name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(name.length - 1)}`);
