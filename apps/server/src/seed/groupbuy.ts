import type { Deps } from '../deps.ts';
import { createBargainCampaign } from '../modules/bargain/service.ts';
import { loadSkusForCheckout } from '../modules/catalog/stock.ts';
import { createCampaign, openGroup, quoteSeat } from '../modules/groupbuy/service.ts';
import { simulateSandboxPayment } from '../modules/payments/callbacks.ts';
import { createPayment } from '../modules/payments/charges.ts';
import { makeCtx } from '../platform/context.ts';
import type { SeedBuyer, SeedProduct } from './journeys.ts';
import { merchantMembership } from '../modules/accounts/api.ts';

/** How many demo consumers open (and pay for) a group of the demo campaign, so the shop shows groups forming. */
const FORMING_GROUPS = 3;

/**
 * One demo group-buy campaign and one demo bargain campaign of the first demo shop (names say 演示), created through
 * the campaign use-cases on the real clock. A few seeded demo consumers — real accounts, not the demo login — then
 * open a group each and pay in the sandbox through the same use-cases as the shop, so the product and group pages
 * show groups forming (还差 1 人) on a first start. No seat is ever padded: each member is one of those accounts, and
 * the groups fail and refund after 24 hours like any other unless someone joins.
 */
export async function seedGroupBuys(
  deps: Deps,
  input: { merchant: { id: string; ownerUserId: string }; products: SeedProduct[]; buyers: SeedBuyer[] },
): Promise<{ campaigns: number; formingGroups: number }> {
  const owner = makeCtx(deps, {
    kind: 'user',
    userId: input.merchant.ownerUserId,
    sessionId: 'seed',
    roles: ['consumer'],
    staff: [merchantMembership(input.merchant.id, 'owner')],
  });
  const mine = input.products.filter((p) => p.merchantId === input.merchant.id);
  const skus = await loadSkusForCheckout(
    deps.database.db,
    mine.flatMap((p) => p.skuIds),
  );
  const usable = [...skus.values()].filter((s) => s.purchasable && s.stock >= 20 && s.price >= 2000);
  const [forGroup, forBargain] = [usable[0], usable.find((s) => s.productId !== usable[0]?.productId) ?? usable[1]];
  if (!forGroup || !forBargain) throw new Error('[seed] 第一家演示店没有适合拼团/砍价的商品');
  const now = deps.clock.now().getTime();
  const window = { startsAt: new Date(now).toISOString(), endsAt: new Date(now + 30 * 86_400_000).toISOString() };
  const group = await createCampaign(owner, {
    skuId: forGroup.skuId,
    title: `2 人拼团（演示）· ${forGroup.productTitle}`,
    groupSize: 2,
    groupPrice: Math.floor((forGroup.price * 0.8) / 10) * 10,
    durationMinutes: 24 * 60,
    perUserLimit: 3,
    newUserSeats: 0,
    ...window,
  });
  if (!group.ok) throw new Error(`[seed] 演示拼团创建失败：${group.type}`);
  const bargain = await createBargainCampaign(owner, {
    skuId: forBargain.skuId,
    title: `好友砍价（演示）· ${forBargain.productTitle}`,
    floorPrice: Math.floor((forBargain.price * 0.5) / 10) * 10,
    helpsNeeded: 5,
    durationMinutes: 48 * 60,
    ...window,
  });
  if (!bargain.ok) throw new Error(`[seed] 演示砍价创建失败：${bargain.type}`);

  let formingGroups = 0;
  for (const buyer of input.buyers.slice(-FORMING_GROUPS)) {
    const asBuyer = makeCtx(deps, {
      kind: 'user',
      userId: buyer.userId,
      sessionId: 'seed',
      roles: ['consumer'],
      staff: [],
    });
    const quote = await quoteSeat(asBuyer, group.value.id, { addressId: buyer.addressId });
    if (!quote.ok) throw new Error(`[seed] 演示拼团报价失败：${quote.type}`);
    const seat = await openGroup(asBuyer, group.value.id, {
      addressId: buyer.addressId,
      expectedAmount: quote.value.amount,
    });
    if (!seat.ok) throw new Error(`[seed] 演示消费者开团失败：${seat.type}`);
    const payment = await createPayment(asBuyer, { checkoutId: seat.value.checkoutId });
    if (!payment.ok) throw new Error(`[seed] 演示拼团支付失败：${payment.type}`);
    const paid = await simulateSandboxPayment(asBuyer, payment.value.paymentId, 'succeeded');
    if (!paid.ok) throw new Error(`[seed] 演示拼团支付失败：${paid.type}`);
    formingGroups++;
  }
  // The group opens on order.paid (a subscriber); run it now so the first page load shows the groups.
  await deps.events.drain();
  return { campaigns: 2, formingGroups };
}
