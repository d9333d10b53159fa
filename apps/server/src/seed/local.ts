import { merchantMembership } from '../modules/accounts/api.ts';
import type { Deps } from '../deps.ts';
import { loadSkusForCheckout } from '../modules/catalog/stock.ts';
import { createOffer, createStore } from '../modules/local/service.ts';
import { makeCtx } from '../platform/context.ts';
import type { SeedProduct } from './journeys.ts';

// Demo stores (names say 演示) around People's Square, Shanghai and West Lake, Hangzhou, each selling a voucher, so
// 附近 shows something at the shop's preset places on a first start. Coordinates are real places' WGS-84 values.
const DEMO_STORES = [
  { name: '南京西路体验店（演示）', address: '静安区南京西路 1266 号', city: '上海', lat: 31.2292, lng: 121.4547 },
  { name: '人民广场店（演示）', address: '黄浦区西藏中路 268 号', city: '上海', lat: 31.2335, lng: 121.4762 },
  { name: '新天地店（演示）', address: '黄浦区马当路 245 号', city: '上海', lat: 31.2197, lng: 121.4753 },
  { name: '西湖湖滨店（演示）', address: '上城区湖滨路 23 号', city: '杭州', lat: 30.2586, lng: 120.1632 },
];

export async function seedLocal(
  deps: Deps,
  input: { merchant: { id: string; ownerUserId: string }; products: SeedProduct[] },
): Promise<{ stores: number; offers: number }> {
  const owner = makeCtx(deps, {
    kind: 'user',
    userId: input.merchant.ownerUserId,
    sessionId: 'seed',
    roles: ['consumer'],
    staff: [merchantMembership(input.merchant.id, 'owner')],
  });
  const skus = await loadSkusForCheckout(
    deps.database.db,
    input.products.filter((p) => p.merchantId === input.merchant.id).flatMap((p) => p.skuIds),
  );
  const sku = [...skus.values()].find((s) => s.purchasable);
  if (!sku) throw new Error('[seed] 第一家演示店没有可关联团购的商品');
  const validUntil = new Date(deps.clock.now().getTime() + 90 * 86_400_000).toISOString();
  let offers = 0;
  for (const [i, s] of DEMO_STORES.entries()) {
    const store = await createStore(owner, {
      ...s,
      hours: i === 3 ? '09:00-21:00' : '10:00-22:00',
      services: i % 2 === 0 ? ['护肤体验', '免费试妆', 'WiFi'] : ['护肤体验', '包装礼盒'],
    });
    if (!store.ok) throw new Error(`[seed] 演示门店创建失败：${store.type}`);
    for (const o of [
      { kind: 'voucher' as const, title: '100 元代金券（演示）', price: 8800, faceValue: 10000 },
      ...(i === 0
        ? [{ kind: 'set_meal' as const, title: '面部护理体验套餐 60 分钟（演示）', price: 19900, faceValue: 39800 }]
        : []),
    ]) {
      const offer = await createOffer(owner, {
        storeId: store.value.id,
        ...o,
        description: '演示数据：到店出示券码核销，不与其他优惠同享。',
        skuId: sku.skuId,
        quota: 200,
        validUntil,
        refundAtExpiry: true,
      });
      if (!offer.ok) throw new Error(`[seed] 演示团购创建失败：${offer.type}`);
      offers++;
    }
  }
  return { stores: DEMO_STORES.length, offers };
}
