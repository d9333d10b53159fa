import { expect } from 'vitest';
import { addAddress } from '../src/modules/accounts/addresses.ts';
import { loginWithCode, requestLoginCode } from '../src/modules/accounts/service.ts';
import { markCheckoutPaid } from '../src/modules/orders/service.ts';
import { anonymous, type Actor, systemActor } from '../src/platform/auth.ts';
import { makeCtx } from '../src/platform/context.ts';
import { newId } from '../src/platform/ids.ts';
import { setProductListed } from '../src/modules/catalog/products.ts';
import { createMerchant } from '../src/modules/catalog/service.ts';
import { editSkus, type SkuUpdate } from '../src/modules/catalog/skus.ts';
import { product } from './factories.ts';
import type { TestApp } from './harness.ts';
import { Client, nextPhone } from './http.ts';
import { merchantMembership } from '../src/modules/accounts/api.ts';

/** Order-flow factories: buyers with an address, a shop with one product, placed and paid checkouts. */

export const HANGZHOU = {
  recipient: '王小明',
  phone: '13800138000',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  detail: '文三路 100 号',
};
export const URUMQI = {
  recipient: '阿依古丽',
  phone: '13900139000',
  province: '新疆维吾尔自治区',
  city: '乌鲁木齐市',
  district: '天山区',
  detail: '人民路 8 号',
};

export type Buyer = Client & { userId: string; phone: string; addressId: string };

/**
 * A consumer signed in through the real code-login use-cases. It calls the services rather than the HTTP routes
 * because the SMS route allows 10 codes per IP per hour, and tests that need many buyers all come from 127.0.0.1.
 */
export async function signIn(t: TestApp, phone = nextPhone()): Promise<Client & { userId: string; phone: string }> {
  const ctx = makeCtx(t.deps, anonymous);
  const sent = await requestLoginCode(ctx, phone);
  if (!sent.ok) throw new Error(`login code: ${sent.type}`);
  const login = await loginWithCode(ctx, { phone, code: t.sms.lastCodeFor(phone)! });
  if (!login.ok) throw new Error(`login: ${login.type}`);
  return Object.assign(new Client(t, login.value.token), { userId: login.value.user.id, phone });
}

export async function buyer(t: TestApp, address = HANGZHOU): Promise<Buyer> {
  const client = await signIn(t);
  const actor: Actor = { kind: 'user', userId: client.userId, sessionId: 'factory', roles: ['consumer'], staff: [] };
  const added = await addAddress(makeCtx(t.deps, actor), address);
  if (!added.ok) throw new Error(`address: ${added.type}`);
  return Object.assign(client, { addressId: added.value.id });
}

/** A merchant and its signed-in owner (like factories.merchantWithOwner, without spending the SMS rate limit). */
export async function merchant(t: TestApp, name = '好物测试店') {
  const phone = nextPhone();
  const { id } = await createMerchant(makeCtx(t.deps, systemActor('test')), { name, ownerPhone: phone });
  return { merchantId: id, owner: await signIn(t, phone) };
}

/** A merchant with one listed product of one SKU. */
export async function shop(
  t: TestApp,
  opts: { name?: string; title?: string; price?: number; stock?: number; categoryId?: string } = {},
) {
  const { merchantId, owner } = await merchant(t, opts.name);
  const p = await product(t, owner, merchantId, {
    title: opts.title ?? '玻尿酸保湿面霜 50ml',
    ...(opts.categoryId ? { categoryId: opts.categoryId } : {}),
    specs: [{ name: '规格', values: ['标准装'] }],
    skus: [{ specValues: { 规格: '标准装' }, price: opts.price ?? 9900, stock: opts.stock ?? 100 }],
  });
  return { merchantId, owner, productId: p.productId, skuId: p.skuIds[0]! };
}

/** Quotes and places an order for the items at the quoted amount; returns the created checkout. */
export async function placeOrder(
  t: TestApp,
  who: Buyer,
  items: { skuId: string; qty: number }[],
  opts: { note?: string } = {},
) {
  const quote = await who.post('/api/v1/checkout/quote', { items, addressId: who.addressId });
  expect(quote.status, JSON.stringify(quote.body)).toBe(200);
  const res = await who.post(
    '/api/v1/orders',
    { items, addressId: who.addressId, expectedAmount: quote.body.amount, ...opts },
    { idempotencyKey: newId('idem') },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as {
    checkoutId: string;
    amount: number;
    orders: { id: string; orderNo: string; payAmount: number; lines: { id: string }[] }[];
  };
}

/** Pays a checkout the way the payments module will: markCheckoutPaid in its transaction, then events dispatched. */
export async function payCheckout(t: TestApp, checkoutId: string, paymentId = newId('pay')) {
  const result = await t.deps.database.db.transaction((tx) =>
    markCheckoutPaid(tx, { checkoutId, paymentId, paidAt: t.clock.now() }),
  );
  await t.drain();
  return result;
}

/** A buyer's paid order of one unit from a new shop. */
export async function paidOrder(t: TestApp, opts: { who?: Buyer; price?: number; qty?: number } = {}) {
  const s = await shop(t, { price: opts.price ?? 9900 });
  const who = opts.who ?? (await buyer(t));
  const checkout = await placeOrder(t, who, [{ skuId: s.skuId, qty: opts.qty ?? 1 }]);
  await payCheckout(t, checkout.checkoutId);
  return {
    ...s,
    buyer: who,
    checkoutId: checkout.checkoutId,
    orderId: checkout.orders[0]!.id,
    order: checkout.orders[0]!,
  };
}

type Shop = Awaited<ReturnType<typeof shop>>;
const ownerCtx = (t: TestApp, s: Shop) =>
  makeCtx(t.deps, {
    kind: 'user',
    userId: s.owner.userId,
    sessionId: 'factory',
    roles: ['consumer'],
    staff: [merchantMembership(s.merchantId, 'owner')],
  });

/** The merchant edits its SKU (price, absolute stock, enabled) through the catalog use-case. */
export async function editSku(t: TestApp, s: Shop, update: Omit<SkuUpdate, 'skuId'>) {
  const res = await editSkus(ownerCtx(t, s), s.productId, { updates: [{ skuId: s.skuId, ...update }] });
  if (!res.ok) throw new Error(`editSkus: ${res.type}`);
}

export async function delist(t: TestApp, s: Shop) {
  const res = await setProductListed(ownerCtx(t, s), s.productId, false);
  if (!res.ok) throw new Error(`delist: ${res.type}`);
}

/** Adds `count` more SKUs (one spec value each) to the shop's product; returns their ids. */
export async function addSkus(t: TestApp, s: Shop, count: number, price = 100): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `款式${i + 1}`);
  const res = await editSkus(ownerCtx(t, s), s.productId, {
    additions: names.map((n) => ({ specValues: { 规格: n }, price, stock: 10 })),
  });
  if (!res.ok) throw new Error(`addSkus: ${res.type}`);
  return names.map((n) => res.value.skus.find((k) => k.specValues['规格'] === n)!.id);
}
