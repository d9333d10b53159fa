import { expect } from 'vitest';
import { product } from './factories.ts';
import type { TestApp } from './harness.ts';
import { merchant, signIn } from './order-factories.ts';

/** Live-commerce factories: a merchant with listed products, a scheduled session, a qualified host, a live room. */

export const LIVE = '/api/v1/merchant/live';
export const VALID_ID_NUMBER = '11010519491231002X';

export async function liveShop(t: TestApp, opts: { products?: number; price?: number } = {}) {
  const m = await merchant(t, '好物直播测试店');
  const products = [];
  for (let i = 0; i < (opts.products ?? 2); i++) {
    products.push(
      await product(t, m.owner, m.merchantId, {
        title: `直播好物 ${i + 1} 号`,
        specs: [{ name: '规格', values: ['标准装'] }],
        skus: [{ specValues: { 规格: '标准装' }, price: opts.price ?? 9900, stock: 100 }],
      }),
    );
  }
  return { ...m, products };
}

export type LiveShop = Awaited<ReturnType<typeof liveShop>>;

export async function scheduled(t: TestApp, s: LiveShop, body: Record<string, unknown> = {}) {
  const res = await s.owner.post(`${LIVE}/sessions`, {
    title: '春季护肤专场',
    scheduledAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
    products: s.products.map((p, i) => ({ productId: p.productId, claim: i === 0 ? '直播间专享价' : null })),
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

export async function verifyRealName(s: LiveShop) {
  const res = await s.owner.post(`${LIVE}/qualification/real-name`, { name: '王小明', idNumber: VALID_ID_NUMBER });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** A session that is live now, hosted by the merchant's owner (who passed real-name verification). */
export async function liveSession(t: TestApp, s?: LiveShop) {
  const shop = s ?? (await liveShop(t));
  await verifyRealName(shop);
  const id = await scheduled(t, shop);
  const started = await shop.owner.post(`${LIVE}/sessions/${id}/start`);
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  return { shop, id };
}

/** Gives accounts session roles by phone; returns signed-in clients for each. */
export async function team(
  t: TestApp,
  s: LiveShop,
  sessionId: string,
  roles: ('host' | 'controller' | 'service' | 'analyst')[],
) {
  const people = [];
  for (const role of roles) people.push(Object.assign(await signIn(t), { role }));
  const res = await s.owner.put(
    `${LIVE}/sessions/${sessionId}/roles`,
    people.map((p) => ({ phone: p.phone, role: p.role })),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return people;
}
