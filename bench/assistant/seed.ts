// The benchmark's shop: one consumer with orders in every state the assistant explains, another consumer's order
// (asked about by number: it must stay invisible), products with attributes and specs, a coupon and points.
// Everything goes through the same use-cases the shop uses; the clock is moved by hand between steps.
import { addAddress } from '../../apps/server/src/modules/accounts/addresses.ts';
import { createUser } from '../../apps/server/src/modules/accounts/api.ts';
import { createMerchant } from '../../apps/server/src/modules/catalog/api.ts';
import { createProduct } from '../../apps/server/src/modules/catalog/products.ts';
import { ensureSystemTemplate, issueSystemCoupon } from '../../apps/server/src/modules/coupons/api.ts';
import {
  confirmReceipt,
  markCheckoutPaid,
  placeOrder,
  quoteCheckout,
  shipOrder,
} from '../../apps/server/src/modules/orders/service.ts';
import { awardPoints, walletBalance } from '../../apps/server/src/modules/points/api.ts';
import type { Deps } from '../../apps/server/src/deps.ts';
import { type Actor, systemActor } from '../../apps/server/src/platform/auth.ts';
import type { ManualClock } from '../../apps/server/src/platform/clock.ts';
import { makeCtx } from '../../apps/server/src/platform/context.ts';
import { newId } from '../../apps/server/src/platform/ids.ts';
import { merchantMembership } from '../../apps/server/src/modules/accounts/api.ts';

export interface World {
  user: Actor;
  /** Order key (questions.jsonl's {no:KEY}) → order id and number. */
  orders: Record<string, { id: string; orderNo: string }>;
  products: Record<string, string>;
  /** The consumer's points balance after the seed (purchases earn points too). */
  points: number;
}

const ADDRESS = {
  recipient: '林小雨',
  phone: '13800138111',
  province: '上海市',
  city: '上海市',
  district: '徐汇区',
  detail: '漕溪北路 88 号',
};

const OFFICE = { ...ADDRESS, district: '闵行区', detail: '莘庄工业区 申富路 99 号 公司前台' };

const userActor = (userId: string): Extract<Actor, { kind: 'user' }> => ({
  kind: 'user',
  userId,
  sessionId: 'bench',
  roles: ['consumer'],
  staff: [],
});

async function consumer(deps: Deps, phone: string) {
  const { id } = await createUser(deps, deps.database.db, {
    phone,
    now: deps.clock.now(),
    roles: ['consumer'],
    nickname: '林小雨',
  });
  const actor = userActor(id);
  const address = await addAddress(makeCtx(deps, actor), ADDRESS);
  if (!address.ok) throw new Error(address.type);
  return { actor, addressId: address.value.id };
}

const PRODUCTS = {
  cream: {
    categoryId: 'cat_skincare',
    title: '若水堂 玻尿酸保湿面霜 50g',
    subtitle: '三重玻尿酸，补水锁水一整天',
    description: '若水堂玻尿酸保湿面霜，质地轻薄好吸收。\n适合干性和混合性肌肤日常保湿。',
    attributes: [
      ['品牌', '若水堂'],
      ['产地', '浙江杭州'],
      ['适用肤质', '干性肌肤、混合性肌肤'],
      ['保质期', '3年'],
      ['功效', '保湿补水'],
      ['净含量', '50g'],
    ],
    specs: { 规格: ['50g', '100g'] },
    prices: [12900, 19900],
  },
  tee: {
    categoryId: 'cat_men',
    title: '行者 纯棉圆领短袖T恤',
    subtitle: '新疆长绒棉，透气不闷',
    description: '行者纯棉T恤，新疆长绒棉面料。\n宽松版型，可机洗。',
    attributes: [
      ['品牌', '行者'],
      ['材质', '100%新疆长绒棉'],
      ['版型', '宽松'],
      ['适用季节', '夏季'],
      ['产地', '广东佛山'],
    ],
    specs: { 颜色: ['白色', '黑色', '雾蓝'], 尺码: ['M', 'L', 'XL'] },
    prices: [7900],
  },
  earbuds: {
    categoryId: 'cat_audio',
    title: '青岚 降噪蓝牙耳机 Pro',
    subtitle: '主动降噪，续航 30 小时',
    description: '青岚降噪蓝牙耳机，蓝牙 5.3 连接。\n单次续航 6 小时，配合充电盒 30 小时。',
    attributes: [
      ['品牌', '青岚'],
      ['连接方式', '蓝牙5.3'],
      ['保修期', '1年'],
      ['产地', '广东深圳'],
    ],
    specs: { 颜色: ['星空黑', '月光白'] },
    prices: [29900],
  },
  cherries: {
    categoryId: 'cat_fresh',
    title: '山野食记 智利车厘子 2斤装',
    subtitle: 'JJ级大果，顺丰冷链',
    description: '智利进口车厘子，冷链直发。\n收到后请冷藏，尽快食用。',
    attributes: [
      ['产地', '智利'],
      ['储存方式', '0-4℃冷藏'],
      ['净含量', '1kg'],
    ],
    specs: { 规格: ['2斤装'] },
    prices: [16900],
  },
};

