import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { postJournal } from '../../platform/ledger.ts';
import { allocate, formatYuan } from '../../platform/money.ts';
import { getLineAttributions } from '../attribution/api.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { inviterOf } from '../invitations/api.ts';
import { getOrderForAfterSale } from '../orders/api.ts';
import { accounts } from './accounts.ts';
import { resolveRule } from './rules.ts';
import { affiliateLinks, commissions } from './schema.ts';

type CommissionRow = typeof commissions.$inferSelect;

/** Commission of one level on one line: rate × what the buyer paid for it, rounded down, at most the cap. */
export function commissionFor(base: number, rateBp: number, cap: number | null): number {
  const raw = Math.floor((base * rateBp) / 10_000);
  return cap === null ? raw : Math.min(raw, cap);
}

/**
 * Records pending commission for the affiliate lines of a paid order. Runs on order.paid and on order.attributed,
 * since either may come first; it acts only once both have happened, and (line, level) is unique so the second
 * call records nothing new. Buying through your own link earns nothing, for you or your inviter.
 */
export async function recordOrderCommissions(
  db: Db,
  orderId: string,
  lineIds: string[],
  at: Date,
  windowDays: number,
): Promise<void> {
  // Most orders carry no affiliate code: one indexed read and done, before loading the order. The code may come
  // from an affiliate link, or from a post's or share's promoter (attribution puts it on the touch); the rules are one.
  const attributions = await getLineAttributions(db, lineIds);
  if (![...attributions.values()].some((a) => a.affiliateCode)) return;
  const order = await getOrderForAfterSale(db, orderId);
  if (!order || !order.paidAt || order.status === 'pending_payment' || order.status === 'cancelled') return;
  const affiliate = order.lines.flatMap((line) => {
    const a = attributions.get(line.lineId);
    const inWindow = a?.lastTouchAt && order.paidAt!.getTime() - a.lastTouchAt.getTime() <= windowDays * 86_400_000;
    return a?.affiliateCode && inWindow ? [{ line, code: a.affiliateCode }] : [];
  });
  if (affiliate.length === 0) return;
  const links = await db
    .select()
    .from(affiliateLinks)
    .where(
      inArray(
        affiliateLinks.code,
        affiliate.map((x) => x.code),
      ),
    );
  const briefs = await getProductBriefs(
    db,
    affiliate.map((x) => x.line.productId),
  );
  const recorded: CommissionRow[] = [];
  for (const { line, code } of affiliate) {
    const link = links.find((l) => l.code === code);
    const product = briefs.get(line.productId);
    if (!link || !product || link.productId !== line.productId || link.promoterId === order.userId) continue;
    const rule = await resolveRule(db, {
      merchantId: order.merchantId,
      productId: line.productId,
      categoryId: product.categoryId,
    });
    if (!rule) continue;
    const levels: { level: number; promoterId: string; rateBp: number }[] = [
      { level: 1, promoterId: link.promoterId, rateBp: rule.rateBp },
    ];
    const upline = rule.secondRateBp > 0 ? await inviterOf(db, link.promoterId) : undefined;
    if (upline && upline !== order.userId) levels.push({ level: 2, promoterId: upline, rateBp: rule.secondRateBp });
    for (const lv of levels) {
      const amount = commissionFor(line.payAmount, lv.rateBp, rule.capAmount);
      if (amount <= 0) continue;
      const [row] = await db
        .insert(commissions)
        .values({
          id: newId('cms'),
          orderId,
          lineId: line.lineId,
          level: lv.level,
          promoterId: lv.promoterId,
          buyerId: order.userId,
          merchantId: order.merchantId,
          productId: line.productId,
          productTitle: line.title,
          affiliateCode: code,
          ruleId: rule.id,
          rateBp: lv.rateBp,
          baseAmount: line.payAmount,
          amount,
          status: 'pending',
          createdAt: at,
        })
        .onConflictDoNothing()
        .returning();
      if (row) recorded.push(row);
    }
  }
  for (const c of recorded) {
    await postJournal(db, {
      kind: 'commission.recorded',
      refId: c.id,
      memo: `订单 ${orderId}「${c.productTitle}」${c.level === 1 ? '推广' : '二级'}佣金 ${formatYuan(c.amount)}（待结算）`,
      at,
      lines: [
        { account: accounts.merchantPending(c.merchantId), amount: c.amount },
        { account: accounts.promoterPending(c.promoterId), amount: -c.amount },
      ],
    });
    await emit(db, 'commission.recorded', {
      commissionId: c.id,
      orderId,
      promoterId: c.promoterId,
      level: c.level,
      amount: c.amount,
    });
  }
  // A refund that landed before the commission was recorded is taken into account at once.
  if (recorded.length > 0) await syncCommissionReversals(db, orderId, `recorded:${orderId}`, at);
}

