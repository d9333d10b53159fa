import type { Ctx } from '../../platform/context.ts';
import { listMyCoupons } from '../coupons/api.ts';
import { myPoints } from '../points/api.ts';
import type { AssistantTurn } from '../service/api.ts';
import { searchPolicies } from './knowledge.ts';
import { type Draft, when, yuan } from './reply.ts';

// The customer's own coupons and points, read through their own wallet use-cases, plus the coupon rules.

export async function coupons(ctx: Ctx, turn: AssistantTurn): Promise<Draft> {
  const { items, counts } = await listMyCoupons(ctx, { tab: 'available', limit: 5 });
  const toolsUsed = [{ tool: 'coupons.listMyCoupons', summary: `${counts.available} 张可用` }];
  const rule = /叠加|用不了|不能用|怎么用|规则|门槛/.test(turn.text)
    ? searchPolicies(ctx.deps.config, '优惠券 叠加 规则')[0]
    : undefined;
  const ruleText = rule ? `\n${rule.item.answer}` : '';
  if (items.length === 0) return { text: `你目前没有可用的优惠券，可以去「领券中心」看看。${ruleText}`, toolsUsed };
  const soonest = [...items].sort((a, b) => a.couponValidUntil.localeCompare(b.couponValidUntil))[0]!;
  const list = items
    .map((c) => `${c.name}（${c.label}，${c.merchantName ? `限${c.merchantName}` : '全平台可用'}）`)
    .join('、');
  return {
    text: `你有 ${counts.available} 张可用优惠券：${list}${counts.available > items.length ? ' 等' : ''}。最早到期的是「${soonest.name}」，${when(soonest.couponValidUntil)} 到期。${ruleText}`,
    cards: items.slice(0, 3).map((c) => ({ kind: 'coupon' as const, id: c.id })),
    toolsUsed,
  };
}

export async function points(ctx: Ctx): Promise<Draft> {
  const me = await myPoints(ctx);
  const expiry = me.nextExpiry ? `其中 ${me.nextExpiry.points} 积分将于 ${when(me.nextExpiry.expiresAt)} 到期。` : '';
  const worth = Math.floor(me.balance / me.checkout.pointsPerYuan) * 100;
  return {
    text:
      `你现在有 ${me.balance} 积分，${expiry}结算时 ${me.checkout.pointsPerYuan} 积分抵 1 元，最多抵商品金额的 ${me.checkout.capPercent}%` +
      `${me.balance >= me.checkout.pointsPerYuan ? `，你的积分最多可抵 ${yuan(worth)}` : ''}。每日签到、分享和购物都能获得积分。`,
    toolsUsed: [{ tool: 'points.myPoints', summary: `余额 ${me.balance}` }],
  };
}
