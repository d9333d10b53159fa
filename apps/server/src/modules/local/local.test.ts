import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import type { Client } from '../../../test/http.ts';
import { buyer, shop } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { checkLedgerBalance } from '../../platform/ledger.ts';
import { newId } from '../../platform/ids.ts';
import { formatDistance, haversineM } from './rules.ts';

const t = await createTestApp();
const admin = await operator(t);

// West Lake, Hangzhou: every store below is placed at a known distance north or east of it.
const HERE = { lat: 30.2741, lng: 120.1551 };
const north = (m: number) => ({ lat: HERE.lat + m / 111_195, lng: HERE.lng });
const east = (m: number) => ({ lat: HERE.lat, lng: HERE.lng + m / (111_195 * Math.cos((HERE.lat * Math.PI) / 180)) });

type Shop = Awaited<ReturnType<typeof shop>>;

async function store(owner: Client, name: string, at: { lat: number; lng: number }) {
  const res = await owner.post('/api/v1/merchant/local/stores', {
    name,
    address: `${name}路 1 号`,
    city: '杭州',
    ...at,
    hours: '10:00-22:00',
    services: ['堂食', 'WiFi'],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

async function offer(s: Shop, storeId: string, opts: { days?: number; refundAtExpiry?: boolean; quota?: number } = {}) {
  const res = await s.owner.post('/api/v1/merchant/local/offers', {
    storeId,
    kind: 'voucher',
    title: '100 元代金券',
    skuId: s.skuId,
    price: 8800,
    faceValue: 10000,
    quota: opts.quota ?? 100,
    validUntil: new Date(t.clock.now().getTime() + (opts.days ?? 30) * 86_400_000).toISOString(),
    refundAtExpiry: opts.refundAtExpiry ?? true,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; price: number };
}

async function paidVoucher(s: Shop, offerId: string) {
  const who = await buyer(t);
  const bought = await who.post(
    `/api/v1/local/offers/${offerId}/orders`,
    { expectedAmount: 8800 },
    { idempotencyKey: newId('idem') },
  );
  expect(bought.status, JSON.stringify(bought.body)).toBe(201);
  await payThroughSandbox(t, who, bought.body.checkoutId);
  const mine = (await who.get(`/api/v1/me/local/vouchers?orderId=${bought.body.orderId}`)).body.items;
  expect(mine).toHaveLength(1);
  return { who, orderId: bought.body.orderId as string, voucher: mine[0] };
}

describe('local life', () => {
  it('lists stores within the radius nearest first with their distance, and none beyond it', async () => {
    const s = await shop(t, { price: 8800 });
    const far = await store(s.owner, '远店', north(3400));
    const near = await store(s.owner, '近店', east(450));
    const mid = await store(s.owner, '中店', north(1230));
    await offer(s, mid.id);
    const res = await admin.get(`/api/v1/local/nearby?lat=${HERE.lat}&lng=${HERE.lng}`);
    expect(res.status).toBe(200);
    const mine = res.body.items.filter((i: any) => [far.id, near.id, mid.id].includes(i.store.id));
    expect(mine.map((i: any) => [i.store.name, i.distance])).toEqual([
      ['近店', '450m'],
      ['中店', '1.2km'],
    ]);
    expect(mine[1].offers.map((o: any) => o.title)).toEqual(['100 元代金券']);
    // A wider radius asked for reaches the far store; a bad coordinate changes nothing and is refused.
    const wide = await admin.get(`/api/v1/local/nearby?lat=${HERE.lat}&lng=${HERE.lng}&radius=5000`);
    expect(wide.body.items.map((i: any) => i.store.id)).toContain(far.id);
    expect((await admin.get(`/api/v1/local/nearby?lat=91&lng=120`)).status).toBe(400);
    expect(formatDistance(haversineM(HERE.lat, HERE.lng, north(3400).lat, HERE.lng))).toBe('3.4km');
  });

  it('a paid voucher gets a code and QR; concurrent verifications let exactly one through', async () => {
    const s = await shop(t, { price: 8800 });
    const st = await store(s.owner, '核销店', east(100));
    const o = await offer(s, st.id);
    const { who, voucher } = await paidVoucher(s, o.id);
    expect(voucher.status).toBe('unused');
    expect(voucher.code).toMatch(/^\d{12}$/);
    expect(voucher.qrSvg).toContain('<svg');
    // Another merchant's staff cannot see or verify it.
    const other = await shop(t);
    expect((await other.owner.post('/api/v1/merchant/local/vouchers/verify', { code: voucher.code })).status).toBe(404);

    const attempts = await Promise.all(
      Array.from({ length: 5 }, () => s.owner.post('/api/v1/merchant/local/vouchers/verify', { code: voucher.code })),
    );
    expect(attempts.filter((a) => a.status === 200)).toHaveLength(1);
    expect(attempts.filter((a) => a.status === 409).map((a) => a.body.type)).toEqual(Array(4).fill('voucher-used'));
    const after = (await who.get(`/api/v1/me/local/vouchers`)).body.items[0];
    expect([after.status, after.qrSvg]).toEqual(['used', null]);
    // Redeemed in the store, the order is complete (and settles like any completed order).
    expect((await who.get(`/api/v1/orders/${after.orderId}`)).body.status).toBe('completed');
    const log = (await s.owner.get('/api/v1/merchant/local/redemptions')).body.items;
    expect(log.map((v: any) => v.id)).toEqual([voucher.id]);
  });

  it('refuses a voucher past its validity, and refunds unused ones at expiry with the ledger balanced', async () => {
    const s = await shop(t, { price: 8800 });
    const st = await store(s.owner, '过期店', east(200));
    const refunding = await offer(s, st.id, { days: 2, refundAtExpiry: true });
    const keeping = await offer(s, st.id, { days: 2, refundAtExpiry: false });
    const a = await paidVoucher(s, refunding.id);
    const b = await paidVoucher(s, keeping.id);

    t.clock.advanceHours(49);
    const late = await s.owner.post('/api/v1/merchant/local/vouchers/verify', { code: a.voucher.code });
    expect([late.status, late.body.type]).toEqual([409, 'voucher-expired']);
    await t.runJobs(); // the expiry jobs: one refund requested, one voucher simply expired
    await t.runJobs(); // the provider pays the refund back
    await t.drain();

    const order = (await a.who.get(`/api/v1/orders/${a.orderId}`)).body;
    expect([order.status, order.refundedAmount]).toEqual(['closed', 8800]);
    expect((await a.who.get('/api/v1/me/local/vouchers')).body.items[0].status).toBe('refunded');
    expect((await b.who.get('/api/v1/me/local/vouchers')).body.items[0].status).toBe('expired');
    expect((await b.who.get(`/api/v1/orders/${b.orderId}`)).body.refundedAmount).toBe(0);
    const ledger = await checkLedgerBalance(t.deps.database.db);
    expect([ledger.total, ledger.unbalanced]).toEqual([0, []]);
    const report = (await admin.get('/api/v1/admin/reconciliation')).body;
    expect(report.problems).toEqual([]);
  });

  it('does not sell past the quota, and an unpaid order gives its unit back', async () => {
    const s = await shop(t, { price: 8800 });
    const st = await store(s.owner, '限量店', east(300));
    const o = await offer(s, st.id, { quota: 1 });
    const [x, y] = [await buyer(t), await buyer(t)];
    const buy = (who: Client) =>
      who.post(`/api/v1/local/offers/${o.id}/orders`, { expectedAmount: 8800 }, { idempotencyKey: newId('idem') });
    const results = await Promise.all([buy(x), buy(y)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.type).toBe('sold-out');

    t.clock.advanceHours(1); // past the payment deadline: the sweep cancels the unpaid order
    await t.runJobs();
    const again = await buy(results[0].status === 201 ? y : x);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
  });
});
