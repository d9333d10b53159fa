import { makeCtx } from '../src/platform/context.ts';
import { emit } from '../src/platform/events.ts';
import { newId } from '../src/platform/ids.ts';
import { type Role, systemActor } from '../src/platform/auth.ts';
import { createMerchant, createProduct, type SkuInput } from '../src/modules/catalog/service.ts';
import { createUser } from '../src/modules/accounts/service.ts';
import type { TestApp } from './harness.ts';
import { type Client, loginByCode, nextPhone } from './http.ts';
import { merchantMembership } from '../src/modules/accounts/api.ts';

/** Factories build data through the real services (never by writing other modules' tables). */

export async function merchantWithOwner(
  t: TestApp,
  name = '好物测试店',
): Promise<{ merchantId: string; owner: Client & { userId: string; phone: string } }> {
  const phone = nextPhone();
  const { id } = await createMerchant(makeCtx(t.deps, systemActor('test')), { name, ownerPhone: phone });
  const owner = await loginByCode(t, phone);
  return { merchantId: id, owner };
}

export async function operator(t: TestApp): Promise<Client & { userId: string; phone: string }> {
  return staffWithRoles(t, ['operator'], '平台运营');
}

/** A signed-in platform staff member holding these roles (e.g. ['inspector'] for a 鉴定师). */
export async function staffWithRoles(
  t: TestApp,
  roles: Role[],
  nickname: string,
): Promise<Client & { userId: string; phone: string }> {
  const phone = nextPhone();
  await createUser(t.deps, t.deps.database.db, { phone, now: t.clock.now(), roles: ['consumer', ...roles], nickname });
  return loginByCode(t, phone);
}

export interface ProductFixture {
  productId: string;
  skuIds: string[];
}

/** A listed product of the merchant owned by `owner`. Defaults: one spec dimension with two SKUs at ¥99 and ¥129, stock 100. */
export async function product(
  t: TestApp,
  owner: { userId: string },
  merchantId: string,
  opts: {
    title?: string;
    categoryId?: string;
    skus?: SkuInput[];
    specs?: { name: string; values: string[] }[];
    madeToOrder?: boolean;
    description?: string;
    attributes?: { name: string; value: string }[];
  } = {},
): Promise<ProductFixture> {
  const specs = opts.specs ?? [{ name: '规格', values: ['标准装', '加大装'] }];
  const skus = opts.skus ?? [
    { specValues: { 规格: '标准装' }, price: 9900, stock: 100 },
    { specValues: { 规格: '加大装' }, price: 12900, stock: 100 },
  ];
  const ctx = makeCtx(t.deps, {
    kind: 'user',
    userId: owner.userId,
    sessionId: 'factory',
    roles: ['consumer'],
    staff: [merchantMembership(merchantId, 'owner')],
  });
  const result = await createProduct(ctx, {
    categoryId: opts.categoryId ?? 'cat_skincare',
    title: opts.title ?? '玻尿酸保湿面霜 50ml',
    description: opts.description ?? '测试商品',
    ...(opts.attributes ? { attributes: opts.attributes } : {}),
    specs,
    skus,
    madeToOrder: opts.madeToOrder ?? false,
    images: ['/media/placeholder/test.svg'],
  });
  if (!result.ok) throw new Error(`product factory: ${result.type}`);
  return { productId: result.value.id, skuIds: result.value.skuIds };
}

/**
 * Emits `order.paid` for lines of SKUs as the orders module would after a payment, at the clock's now, and
 * dispatches it: for catalog tests that need sales (counts, charged prices for the 划线价 rule) without checkout.
 */
export async function orderPaidEvent(
  t: TestApp,
  lines: { skuId: string; productId: string; qty: number; unitPrice: number }[],
  orderId = newId('ord'),
): Promise<string> {
  const payAmount = lines.reduce((sum, l) => sum + l.qty * l.unitPrice, 0);
  await t.deps.database.db.transaction((tx) =>
    emit(tx, 'order.paid', {
      orderId,
      checkoutId: newId('chk'),
      userId: 'usr_factory',
      merchantId: 'mer_factory',
      paidAt: t.clock.now().toISOString(),
      payAmount,
      lines: lines.map((l) => ({ lineId: newId('oln'), ...l, payAmount: l.qty * l.unitPrice })),
    }),
  );
  await t.drain();
  return orderId;
}
