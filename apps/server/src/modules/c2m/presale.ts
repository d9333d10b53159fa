import { desc, eq, inArray, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import { type Ctx, makeCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { atomically, idempotent } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { loadSkusForCheckout } from '../catalog/api.ts';
import { refundCampaignOrder } from '../groupbuy/api.ts';
import { type CampaignTerms, campaignSku, placeOrder, quoteCheckout, staffCampaignScope } from '../orders/api.ts';
import { checkProductionSource } from '../supply/api.ts';
import { getDesignVote } from './demand.ts';
import { DEADLINE_JOB, deadlineKey, refuse, refundRef, SHIP_HOLD, targetOf } from './rules.ts';
import { c2mPledges, c2mPresales } from './schema.ts';

// Crowdfunded pre-sales: the merchant opens one on a SKU; buyers order it at the pre-sale price through the
// standard checkout (coupons and points as anywhere, no catalog stock: the batch is made after the pre-sale
// succeeds); the deadline job decides (lifecycle.ts).

type PresaleRow = typeof c2mPresales.$inferSelect;

const termsOf = (p: PresaleRow): CampaignTerms => ({
  kind: 'presale',
  campaignId: p.id,
  unitPrices: new Map([[p.skuId, p.price]]),
  shipHold: SHIP_HOLD,
  madeToOrder: true,
});

export interface CreatePresaleInput {
  skuId: string;
  title?: string | undefined;
  designVoteId?: string | undefined;
  price: number;
  minBatch: number;
  targetPercent: number;
  deadline: string;
  deliverBy: string;
  supplierId: string;
  warehouseId: string;
}

export async function createPresale(ctx: Ctx, input: CreatePresaleInput) {
  const { merchantId, userId, sku } = await campaignSku(ctx, input.skuId);
  const deadline = new Date(input.deadline);
  const deliverBy = new Date(input.deliverBy);
  if (!(deadline > ctx.now())) return refuse('invalid-presale', '截止时间须晚于当前时间');
  if (!(deliverBy > deadline)) return refuse('invalid-presale', '承诺发货日期须晚于预售截止时间');
  if (input.targetPercent < 100) return refuse('invalid-presale', '目标不能低于最小起订量');
  let title = input.title?.trim() ?? '';
  if (input.designVoteId) {
    const vote = await getDesignVote(ctx, input.designVoteId);
    if (vote.merchantId !== merchantId) throw notFound('设计投票', input.designVoteId);
    if (!vote.closed || !vote.winnerOptionId) return refuse('invalid-presale', '设计投票尚未截止或无人投票');
    const winner = vote.options.find((o) => o.id === vote.winnerOptionId)!;
    title ||= `${vote.title}：${winner.label}`;
  }
  const source = await checkProductionSource(ctx.db, merchantId, input);
  if (!source.ok) return source;
  const id = newId('psl');
  const row: PresaleRow = {
    id,
    merchantId,
    productId: sku.productId,
    skuId: sku.skuId,
    title: title || `${sku.productTitle} ${sku.specText}`.trim(),
    designVoteId: input.designVoteId ?? null,
    price: input.price,
    minBatch: input.minBatch,
    targetQty: targetOf(input.minBatch, input.targetPercent),
    paidQty: 0,
    backers: 0,
    deadline,
    deliverBy,
    supplierId: input.supplierId,
    warehouseId: input.warehouseId,
    status: 'funding',
    poId: null,
    decidedAt: null,
    createdBy: userId,
    createdAt: ctx.now(),
  };
  return atomically(ctx, async (tx) => {
    await tx.insert(c2mPresales).values(row);
    await ctx.deps.jobs.enqueue(tx, DEADLINE_JOB, { presaleId: id }, { runAt: deadline, key: deadlineKey(id) });
    await emit(tx, 'c2m.presale_created', { presaleId: id, merchantId, productId: sku.productId, skuId: sku.skuId });
    return ok((await presaleViews(tx, [row], ctx.now()))[0]!);
  });
}

export interface PledgeInput {
  qty: number;
  addressId: string;
  expectedAmount: number;
  note?: string | undefined;
  couponIds?: string[] | undefined;
  usePoints?: boolean | undefined;
}

/** What `qty` units cost at the pre-sale price with the buyer's coupons, points and address. */
export async function quotePledge(
  ctx: Ctx,
  presaleId: string,
  input: {
    qty: number;
    addressId?: string | undefined;
    couponIds?: string[] | undefined;
    usePoints?: boolean | undefined;
  },
) {
  requireUser(ctx.actor);
  const p = await loadPresale(ctx.db, presaleId);
  return quoteCheckout(ctx, { ...input, items: [{ skuId: p.skuId, qty: input.qty }] }, termsOf(p));
}

/** Orders `qty` units of the pre-sale; the order and the pledge are written together (one Idempotency-Key). */
export async function pledge(ctx: Ctx, presaleId: string, input: PledgeInput) {
  const user = requireUser(ctx.actor);
  return idempotent(ctx, 'c2m.pledge', { presaleId, ...input }, async (tx) => {
    const p = await loadPresale(tx, presaleId);
    if (p.status !== 'funding' || p.deadline <= ctx.now()) return refuse('presale-closed');
    const inTx = makeCtx(ctx.deps, ctx.actor, { db: tx, requestId: ctx.requestId, ip: ctx.ip });
    const { qty, ...rest } = input;
    const placed = await placeOrder(inTx, { ...rest, items: [{ skuId: p.skuId, qty }] }, termsOf(p));
    if (!placed.ok) return placed;
    const order = placed.value.orders[0]!;
    const pledgeId = newId('plg');
    await tx.insert(c2mPledges).values({
      id: pledgeId,
      presaleId,
      userId: user.userId,
      qty,
      orderId: order.id,
      status: 'reserved',
      payAmount: order.payAmount,
      createdAt: ctx.now(),
    });
    return ok({
      pledgeId,
      orderId: order.id,
      checkoutId: placed.value.checkoutId,
      amount: placed.value.amount,
      payDeadline: placed.value.payDeadline,
    });
  });
}

/** 延期退款: the promised delivery date has passed and the order has not shipped; the buyer may take the money back. */
export async function refundLatePledge(ctx: Ctx, pledgeId: string) {
  const user = requireUser(ctx.actor);
  return atomically(ctx, async (tx) => {
    const [pl] = await tx.select().from(c2mPledges).where(eq(c2mPledges.id, pledgeId)).for('update');
    if (!pl || pl.userId !== user.userId) throw notFound('预售订单');
    const p = await loadPresale(tx, pl.presaleId);
    if (pl.status !== 'paid' || p.status !== 'succeeded' || pl.shippedAt) return refuse('not-refundable');
    if (ctx.now() <= p.deliverBy) return refuse('not-late');
    const refund = await refundCampaignOrder(tx, {
      orderId: pl.orderId,
      refId: refundRef(pl.id),
      reason: '预售超过承诺发货日期未发货，买家申请退款',
      at: ctx.now(),
    });
    await tx
      .update(c2mPledges)
      .set(
        refund
          ? { status: 'refunding', refundId: refund.refundId, refundReason: 'late' }
          : { status: 'refunded', refundReason: 'late', refundedAt: ctx.now() },
      )
      .where(eq(c2mPledges.id, pl.id));
    return ok({ pledgeId, status: refund ? ('refunding' as const) : ('refunded' as const) });
  });
}

async function loadPresale(db: Db, id: string): Promise<PresaleRow> {
  const [p] = await db.select().from(c2mPresales).where(eq(c2mPresales.id, id));
  if (!p) throw notFound('预售');
  return p;
}

// ---- views ----

async function presaleViews(db: Db, rows: readonly PresaleRow[], now: Date) {
  const skus = await loadSkusForCheckout(
    db,
    rows.map((r) => r.skuId),
  );
  return rows.map((r) => {
    const sku = skus.get(r.skuId);
    return {
      id: r.id,
      merchantId: r.merchantId,
      merchantName: sku?.merchantName ?? '',
      productId: r.productId,
      skuId: r.skuId,
      title: r.title,
      productTitle: sku?.productTitle ?? r.title,
      specText: sku?.specText ?? '',
      imageUrl: sku?.imageUrl ?? null,
      skuPrice: sku?.price ?? 0,
      designVoteId: r.designVoteId,
      price: r.price,
      minBatch: r.minBatch,
      targetQty: r.targetQty,
      paidQty: r.paidQty,
      backers: r.backers,
      /** Whole percent of the target reached (may pass 100). */
      progressPercent: Math.floor((r.paidQty * 100) / r.targetQty),
      deadline: r.deadline.toISOString(),
      deliverBy: r.deliverBy.toISOString(),
      status: r.status,
      poId: r.poId,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      live: r.status === 'funding' && now < r.deadline && (sku?.purchasable ?? false),
    };
  });
}

export type PresaleDto = Awaited<ReturnType<typeof presaleViews>>[number];

export async function getPresale(ctx: Ctx, id: string): Promise<PresaleDto> {
  return (await presaleViews(ctx.db, [await loadPresale(ctx.db, id)], ctx.now()))[0]!;
}

/** The product page's pre-sales (dual track: its other SKUs sell from stock as usual). */
export async function productPresales(ctx: Ctx, productId: string) {
  const rows = await ctx.db
    .select()
    .from(c2mPresales)
    .where(eq(c2mPresales.productId, productId))
    .orderBy(desc(c2mPresales.id))
    .limit(20);
  return { items: await presaleViews(ctx.db, rows, ctx.now()) };
}

/** Live pre-sales for the shop's list, newest first. */
export async function listLivePresales(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(c2mPresales)
    .where(eq(c2mPresales.status, 'funding'))
    .orderBy(desc(c2mPresales.id))
    .limit(50);
  return { items: (await presaleViews(ctx.db, rows, ctx.now())).filter((p) => p.live) };
}

/** Merchants see their own pre-sales, operators (not acting for a shop) all, with the pledges counted. */
export async function listPresalesForStaff(ctx: Ctx) {
  const merchantId = staffCampaignScope(ctx);
  const rows = await ctx.db
    .select()
    .from(c2mPresales)
    .where(merchantId ? eq(c2mPresales.merchantId, merchantId) : undefined)
    .orderBy(desc(c2mPresales.id))
    .limit(100);
  const counts = rows.length
    ? await ctx.db
        .select({ presaleId: c2mPledges.presaleId, status: c2mPledges.status, n: sql<number>`count(*)::int` })
        .from(c2mPledges)
        .where(
          inArray(
            c2mPledges.presaleId,
            rows.map((r) => r.id),
          ),
        )
        .groupBy(c2mPledges.presaleId, c2mPledges.status)
    : [];
  const views = await presaleViews(ctx.db, rows, ctx.now());
  return {
    items: views.map((v) => ({
      ...v,
      pledges: Object.fromEntries(counts.filter((c) => c.presaleId === v.id).map((c) => [c.status, c.n])),
    })),
  };
}

/** The buyer's pre-sale orders, each with its pre-sale and whether the promised delivery date has passed. */
export async function listMyPledges(ctx: Ctx) {
  const user = requireUser(ctx.actor);
  const pledges = await ctx.db
    .select()
    .from(c2mPledges)
    .where(eq(c2mPledges.userId, user.userId))
    .orderBy(desc(c2mPledges.id))
    .limit(100);
  const presaleRows = pledges.length
    ? await ctx.db
        .select()
        .from(c2mPresales)
        .where(inArray(c2mPresales.id, [...new Set(pledges.map((p) => p.presaleId))]))
    : [];
  const views = new Map((await presaleViews(ctx.db, presaleRows, ctx.now())).map((v) => [v.id, v]));
  const now = ctx.now();
  return {
    items: pledges.map((pl) => {
      const presale = views.get(pl.presaleId)!;
      const late =
        pl.status === 'paid' && presale.status === 'succeeded' && !pl.shippedAt && now > new Date(presale.deliverBy);
      return {
        id: pl.id,
        qty: pl.qty,
        orderId: pl.orderId,
        status: pl.status,
        payAmount: pl.payAmount,
        refundReason: pl.refundReason,
        shippedAt: pl.shippedAt?.toISOString() ?? null,
        createdAt: pl.createdAt.toISOString(),
        late,
        presale,
      };
    }),
  };
}
