import type { Deps } from '../deps.ts';
import { addAddress } from '../modules/accounts/addresses.ts';
import { createUser, findUserIdByPhone, updateProfile } from '../modules/accounts/service.ts';
import { createMerchant, createProduct, listMerchants } from '../modules/catalog/service.ts';
import { verifyProductReviews } from '../modules/reviews/service.ts';
import { type Actor, systemActor } from '../platform/auth.ts';
import { makeCtx } from '../platform/context.ts';
import { generateCatalogue } from './catalogue.ts';
import { seedBehaviourHistory } from './behaviour-history.ts';
import { refreshDemoCampaign } from './campaign.ts';
import { seedCommunities } from './communities.ts';
import { seedCoupons } from './coupons.ts';
import { seedExperiments } from './experiments.ts';
import { seedGroupBuys } from './groupbuy.ts';
import { seedLive } from './live.ts';
import { seedLocal } from './local.ts';
import { seedMemberDay } from './member-day.ts';
import { DEMO_MERCHANTS } from './data/merchants.ts';
import { seedDistribution } from './distribution.ts';
import { runEverydaySales, runJourneys, type SeedBuyer, SeedClock, type SeedProduct } from './journeys.ts';
import { seedCharityProducts } from './charity.ts';
import { seedPointsDemo } from './points.ts';
import { seedPosts } from './posts.ts';
import { seedSalesHistory, seedSuppliers, seedWarehouses } from './supply.ts';
import { generateConsumers } from './people.ts';
import { Random } from './random.ts';
import { merchantMembership } from '../modules/accounts/api.ts';

/**
 * Demo data, created only through the real use-cases (accounts, catalog, orders, payments, reviews) — never by
 * writing another module's tables. Everything is generated from a fixed PRNG seed, so every install gets the same
 * shops and catalogue; orders are placed on a clock set back ~90 days and walked through payment, shipping,
 * receipt and review, so sales counts and ratings are real.
 */

const PRNG_SEED = 20_261_120;
const CONSUMERS = 60;
const COMPLETED_ORDERS = 40;
/** Everyday baskets (2–4 products of one shop, no review), so most products show real sales. */
const EVERYDAY_BASKETS = 90;
const DAY = 86_400_000;
const DEMO_PASSWORD = 'haowu123';

export const DEMO_ACCOUNTS = [
  { role: '消费者', phone: '13800000001', password: DEMO_PASSWORD },
  { role: `商家店主（${DEMO_MERCHANTS[0]!.name}）`, phone: '13800000002', password: DEMO_PASSWORD },
  { role: '平台运营', phone: '13800000003', password: DEMO_PASSWORD },
] as const;

export interface SeedSummary {
  merchants: number;
  products: number;
  consumers: number;
  orders: number;
  reviews: number;
  followUps: number;
  replies: number;
  seconds: number;
}

/** The seed's own view as platform operator, to ask the catalog whether any shop exists yet. */
const seedOperator: Actor = { kind: 'user', userId: 'system:seed', sessionId: 'seed', roles: ['operator'], staff: [] };

/** The demo accounts, when this database was seeded with them (for the start-up banner). */
export async function demoAccountsIn(deps: Deps): Promise<readonly (typeof DEMO_ACCOUNTS)[number][]> {
  const consumer = await findUserIdByPhone(deps, deps.database.db, DEMO_ACCOUNTS[0].phone);
  return consumer ? DEMO_ACCOUNTS : [];
}

/** Seeds the demo marketplace when the database has no merchant yet (first start); refreshes its campaign always. */
export async function seedIfEmpty(deps: Deps, progress: (line: string) => void): Promise<SeedSummary | undefined> {
  const existing = await listMerchants(makeCtx(deps, seedOperator), { limit: 1 });
  const summary = existing.items.length > 0 ? undefined : await runSeed(deps, progress);
  // Every start, not only the first: the demo shops' 秒杀 slots roll with the clock (now running, next one up).
  const campaign = await refreshDemoCampaign(deps);
  if (campaign.flashSlotsCreated > 0)
    progress(`[seed] 演示秒杀场次 ${campaign.flashSlotsCreated} 个（正在进行的一场与下一场，演示数据）`);
  return summary;
}

