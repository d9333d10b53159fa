import { and, eq, gte, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { findUserIdByPhone, publicProfiles } from '../accounts/api.ts';
import {
  DONATION_MIN_POINTS,
  GIFT_MAX_POINTS_PER_DAY,
  GIFT_MIN_POINTS,
  maskNickname,
  maskPhone,
  shanghaiDay,
  shanghaiDayStart,
} from './rules.ts';
import { charityDonations, charityProjects, pointsGifts } from './schema.ts';
import { lockWallet, movePoints, pointsAccount } from './wallet.ts';

const refuse = refusals({
  'recipient-not-found': [422, '该手机号尚未注册好物'],
  'gift-to-self': [422, '不能赠送给自己'],
  'gift-too-small': [422, `每次至少赠送 ${GIFT_MIN_POINTS} 积分`],
  'gift-daily-limit': [422, `每天最多赠送 ${GIFT_MAX_POINTS_PER_DAY} 积分`],
  'donation-too-small': [422, `每次至少捐赠 ${DONATION_MIN_POINTS} 积分`],
  'project-closed': '该公益项目已结束募集',
  'insufficient-points': '积分不足',
});

export interface GiftRecipient {
  phone: string;
  nickname: string;
}

/** Step one of a gift: who the phone number belongs to, masked, so the sender can confirm before sending. */
export async function previewGift(ctx: Ctx, phone: string): Promise<Result<GiftRecipient>> {
  const user = requireUser(ctx.actor);
  const toUserId = await findUserIdByPhone(ctx.deps, ctx.db, phone);
  if (!toUserId) return refuse('recipient-not-found');
  if (toUserId === user.userId) return refuse('gift-to-self');
  const profile = (await publicProfiles(ctx.db, [toUserId])).get(toUserId);
  return ok({ phone: maskPhone(phone), nickname: maskNickname(profile?.nickname ?? '好物用户') });
}

export interface GiftSent {
  giftId: string;
  points: number;
  to: GiftRecipient;
  balance: number;
  createdAt: string;
}

/**
 * Step two: sends points to a friend by phone. Gifted points keep the expiry dates of the lots they came from,
 * so a gift never extends a point's life. At most GIFT_MAX_POINTS_PER_DAY a day leave one account.
 */
export async function sendGift(
  ctx: Ctx,
  input: { phone: string; points: number; message?: string | undefined },
): Promise<Result<GiftSent>> {
  const user = requireUser(ctx.actor);
  if (input.points < GIFT_MIN_POINTS) return refuse('gift-too-small');
  return idempotent(ctx, 'points.gift', input, async (tx) => {
    const toUserId = await findUserIdByPhone(ctx.deps, tx, input.phone);
    if (!toUserId) return refuse('recipient-not-found');
    if (toUserId === user.userId) return refuse('gift-to-self');
    const now = ctx.now();
    const balance = await lockWallet(tx, user.userId, now);
    const [{ sent } = { sent: 0 }] = await tx
      .select({ sent: sql<number>`coalesce(sum(${pointsGifts.points}), 0)::int` })
      .from(pointsGifts)
      .where(
        and(eq(pointsGifts.fromUserId, user.userId), gte(pointsGifts.createdAt, shanghaiDayStart(shanghaiDay(now)))),
      );
    if (sent + input.points > GIFT_MAX_POINTS_PER_DAY) return refuse('gift-daily-limit', `今天已赠送 ${sent} 积分`);
    if (balance < input.points) return refuse('insufficient-points', `当前可用 ${Math.max(0, balance)} 积分`);
    const giftId = newId('pgift');
    const profiles = await publicProfiles(tx, [user.userId, toUserId]);
    const moved = await movePoints(tx, {
      kind: 'points.gift',
      refId: giftId,
      memo: `积分赠送：${maskNickname(profiles.get(user.userId)?.nickname ?? '好友')} → ${maskNickname(profiles.get(toUserId)?.nickname ?? '好友')}`,
      at: now,
      from: { userId: user.userId },
      to: { userId: toUserId },
      points: input.points,
    });
    if (!moved.ok) return moved;
    const message = input.message?.trim() || null;
    await tx
      .insert(pointsGifts)
      .values({ id: giftId, fromUserId: user.userId, toUserId, points: input.points, message, createdAt: now });
    await emit(tx, 'points.gifted', {
      giftId,
      fromUserId: user.userId,
      toUserId,
      points: input.points,
      at: now.toISOString(),
    });
    return ok({
      giftId,
      points: input.points,
      to: { phone: maskPhone(input.phone), nickname: maskNickname(profiles.get(toUserId)?.nickname ?? '好物用户') },
      balance: balance - input.points,
      createdAt: now.toISOString(),
    });
  });
}

export interface Donated {
  donationId: string;
  projectId: string;
  points: number;
  balance: number;
  createdAt: string;
}

/** Donates points to a charity project; the donation appears on the public charity ledger (nickname masked). */
export async function donatePoints(ctx: Ctx, projectId: string, points: number): Promise<Result<Donated>> {
  const user = requireUser(ctx.actor);
  if (points < DONATION_MIN_POINTS) return refuse('donation-too-small');
  return idempotent(ctx, 'points.donate', { projectId, points }, async (tx) => {
    const [project] = await tx.select().from(charityProjects).where(eq(charityProjects.id, projectId));
    if (!project) throw notFound('公益项目');
    if (!project.active) return refuse('project-closed');
    const now = ctx.now();
    const balance = await lockWallet(tx, user.userId, now);
    if (balance < points) return refuse('insufficient-points', `当前可用 ${Math.max(0, balance)} 积分`);
    const donationId = newId('pdon');
    const moved = await movePoints(tx, {
      kind: 'points.donation',
      refId: donationId,
      memo: `公益捐赠：${project.title}`,
      at: now,
      from: { userId: user.userId },
      to: { account: pointsAccount.charity(projectId) },
      points,
    });
    if (!moved.ok) return moved;
    await tx
      .insert(charityDonations)
      .values({ id: donationId, projectId, userId: user.userId, points, createdAt: now });
    await emit(tx, 'points.donated', { donationId, projectId, userId: user.userId, points, at: now.toISOString() });
    return ok({ donationId, projectId, points, balance: balance - points, createdAt: now.toISOString() });
  });
}
