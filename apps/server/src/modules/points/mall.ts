import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import { requireOperator, requireUser } from '../../platform/auth.ts';
import { type Ctx, systemCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { badRequest, invalidTransition, notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import type { Deps } from '../../deps.ts';
import { findOwnAddress } from '../accounts/api.ts';
import { issueToUsers } from '../coupons/api.ts';
import { maskPhone } from './rules.ts';
import { pointsMallItems, pointsRedemptions, type RedemptionStatus } from './schema.ts';
import { openShipTo, sealShipTo } from './ship-to-seal.ts';
import { lockWallet, movePoints, pointsAccount } from './wallet.ts';

// The points mall: goods for points — a redemption record the platform operator ships (no order, no money;
// cancelling gives the points and the unit back) — and platform coupons for points, issued at once through the
// coupons module. Stock and the per-user limit are guarded in the database.

const refuse = refusals({
  'item-unavailable': '该商品已下架',
  'mall-sold-out': '已兑完',
  'redeem-limit-reached': '已达到每人兑换上限',
  'insufficient-points': '积分不足',
  'coupon-unavailable': '该优惠券暂时无法发放',
});

type ItemRow = typeof pointsMallItems.$inferSelect;
export interface MallItemDto {
  id: string;
  title: string;
  description: string;
  imageUrl: string | null;
  pointsCost: number;
  stock: number;
  perUserLimit: number;
  redeemedCount: number;
  active: boolean;
  /** Set for coupon items: the platform coupon template issued on redemption. */
  couponTemplateId: string | null;
}
const itemDto = (r: ItemRow): MallItemDto => ({
  id: r.id,
  title: r.title,
  description: r.description,
  imageUrl: r.imageUrl,
  pointsCost: r.pointsCost,
  stock: r.stock,
  perUserLimit: r.perUserLimit,
  redeemedCount: r.redeemedCount,
  active: r.active,
  couponTemplateId: r.couponTemplateId,
});

export async function listMallItems(db: Db, opts: { includeInactive: boolean }): Promise<{ items: MallItemDto[] }> {
  const rows = await db
    .select()
    .from(pointsMallItems)
    .where(opts.includeInactive ? undefined : eq(pointsMallItems.active, true))
    .orderBy(desc(pointsMallItems.active), asc(pointsMallItems.pointsCost), asc(pointsMallItems.id));
  return { items: rows.map(itemDto) };
}

type RedemptionRow = typeof pointsRedemptions.$inferSelect;
export interface RedemptionDto {
  id: string;
  itemId: string;
  itemTitle: string;
  points: number;
  status: RedemptionStatus;
  shipTo: { recipient: string; phone: string; address: string } | null;
  fulfilNote: string | null;
  createdAt: string;
  fulfilledAt: string | null;
}
const redemptionDto = (deps: Deps, r: RedemptionRow, maskContact: boolean): RedemptionDto => {
  const shipTo = openShipTo(deps, r.shipTo);
  return {
    id: r.id,
    itemId: r.itemId,
    itemTitle: r.itemTitle,
    points: r.points,
    status: r.status,
    shipTo: shipTo
      ? {
          recipient: shipTo.recipient ?? '',
          phone: maskContact ? maskPhone(shipTo.phone ?? '') : (shipTo.phone ?? ''),
          address: shipTo.address ?? '',
        }
      : null,
    fulfilNote: r.fulfilNote,
    createdAt: r.createdAt.toISOString(),
    fulfilledAt: r.fulfilledAt?.toISOString() ?? null,
  };
};

/** The buyer redeems one item for points (goods to one of their addresses). Once per Idempotency-Key. */
export async function redeemMallItem(
  ctx: Ctx,
  itemId: string,
  input: { addressId?: string | undefined },
): Promise<Result<RedemptionDto>> {
  const user = requireUser(ctx.actor);
  return idempotent(ctx, 'points.redeem', { itemId, ...input }, async (tx) => {
    const now = ctx.now();
    await lockWallet(tx, user.userId, now);
    const [item] = await tx.select().from(pointsMallItems).where(eq(pointsMallItems.id, itemId));
    if (!item) throw notFound('积分商品');
    if (!item.active) return refuse('item-unavailable');
    if (!item.couponTemplateId && !input.addressId) throw badRequest('请选择收货地址');
    const address = input.addressId ? await findOwnAddress(ctx.deps, tx, user.userId, input.addressId) : undefined;
    if (input.addressId && !address) throw notFound('收货地址');
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(pointsRedemptions)
      .where(
        and(
          eq(pointsRedemptions.itemId, itemId),
          eq(pointsRedemptions.userId, user.userId),
          sql`${pointsRedemptions.status} <> 'cancelled'`,
        ),
      );
    if (n >= item.perUserLimit) return refuse('redeem-limit-reached', `每人限兑 ${item.perUserLimit} 件`);
    const took = await tx
      .update(pointsMallItems)
      .set({
        stock: sql`${pointsMallItems.stock} - 1`,
        redeemedCount: sql`${pointsMallItems.redeemedCount} + 1`,
        updatedAt: now,
      })
      .where(and(eq(pointsMallItems.id, itemId), gt(pointsMallItems.stock, 0)))
      .returning({ id: pointsMallItems.id });
    if (took.length === 0) return refuse('mall-sold-out');
    const id = newId('prd');
    const moved = await movePoints(tx, {
      kind: 'points.mall',
      refId: id,
      memo: `积分商城兑换：${item.title}`,
      at: now,
      from: { userId: user.userId },
      to: { account: pointsAccount.redeemed },
      points: item.pointsCost,
    });
    if (!moved.ok) return refuse('insufficient-points', `需要 ${item.pointsCost} 积分`);
    if (item.couponTemplateId) {
      // In a savepoint of this transaction: a coupon that cannot be issued refuses (and rolls back) the redemption.
      const issued = await issueToUsers(
        systemCtx(ctx.deps, 'points-mall', tx),
        { kind: 'platform' },
        item.couponTemplateId,
        { userIds: [user.userId] },
      );
      if (!issued.ok) return refuse('coupon-unavailable', issued.title);
      if (issued.value.issued === 0) return refuse('coupon-unavailable', '优惠券已发完或已达每人限领张数');
    }
    const shipTo = address
      ? {
          recipient: address.recipient,
          phone: address.phone,
          address: `${address.province}${address.city}${address.district}${address.detail}`,
        }
      : null;
    const status = item.couponTemplateId ? 'issued' : 'pending';
    const [row] = await tx
      .insert(pointsRedemptions)
      .values({
        id,
        itemId,
        userId: user.userId,
        itemTitle: item.title,
        points: item.pointsCost,
        status,
        shipTo: sealShipTo(ctx.deps, shipTo),
        createdAt: now,
        fulfilledAt: status === 'issued' ? now : null,
      })
      .returning();
    return ok(redemptionDto(ctx.deps, row!, false));
  });
}

export async function listMyRedemptions(ctx: Ctx, page: { cursor?: string | undefined; limit: number }) {
  const user = requireUser(ctx.actor);
  return pageOf(ctx, eq(pointsRedemptions.userId, user.userId), page, false);
}

export async function listRedemptions(
  ctx: Ctx,
  query: { status?: RedemptionStatus | undefined; cursor?: string | undefined; limit: number },
) {
  requireOperator(ctx.actor);
  return pageOf(ctx, query.status ? eq(pointsRedemptions.status, query.status) : undefined, query, true);
}

async function pageOf(
  ctx: Ctx,
  where: ReturnType<typeof eq> | undefined,
  page: { cursor?: string | undefined; limit: number },
  mask: boolean,
) {
  const rows = await ctx.db
    .select()
    .from(pointsRedemptions)
    .where(and(where, page.cursor ? lt(pointsRedemptions.id, page.cursor) : undefined))
    .orderBy(desc(pointsRedemptions.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  return {
    items: items.map((r) => redemptionDto(ctx.deps, r, mask)),
    nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null,
  };
}

/** The operator ships a pending redemption (note: carrier and tracking number) or cancels it, returning the points. */
export async function decideRedemption(
  ctx: Ctx,
  id: string,
  input: { action: 'ship' | 'cancel'; note: string },
): Promise<RedemptionDto> {
  requireOperator(ctx.actor);
  return ctx.tx(async (tx) => {
    const [row] = await tx.select().from(pointsRedemptions).where(eq(pointsRedemptions.id, id)).for('update');
    if (!row) throw notFound('兑换记录');
    const label = { shipped: '已发货', cancelled: '已取消', issued: '已发券', pending: '待发货' }[row.status];
    if (row.status !== 'pending') throw invalidTransition(label, input.action === 'ship' ? '发货' : '取消');
    const now = ctx.now();
    if (input.action === 'cancel') {
      const moved = await movePoints(tx, {
        kind: 'points.mall-cancel',
        refId: id,
        memo: `积分商城兑换取消，退回积分：${row.itemTitle}`,
        at: now,
        from: { account: pointsAccount.redeemed },
        to: { userId: row.userId },
        points: row.points,
      });
      if (!moved.ok) throw new Error(`mall cancel ${id}: ${moved.type}`);
      await tx
        .update(pointsMallItems)
        .set({
          stock: sql`${pointsMallItems.stock} + 1`,
          redeemedCount: sql`${pointsMallItems.redeemedCount} - 1`,
          updatedAt: now,
        })
        .where(eq(pointsMallItems.id, row.itemId));
    }
    const [updated] = await tx
      .update(pointsRedemptions)
      .set({ status: input.action === 'ship' ? 'shipped' : 'cancelled', fulfilNote: input.note, fulfilledAt: now })
      .where(eq(pointsRedemptions.id, id))
      .returning();
    return redemptionDto(ctx.deps, updated!, true);
  });
}

export interface MallItemInput {
  title: string;
  description: string;
  imageUrl?: string | null | undefined;
  pointsCost: number;
  stock: number;
  perUserLimit: number;
  couponTemplateId?: string | null | undefined;
}

export async function createMallItem(ctx: Ctx, input: MallItemInput): Promise<MallItemDto> {
  requireOperator(ctx.actor);
  const now = ctx.now();
  const [row] = await ctx.db
    .insert(pointsMallItems)
    .values({
      id: newId('pmi'),
      ...input,
      imageUrl: input.imageUrl ?? null,
      couponTemplateId: input.couponTemplateId ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return itemDto(row!);
}

export async function updateMallItem(
  ctx: Ctx,
  id: string,
  input: Partial<MallItemInput> & { active?: boolean | undefined },
): Promise<MallItemDto> {
  requireOperator(ctx.actor);
  const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const [row] = await ctx.db
    .update(pointsMallItems)
    .set({ ...set, updatedAt: ctx.now() })
    .where(eq(pointsMallItems.id, id))
    .returning();
  if (!row) throw notFound('积分商品');
  return itemDto(row);
}