async function runSeed(deps: Deps, progress: (line: string) => void): Promise<SeedSummary> {
  const started = performance.now();
  const rng = new Random(PRNG_SEED);
  const until = deps.clock.now();
  const from = new Date(Math.floor(until.getTime() / DAY) * DAY - 90 * DAY);
  const clock = new SeedClock(from);
  const seedDeps: Deps = { ...deps, clock };
  const db = deps.database.db;
  const system = makeCtx(seedDeps, systemActor('seed'));
  progress('[seed] 正在生成演示数据（全部标注为演示数据）…');

  // ---- fixed demo accounts ----
  const [consumerAccount, ownerAccount, operatorAccount] = DEMO_ACCOUNTS;
  const demoOwnerId = (
    await createUser(deps, db, {
      phone: ownerAccount.phone,
      now: clock.now(),
      nickname: DEMO_MERCHANTS[0]!.ownerNickname,
      password: DEMO_PASSWORD,
    })
  ).id;
  await createUser(deps, db, {
    phone: operatorAccount.phone,
    now: clock.now(),
    nickname: '好物平台运营',
    password: DEMO_PASSWORD,
    roles: ['consumer', 'operator'],
  });

  // ---- merchants ----
  const merchants = new Map<string, { id: string; ownerUserId: string }>();
  for (const [i, m] of DEMO_MERCHANTS.entries()) {
    const created = await createMerchant(system, {
      name: m.name,
      description: m.description,
      logoUrl: `/media/placeholder/shop-${m.key}.svg?label=${encodeURIComponent([...m.name].slice(0, 2).join(''))}`,
      ownerPhone: m.ownerPhone,
      ownerNickname: m.ownerNickname,
    });
    merchants.set(m.key, { id: created.id, ownerUserId: created.ownerUserId });
    progress(`[seed] 商家 ${i + 1}/${DEMO_MERCHANTS.length}`);
  }
  if (merchants.get(DEMO_MERCHANTS[0]!.key)?.ownerUserId !== demoOwnerId)
    throw new Error('[seed] 演示店主账号未成为第一家店的店主');

  // ---- products ----
  clock.set(from.getTime() + 2 * 3_600_000);
  const catalogue = generateCatalogue(rng);
  const products: SeedProduct[] = [];
  for (const [i, p] of catalogue.entries()) {
    const merchant = merchants.get(p.merchantKey)!;
    const owner: Actor = {
      kind: 'user',
      userId: merchant.ownerUserId,
      sessionId: 'seed',
      roles: ['consumer'],
      staff: [merchantMembership(merchant.id, 'owner')],
    };
    const created = await createProduct(makeCtx(seedDeps, owner), p.input);
    if (!created.ok) throw new Error(`[seed] 商品「${p.input.title}」创建失败：${created.type}`);
    products.push({
      productId: created.value.id,
      merchantId: merchant.id,
      ownerUserId: merchant.ownerUserId,
      topCategory: p.topCategory,
      artKey: p.key,
      skuIds: created.value.skuIds,
    });
    if ((i + 1) % 50 === 0 || i + 1 === catalogue.length) progress(`[seed] 商品 ${i + 1}/${catalogue.length}`);
  }

  // ---- warehouses (before the orders, so they are routed and journaled) ----
  const demoShop = merchants.get(DEMO_MERCHANTS[0]!.key)!;
  await deps.events.drain();
  const demoWarehouses = await seedWarehouses(seedDeps, demoShop);
  progress('[seed] 演示店铺的 3 个仓库（杭州主仓、广州分仓、成都分仓），现有库存记为期初并铺货到分仓');

  // ---- consumers with addresses ----
  clock.set(from.getTime() + 4 * 3_600_000);
  const buyers: SeedBuyer[] = [];
  const people = generateConsumers(rng, CONSUMERS);
  for (const [i, person] of people.entries()) {
    const isDemo = person.phone === consumerAccount.phone;
    const { id } = await createUser(deps, db, {
      phone: person.phone,
      now: clock.now(),
      nickname: person.nickname,
      ...(isDemo ? { password: DEMO_PASSWORD } : {}),
    });
    const ctx = makeCtx(seedDeps, { kind: 'user', userId: id, sessionId: 'seed', roles: ['consumer'], staff: [] });
    await updateProfile(ctx, { avatarUrl: person.avatarUrl });
    let addressId: string | undefined;
    for (const address of person.addresses) {
      const added = await addAddress(ctx, address);
      if (!added.ok) throw new Error(`[seed] 收货地址创建失败：${added.type}`);
      addressId ??= added.value.id;
    }
    buyers.push({ userId: id, addressId: addressId! });
    if ((i + 1) % 20 === 0 || i + 1 === people.length) progress(`[seed] 消费者 ${i + 1}/${people.length}`);
  }

  await seedDistribution(seedDeps, { operatorPhone: operatorAccount.phone, buyers, products }, progress);

  // ---- orders, payments, shipping, reviews ----
  const totals = await runJourneys(
    seedDeps,
    clock,
    rng,
    { completed: COMPLETED_ORDERS, demoBuyer: buyers[0]!, buyers: buyers.slice(1), products, from, until },
    progress,
  );
  const everyday = await runEverydaySales(
    seedDeps,
    clock,
    rng,
    { baskets: EVERYDAY_BASKETS, buyers: buyers.slice(1), products, from, until },
    progress,
  );
  progress(`[seed] 日常订单 ${everyday.orders} 个、${everyday.lines} 件商品（已签收，演示数据）`);
  // Work that fell due on the way (completing received orders, settling them) runs now, on the real clock.
  while ((await deps.jobs.runDue()) > 0) await deps.events.drain();
  await deps.events.drain();

  for (const productId of totals.reviewedProductIds) {
    const check = await verifyProductReviews(system, productId);
    if (!check.ok) throw new Error(`[seed] 商品 ${productId} 的评价链校验失败：${check.firstBroken?.message ?? ''}`);
  }
  const demoPosts = await seedPosts(deps, clock, rng, {
    demoBuyer: buyers[0]!,
    buyers: buyers.slice(1),
    products,
    until,
  });
  await deps.events.drain();
  progress(`[seed] 演示笔记 ${demoPosts.posts} 篇（发现页、关注页）`);
  const pointsDemo = await seedPointsDemo(deps);
  await seedMemberDay(deps);
  progress(
    `[seed] 会员日：每月 ${deps.config.LIFECYCLE_MEMBER_DAY} 日会员价加深、购物积分双倍（运营可在「会员日」修改）`,
  );
  const charityDemo = await seedCharityProducts(deps, {
    excludeMerchantId: merchants.get(DEMO_MERCHANTS[0]!.key)!.id,
    products,
  });
  await seedExperiments(deps);
  const couponsDemo = await seedCoupons(deps, {
    operatorPhone: operatorAccount.phone,
    merchant: merchants.get(DEMO_MERCHANTS[0]!.key)!,
  });
  const groupBuysDemo = await seedGroupBuys(deps, {
    merchant: merchants.get(DEMO_MERCHANTS[0]!.key)!,
    products,
    buyers: buyers.slice(1),
  });
  progress(
    `[seed] 拼团：${groupBuysDemo.formingGroups} 个演示消费者已开团并付款，等人参团（无虚拟成员，24 小时无人参团则自动退款）`,
  );
  const localDemo = await seedLocal(deps, { merchant: merchants.get(DEMO_MERCHANTS[0]!.key)!, products });
  progress(`[seed] 门店 ${localDemo.stores} 家（上海人民广场、杭州西湖附近）、团购 ${localDemo.offers} 个（演示数据）`);
  const communitiesDemo = await seedCommunities(deps, {
    merchant: merchants.get(DEMO_MERCHANTS[0]!.key)!,
    demoBuyer: buyers[0]!,
    buyers: buyers.slice(1),
    products,
  });
  progress(
    `[seed] 社群 ${communitiesDemo.communities} 个、成员 ${communitiesDemo.members} 人（均为演示消费者本人加入或首单自动加入）`,
  );
  const liveDemo = await seedLive(deps, { merchant: merchants.get(DEMO_MERCHANTS[0]!.key)!, products });
  await deps.events.drain();
  progress(
    `[seed] 直播 ${liveDemo.sessions} 场（回放、直播中、预告；演示数据；直播中的一场有单独标注的演示观众，真实在线、点赞、弹幕均从零开始）${liveDemo.depositHeld ? '，已缴保证金' : ''}`,
  );
  progress('[seed] 拼团活动 1 个、砍价活动 1 个（演示数据，不含任何虚拟成员）');
  progress(`[seed] 优惠券模板 ${couponsDemo.templates} 个，定向发给老客 ${couponsDemo.issued} 张（演示数据）`);
  progress(`[seed] 积分商城 ${pointsDemo.mallItems} 件商品、公益项目 ${pointsDemo.charityProjects} 个（演示数据）`);
  progress(
    `[seed] 公益商品 ${charityDemo.products.length} 个（演示数据：每售出一件由商家捐赠给演示公益项目，捐赠只随真实购买发生）`,
  );
  progress(
    `[seed] 评价 ${totals.reviews} 条（追评 ${totals.followUps}，商家回复 ${totals.replies}），${totals.reviewedProductIds.length} 个商品的评价哈希链校验通过`,
  );

  // On the real clock: the receipts come after the last demo order in the journal.
  const supplyDemo = await seedSuppliers(deps, demoShop, demoWarehouses);
  await deps.events.drain();
  const salesDays = await seedSalesHistory(deps, demoShop);
  progress(`[seed] 演示销量历史 ${salesDays} 条（16 周、按规格按日，标注为演示数据，供销量预测与补货建议）`);
  progress(
    `[seed] 演示供应商 ${supplyDemo.suppliers} 家、采购单 ${supplyDemo.purchaseOrders} 张（已到货、部分到货、已发送、草稿）与一次盘点`,
  );

  await seedBehaviourHistory(deps, { productIds: products.map((p) => p.productId), from, until }, progress);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  progress(
    `[seed] 完成：${merchants.size} 家商家、${products.length} 个商品、${buyers.length} 位消费者、${totals.orders + everyday.orders} 个订单，用时 ${seconds} 秒`,
  );
  for (const a of DEMO_ACCOUNTS) progress(`[seed] 演示账号 ${a.role}：手机号 ${a.phone} 密码 ${a.password}`);
  return {
    merchants: merchants.size,
    products: products.length,
    consumers: buyers.length,
    orders: totals.orders + everyday.orders,
    reviews: totals.reviews,
    followUps: totals.followUps,
    replies: totals.replies,
    seconds,
  };
}
