import type { Deps } from '../deps.ts';
import { createBargainCampaign } from '../modules/bargain/service.ts';
import { loadSkusForCheckout } from '../modules/catalog/stock.ts';
import { createCampaign } from '../modules/groupbuy/service.ts';
import { makeCtx } from '../platform/context.ts';
import type { SeedProduct } from './journeys.ts';

/**
 * One demo group-buy campaign and one demo bargain campaign of the first demo shop (names say 演示), created through
 * the campaign use-cases on the real clock. No groups, members or helps are seeded: every member is a real account.
 */
export async function seedGroupBuys(
  deps: Deps,
  input: { merchant: { id: string; ownerUserId: string }; products: SeedProduct[] },
): Promise<{ campaigns: number }> {
  const owner = makeCtx(deps, {
    kind: 'user',
    userId: input.merchant.ownerUserId,
    sessionId: 'seed',
    roles: ['consumer'],
    staff: [{ merchantId: input.merchant.id, role: 'owner' }],
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
  return { campaigns: 2 };
}
