import type { Deps } from '../deps.ts';
import { findUserIdByPhone } from '../modules/accounts/service.ts';
import { createTemplate, issueToUsers, type TemplateInput } from '../modules/coupons/service.ts';
import { makeCtx } from '../platform/context.ts';
import { merchantMembership } from '../modules/accounts/api.ts';

/**
 * Demo coupons (every name says 演示), created through the coupons use-cases on the real clock: the platform's
 * new-user pack (a first-order subsidy and a 满减), one platform-wide 满减, and the first demo shop's coupons —
 * the targeted one is issued to the shop's real demo buyers, as derived from their paid orders.
 */
export async function seedCoupons(
  deps: Deps,
  input: { operatorPhone: string; merchant: { id: string; ownerUserId: string } },
): Promise<{ templates: number; issued: number }> {
  const now = deps.clock.now().getTime();
  const days = (n: number) => new Date(now + n * 86_400_000).toISOString();
  const operatorId = await findUserIdByPhone(deps, deps.database.db, input.operatorPhone);
  if (!operatorId) throw new Error('[seed] 平台运营账号不存在');
  const operator = makeCtx(deps, {
    kind: 'user',
    userId: operatorId,
    sessionId: 'seed',
    roles: ['consumer', 'operator'],
    staff: [],
  });
  const owner = makeCtx(deps, {
    kind: 'user',
    userId: input.merchant.ownerUserId,
    sessionId: 'seed',
    roles: ['consumer'],
    staff: [merchantMembership(input.merchant.id, 'owner')],
  });
  const base = {
    scope: 'shop' as const,
    productIds: [] as string[],
    categoryIds: [] as string[],
    firstOrderOnly: false,
    perUserLimit: 1,
    thresholdAmount: 0,
    discountAmount: 0,
  };
  const platform: TemplateInput[] = [
    {
      ...base,
      name: '新人首单立减（演示）',
      kind: 'no_threshold',
      discountAmount: 1000,
      audience: 'new_user',
      firstOrderOnly: true,
      validity: { type: 'relative', days: 7 },
      claimUntil: days(180),
      totalQuantity: 10_000,
    },
    {
      ...base,
      name: '新人满99减15（演示）',
      kind: 'threshold',
      thresholdAmount: 9900,
      discountAmount: 1500,
      audience: 'new_user',
      validity: { type: 'relative', days: 14 },
      claimUntil: days(180),
      totalQuantity: 10_000,
    },
    {
      ...base,
      name: '全场满199减20（演示）',
      kind: 'threshold',
      thresholdAmount: 19900,
      discountAmount: 2000,
      audience: 'public',
      validity: { type: 'fixed', validFrom: days(0), validUntil: days(30) },
      claimUntil: days(30),
      totalQuantity: 500,
    },
  ];
  const shop: TemplateInput[] = [
    {
      ...base,
      name: '店铺满100减10（演示）',
      kind: 'threshold',
      thresholdAmount: 10000,
      discountAmount: 1000,
      audience: 'public',
      validity: { type: 'relative', days: 15 },
      claimUntil: days(60),
      totalQuantity: 300,
      perUserLimit: 2,
    },
    {
      ...base,
      name: '店铺 8.8 折（演示）',
      kind: 'percent',
      percentOff: 12,
      maxDiscount: 3000,
      audience: 'public',
      validity: { type: 'relative', days: 7 },
      claimUntil: days(60),
      totalQuantity: 200,
    },
    {
      ...base,
      name: '老客回馈无门槛（演示）',
      kind: 'no_threshold',
      discountAmount: 500,
      audience: 'targeted',
      validity: { type: 'relative', days: 30 },
      claimUntil: days(30),
      totalQuantity: 200,
    },
  ];
  let issued = 0;
  for (const t of platform) {
    const created = await createTemplate(operator, { kind: 'platform' }, t);
    if (!created.ok) throw new Error(`[seed] 优惠券「${t.name}」创建失败：${created.type}`);
  }
  for (const t of shop) {
    const created = await createTemplate(owner, { kind: 'merchant', merchantId: input.merchant.id }, t);
    if (!created.ok) throw new Error(`[seed] 优惠券「${t.name}」创建失败：${created.type}`);
    if (t.audience !== 'targeted') continue;
    const sent = await issueToUsers(owner, { kind: 'merchant', merchantId: input.merchant.id }, created.value.id, {
      segment: 'buyers',
    });
    if (!sent.ok) throw new Error(`[seed] 优惠券「${t.name}」发放失败：${sent.type}`);
    issued += sent.value.issued;
  }
  return { templates: platform.length + shop.length, issued };
}