export async function seedWorld(deps: Deps, clock: ManualClock): Promise<World> {
  const { id: merchantId, ownerUserId } = await createMerchant(makeCtx(deps, systemActor('bench')), {
    name: '好物演示旗舰店',
    ownerPhone: '13700000001',
  });
  const owner = makeCtx(deps, { ...userActor(ownerUserId), staff: [merchantMembership(merchantId, 'owner')] });
  const products: Record<string, string> = {};
  const skus: Record<string, string> = {};
  for (const [key, p] of Object.entries(PRODUCTS)) {
    const [dim, values] = Object.entries(p.specs)[0]!;
    const second = Object.entries(p.specs)[1];
    const combos = second
      ? values.flatMap((v) => second[1].map((w) => ({ [dim]: v, [second[0]]: w })))
      : values.map((v) => ({ [dim]: v }));
    const created = await createProduct(owner, {
      categoryId: p.categoryId,
      title: p.title,
      subtitle: p.subtitle,
      description: p.description,
      attributes: p.attributes.map(([name, value]) => ({ name: name!, value: value! })),
      specs: Object.entries(p.specs).map(([name, vals]) => ({ name, values: vals })),
      skus: combos.map((specValues, i) => ({
        specValues,
        price: p.prices[Math.min(i, p.prices.length - 1)]!,
        stock: 50,
      })),
      madeToOrder: false,
      images: ['/media/placeholder/test.svg'],
    });
    if (!created.ok) throw new Error(`product ${key}: ${created.type}`);
    products[key] = created.value.id;
    skus[key] = created.value.skuIds[0]!;
  }

  const me = await consumer(deps, '13800138111');
  const stranger = await consumer(deps, '13800138222');
  // A second saved address, so "改成公司地址" has somewhere to go.
  const office = await addAddress(makeCtx(deps, me.actor), OFFICE);
  if (!office.ok) throw new Error(office.type);
  const buy = async (who: typeof me, product: string) => {
    const ctx = makeCtx(deps, who.actor, { idempotencyKey: newId('idem') });
    const items = [{ skuId: skus[product]!, qty: 1 }];
    const quote = await quoteCheckout(ctx, { items, addressId: who.addressId });
    if (!quote.ok) throw new Error(quote.type);
    const placed = await placeOrder(ctx, { items, addressId: who.addressId, expectedAmount: quote.value.amount });
    if (!placed.ok) throw new Error(placed.type);
    return {
      checkoutId: placed.value.checkoutId,
      id: placed.value.orders[0]!.id,
      orderNo: placed.value.orders[0]!.orderNo,
    };
  };
  const pay = async (checkoutId: string) => {
    await deps.database.db.transaction((tx) =>
      markCheckoutPaid(tx, { checkoutId, paymentId: newId('pay'), paidAt: clock.now() }),
    );
    await deps.events.drain();
  };
  const ship = (orderId: string, carrier: '顺丰速运' | '中通快递', trackingNo: string) =>
    shipOrder(owner, orderId, { carrier, trackingNo });

  // Oldest first, so "my latest order" is the unpaid one, as it is for a customer who just ordered again.
  const fruit = await buy(me, 'cherries'); // delivered 3 days ago, perishable: no 7-day return
  await pay(fruit.checkoutId);
  await ship(fruit.id, '顺丰速运', 'SF1000000001');
  clock.advanceDays(1);
  await confirmReceipt(makeCtx(deps, me.actor), fruit.id);
  clock.advanceHours(2);
  const tee = await buy(me, 'tee'); // delivered 2 days ago: inside the 7-day window
  await pay(tee.checkoutId);
  await ship(tee.id, '中通快递', 'ZT2000000002');
  clock.advanceDays(1);
  await confirmReceipt(makeCtx(deps, me.actor), tee.id);
  clock.advanceHours(2);
  const cream = await buy(me, 'cream'); // shipped, on its way
  await pay(cream.checkoutId);
  clock.advanceHours(20);
  await ship(cream.id, '顺丰速运', 'SF3000000003');
  clock.advanceDays(1);
  const earbuds = await buy(me, 'earbuds'); // paid, not shipped yet
  await pay(earbuds.checkoutId);
  clock.advanceHours(3);
  const theirs = await buy(stranger, 'earbuds');
  const unpaid = await buy(me, 'tee'); // placed a minute ago, not paid
  clock.advanceMinutes(1);

  await ensureSystemTemplate(
    deps.database.db,
    {
      id: 'cpt_bench_welcome',
      name: '新客满减券',
      kind: 'threshold',
      thresholdAmount: 9900,
      discountAmount: 1000,
      validDays: 30,
      perUserLimit: 1,
    },
    clock.now(),
  );
  await issueSystemCoupon(
    deps.database.db,
    'cpt_bench_welcome',
    me.actor.kind === 'user' ? me.actor.userId : '',
    clock.now(),
  );
  await awardPoints(deps.database.db, {
    userId: me.actor.kind === 'user' ? me.actor.userId : '',
    amount: 1280,
    reason: '购物返积分',
    sourceType: 'bench',
    sourceId: 'welcome',
    at: clock.now(),
  });
  await deps.events.drain();
  return {
    user: me.actor,
    orders: { fruit, tee, cream, earbuds, unpaid, other: theirs },
    products,
    points: await walletBalance(deps.database.db, me.actor.kind === 'user' ? me.actor.userId : ''),
  };
}