/**
 * Brings each commission of the order in line with the refunds its line has had: the reversed part is the line's
 * refunded share of the commission, split by largest remainder, so a full refund reverses exactly all of it and
 * nothing is ever reversed twice or past what was recorded. `triggerId` (the event) makes each posting unique.
 */
export async function syncCommissionReversals(db: Db, orderId: string, triggerId: string, at: Date): Promise<void> {
  const rows = await db
    .select()
    .from(commissions)
    .where(eq(commissions.orderId, orderId))
    .orderBy(asc(commissions.id))
    .for('update');
  if (rows.length === 0) return;
  const order = await getOrderForAfterSale(db, orderId);
  if (!order) return;
  for (const c of rows) {
    const line = order.lines.find((l) => l.lineId === c.lineId);
    if (!line || line.refundedAmount === 0) continue;
    const target = allocate(c.amount, [line.refundedAmount, Math.max(line.payAmount - line.refundedAmount, 0)])[0]!;
    const delta = Math.min(target, c.amount) - c.reversedAmount;
    if (delta <= 0) continue;
    const settled = c.status === 'settled';
    const posted = await postJournal(db, {
      kind: 'commission.reversed',
      refId: `${c.id}:${triggerId}`,
      memo: `订单 ${orderId}「${c.productTitle}」退款，冲回佣金 ${formatYuan(delta)}`,
      at,
      lines: [
        {
          account: settled ? accounts.promoterAvailable(c.promoterId) : accounts.promoterPending(c.promoterId),
          amount: delta,
        },
        {
          account: settled ? accounts.merchantAvailable(c.merchantId) : accounts.merchantPending(c.merchantId),
          amount: -delta,
        },
      ],
    });
    if (!posted) continue;
    const reversedAmount = c.reversedAmount + delta;
    await db
      .update(commissions)
      .set({ reversedAmount, status: reversedAmount === c.amount && !settled ? 'reversed' : c.status })
      .where(eq(commissions.id, c.id));
    await emit(db, 'commission.reversed', {
      commissionId: c.id,
      orderId,
      promoterId: c.promoterId,
      amount: delta,
      reversedAmount,
    });
  }
}

/**
 * order.completed (the return window closed with no open after-sale): what is left of each pending commission
 * becomes the promoter's to withdraw. The payments module has just moved the order's money from the merchant's
 * pending to available in full, so the same journal moves the commission share back: the merchant's settled
 * amount ends up net of commission.
 */
export async function settleOrderCommissions(db: Db, orderId: string, triggerId: string, at: Date): Promise<void> {
  await syncCommissionReversals(db, orderId, triggerId, at);
  const rows = await db
    .select()
    .from(commissions)
    .where(and(eq(commissions.orderId, orderId), eq(commissions.status, 'pending')))
    .orderBy(asc(commissions.id))
    .for('update');
  for (const c of rows) {
    const net = c.amount - c.reversedAmount;
    await postJournal(db, {
      kind: 'commission.settled',
      refId: c.id,
      memo: `订单 ${orderId} 已过退货期，佣金 ${formatYuan(net)} 转为可提现`,
      at,
      lines: [
        { account: accounts.merchantPending(c.merchantId), amount: -net },
        { account: accounts.merchantAvailable(c.merchantId), amount: net },
        { account: accounts.promoterPending(c.promoterId), amount: net },
        { account: accounts.promoterAvailable(c.promoterId), amount: -net },
      ],
    });
    await db.update(commissions).set({ status: 'settled', settledAt: at }).where(eq(commissions.id, c.id));
    await emit(db, 'commission.settled', { commissionId: c.id, orderId, promoterId: c.promoterId, amount: net });
  }
}

/** invitation.rewarded: the inviter's cash reward, paid by the platform, withdrawable at once. */
export async function creditInviteReward(
  db: Db,
  e: { inviteeId: string; inviterId: string; orderId: string; amount: number; rewardedAt: string },
): Promise<void> {
  await postJournal(db, {
    kind: 'invite.reward',
    refId: e.inviteeId,
    memo: `邀请好友首单完成（订单 ${e.orderId}），奖励 ${formatYuan(e.amount)}`,
    at: new Date(e.rewardedAt),
    lines: [
      { account: accounts.inviteRewards, amount: e.amount },
      { account: accounts.promoterAvailable(e.inviterId), amount: -e.amount },
    ],
  });
}
