import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import { type Ctx, makeCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { type CampaignTerms, hasPaidOrder, isCampaignLive, placeOrder, quoteCheckout } from '../orders/api.ts';
import { refuse, SHIP_HOLD } from './rules.ts';
import { groupBuyCampaigns, groupBuyGroups, groupBuyMembers } from './schema.ts';

// Taking a seat: the leader opens a group, friends join one. Each places its order through the standard checkout
// at the group price, in the same transaction as the seat, so a seat never exists without its order or vice versa.

export interface SeatOrderInput {
  addressId: string;
  /** The amount the buyer was shown (from the quote); refused as price-changed when it differs. */
  expectedAmount: number;
  note?: string | undefined;
  couponIds?: string[] | undefined;
  usePoints?: boolean | undefined;
}

/** Coupons and points work as at any checkout; the buyer chooses them on the quote. */
export interface SeatBenefits {
  addressId?: string | undefined;
  couponIds?: string[] | undefined;
  usePoints?: boolean | undefined;
}

export interface SeatTaken {
  groupId: string;
  memberId: string;
  orderId: string;
  checkoutId: string;
  amount: number;
  payDeadline: string;
}

type CampaignRow = typeof groupBuyCampaigns.$inferSelect;

const termsOf = (c: CampaignRow): CampaignTerms => ({
  kind: 'group_buy',
  campaignId: c.id,
  unitPrices: new Map([[c.skuId, c.groupPrice]]),
  shipHold: SHIP_HOLD,
});

/** What one seat costs the buyer (group price, shipping) for the chosen address. */
export async function quoteSeat(ctx: Ctx, campaignId: string, input: SeatBenefits) {
  requireUser(ctx.actor);
  const campaign = await loadCampaign(ctx.db, campaignId);
  return quoteCheckout(ctx, { ...input, items: [{ skuId: campaign.skuId, qty: 1 }] }, termsOf(campaign));
}

/** The leader opens a group: a pending group with the leader's seat; it opens for friends once the leader pays. */
export async function openGroup(ctx: Ctx, campaignId: string, input: SeatOrderInput): Promise<Result<SeatTaken>> {
  const user = requireUser(ctx.actor);
  return idempotent(ctx, 'groupbuy.open', { campaignId, ...input }, async (tx) => {
    const campaign = await loadCampaign(tx, campaignId);
    if (!isCampaignLive(campaign, ctx.now())) return refuse('campaign-not-live');
    const allowed = await withinUserLimit(tx, campaign, user.userId);
    if (!allowed) return refuse('limit-reached', `每人最多参团 ${campaign.perUserLimit} 次`);
    const isNewUser = !(await hasPaidOrder(tx, user.userId));
    const groupId = newId('gbg');
    await tx.insert(groupBuyGroups).values({
      id: groupId,
      campaignId,
      leaderId: user.userId,
      size: campaign.groupSize,
      newUserSeats: campaign.newUserSeats,
      seatsTaken: 1,
      regularSeatsTaken: isNewUser ? 0 : 1,
      status: 'pending',
      createdAt: ctx.now(),
    });
    return seatWithOrder(ctx, tx, campaign, groupId, { isLeader: true, isNewUser }, input);
  });
}

/**
 * A friend joins an open group. The group row is locked and the seat taken with a guarded update, so of many
 * buyers racing for the last seat exactly one gets it; the others get group-full and may open their own group.
 */
export async function joinGroup(ctx: Ctx, groupId: string, input: SeatOrderInput): Promise<Result<SeatTaken>> {
  const user = requireUser(ctx.actor);
  return idempotent(ctx, 'groupbuy.join', { groupId, ...input }, async (tx) => {
    const [group] = await tx.select().from(groupBuyGroups).where(eq(groupBuyGroups.id, groupId)).for('update');
    if (!group) throw notFound('拼团');
    if (group.status !== 'open') return refuse('group-not-open');
    if (group.expiresAt! <= ctx.now()) return refuse('group-expired');
    const [mine] = await tx
      .select({ id: groupBuyMembers.id })
      .from(groupBuyMembers)
      .where(
        and(
          eq(groupBuyMembers.groupId, groupId),
          eq(groupBuyMembers.userId, user.userId),
          inArray(groupBuyMembers.status, ['reserved', 'paid']),
        ),
      );
    if (mine) return refuse('already-in-group');
    const campaign = await loadCampaign(tx, group.campaignId);
    if (!(await withinUserLimit(tx, campaign, user.userId)))
      return refuse('limit-reached', `每人最多参团 ${campaign.perUserLimit} 次`);
    const isNewUser = !(await hasPaidOrder(tx, user.userId));
    const [seat] = await tx
      .update(groupBuyGroups)
      .set({
        seatsTaken: sql`${groupBuyGroups.seatsTaken} + 1`,
        regularSeatsTaken: sql`${groupBuyGroups.regularSeatsTaken} + ${isNewUser ? 0 : 1}`,
      })
      .where(
        and(
          eq(groupBuyGroups.id, groupId),
          eq(groupBuyGroups.status, 'open'),
          lt(groupBuyGroups.seatsTaken, groupBuyGroups.size),
          isNewUser
            ? undefined
            : sql`${groupBuyGroups.regularSeatsTaken} < ${groupBuyGroups.size} - ${groupBuyGroups.newUserSeats}`,
        ),
      )
      .returning({ id: groupBuyGroups.id });
    if (!seat) return group.seatsTaken >= group.size ? refuse('group-full') : refuse('new-user-seats-only');
    return seatWithOrder(ctx, tx, campaign, groupId, { isLeader: false, isNewUser }, input);
  });
}

async function seatWithOrder(
  ctx: Ctx,
  tx: Db,
  campaign: CampaignRow,
  groupId: string,
  who: { isLeader: boolean; isNewUser: boolean },
  input: SeatOrderInput,
): Promise<Result<SeatTaken>> {
  const user = requireUser(ctx.actor);
  // The order is placed inside this transaction (a savepoint), without the route's Idempotency-Key: ours covers both.
  const inTx = makeCtx(ctx.deps, ctx.actor, { db: tx, requestId: ctx.requestId, ip: ctx.ip });
  const placed = await placeOrder(inTx, { ...input, items: [{ skuId: campaign.skuId, qty: 1 }] }, termsOf(campaign));
  if (!placed.ok) return placed;
  const order = placed.value.orders[0]!;
  const memberId = newId('gbm');
  await tx.insert(groupBuyMembers).values({
    id: memberId,
    groupId,
    campaignId: campaign.id,
    userId: user.userId,
    orderId: order.id,
    checkoutId: placed.value.checkoutId,
    isLeader: who.isLeader,
    isNewUser: who.isNewUser,
    status: 'reserved',
    payAmount: order.payAmount,
    joinedAt: ctx.now(),
  });
  await emit(tx, 'groupbuy.seat_reserved', {
    groupId,
    campaignId: campaign.id,
    userId: user.userId,
    orderId: order.id,
    isLeader: who.isLeader,
  });
  return ok({
    groupId,
    memberId,
    orderId: order.id,
    checkoutId: placed.value.checkoutId,
    amount: placed.value.amount,
    payDeadline: placed.value.payDeadline,
  });
}

async function loadCampaign(db: Db, campaignId: string): Promise<CampaignRow> {
  const [c] = await db.select().from(groupBuyCampaigns).where(eq(groupBuyCampaigns.id, campaignId));
  if (!c) throw notFound('拼团活动');
  return c;
}

/** Live seats (reserved or paid) the user holds in the campaign, under a per-user lock so two tabs cannot both pass. */
async function withinUserLimit(db: Db, campaign: CampaignRow, userId: string): Promise<boolean> {
  if (campaign.perUserLimit === null) return true;
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`groupbuy-user:${campaign.id}:${userId}`}))`);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(groupBuyMembers)
    .where(
      and(
        eq(groupBuyMembers.campaignId, campaign.id),
        eq(groupBuyMembers.userId, userId),
        inArray(groupBuyMembers.status, ['reserved', 'paid']),
      ),
    );
  return (row?.n ?? 0) < campaign.perUserLimit;
}
