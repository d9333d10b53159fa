import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { operator } from '../../../test/factories.ts';
import { sandboxPaidOrder } from '../../../test/flows.ts';
import { buyer as newBuyer, merchant as newMerchant, signIn } from '../../../test/order-factories.ts';
import { Client } from '../../../test/http.ts';
import { analyticsLoader, appendToInbox, eventRow, pseudonym } from '../analytics/api.ts';

let t: TestApp;
let ops: Awaited<ReturnType<typeof operator>>;
beforeAll(async () => {
  t = await createTestApp();
  ops = await operator(t);
});

const DAY = 86_400_000;
/** Moves the clock, then runs what fell due (the lifecycle run every 5 minutes). */
async function after(ms: number) {
  t.clock.advance(ms);
  await analyticsLoader(t.deps).load();
  await t.runJobs();
  // Sessions last 30 days: staff sign in again after a long jump.
  if (ms >= 30 * DAY) ops = await operator(t);
}
const customerOf = async (c: Client, base: string, userId: string) => {
  const res = await c.get(`${base}/customers?limit=50`);
  expect(res.status).toBe(200);
  return (res.body.items as { userId: string }[]).find((i) => i.userId === userId) as Record<string, any> | undefined;
};

describe('segments over time', () => {
  it('moves a buyer new → active → loyal → churned, with health, history and transitions', async () => {
    const shop = await newMerchant(t);
    const b = await newBuyer(t);
    await t.drain();
    expect(await customerOf(ops, '/api/v1/admin/lifecycle', b.userId)).toMatchObject({ segment: 'new', orders: 0 });

    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await sandboxPaidOrder(t, { buyer: b, merchant: shop });
      seen.push((await customerOf(ops, '/api/v1/admin/lifecycle', b.userId))!.segment);
      await after(3 * DAY);
    }
    expect(seen).toEqual(['new', 'active', 'active', 'loyal']);
    const loyal = (await customerOf(ops, '/api/v1/admin/lifecycle', b.userId))!;
    expect(loyal.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(loyal.phone).not.toBe(b.phone);

    await after(61 * DAY);
    const churned = (await customerOf(ops, '/api/v1/admin/lifecycle', b.userId))!;
    expect(churned.segment).toBe('churned');
    expect(churned.health).toBeLessThan(loyal.health);

    const overview = await ops.get('/api/v1/admin/lifecycle/overview');
    expect(overview.status).toBe(200);
    expect(overview.body.segments.find((s: any) => s.segment === 'churned').users).toBeGreaterThanOrEqual(1);
    expect(overview.body.history.at(-1).churned).toBeGreaterThanOrEqual(1);
    expect(overview.body.thresholds).toMatchObject({ churnDays: 60, loyalOrders: 4, memberDay: 18 });
    const moves = await ops.get('/api/v1/admin/lifecycle/overview');
    expect(moves.body.transitions).toContainEqual({ from: 'loyal', to: 'churned', users: 1 });

    // A purchase brings a churned buyer back at once, not at the next run.
    const back = Object.assign(await signIn(t, b.phone), { addressId: b.addressId });
    await sandboxPaidOrder(t, { buyer: back, merchant: { ...shop, owner: await signIn(t, shop.owner.phone) } });
    expect((await customerOf(ops, '/api/v1/admin/lifecycle', b.userId))!.segment).not.toBe('churned');
  });

  it('warns of churn when a repeat buyer is overdue against their own rhythm', async () => {
    const b = await newBuyer(t);
    const shop = await newMerchant(t);
    await sandboxPaidOrder(t, { buyer: b, merchant: shop });
    await after(5 * DAY);
    await sandboxPaidOrder(t, { buyer: b, merchant: shop });
    await after(2 * DAY);
    expect(await customerOf(ops, '/api/v1/admin/lifecycle', b.userId)).toMatchObject({
      segment: 'active',
      churnWarning: false,
    });
    await after(8 * DAY);
    const warned = (await customerOf(ops, '/api/v1/admin/lifecycle', b.userId))!;
    expect(warned).toMatchObject({ segment: 'active', churnWarning: true });
    const list = await ops.get('/api/v1/admin/lifecycle/customers?warning=true');
    expect(list.body.items.map((i: any) => i.userId)).toContain(b.userId);
  });

  it('counts interactions and the orders a user’s shares brought in (social influence)', async () => {
    const sharer = await newBuyer(t);
    await t.drain();
    const view = () => ({
      id: randomUUID(),
      type: 'view',
      ts: t.clock.now().toISOString(),
      page: 'product',
      productId: 'prd_x',
    });
    const sent = await sharer.post('/api/v1/events', {
      deviceId: 'dev_lifecycle_01',
      sessionId: 'ses_lc_1',
      events: [view(), view(), view()],
    });
    expect(sent.status).toBe(202);
    const pid = pseudonym(t.deps.config.ANALYTICS_PSEUDONYM_SECRET, sharer.userId);
    await appendToInbox(t.deps.database.db, [
      eventRow({
        id: 'pay:lc-share-1',
        type: 'pay',
        ts: t.clock.now(),
        userPid: 'someone',
        channel: 'share',
        channelRef: pid,
        orderId: 'ord_lc_1',
        merchantId: 'mch_lc',
        amount: 9_900,
      }),
      eventRow({
        id: 'pay:lc-share-2',
        type: 'pay',
        ts: t.clock.now(),
        userPid: 'someone-else',
        channel: 'share',
        channelRef: pid,
        orderId: 'ord_lc_2',
        merchantId: 'mch_lc',
        amount: 9_900,
      }),
    ]);
    await after(5 * 60_000);
    expect(await customerOf(ops, '/api/v1/admin/lifecycle', sharer.userId)).toMatchObject({
      interactions: 3,
      influence: 2,
    });
  });
});

describe('who sees what', () => {
  it('shows a merchant only the customers who bought from their shop; the platform view is for operators', async () => {
    const mine = await newMerchant(t, '自家店');
    const other = await newMerchant(t, '别家店');
    const b = await newBuyer(t);
    await sandboxPaidOrder(t, { buyer: b, merchant: mine });
    const ownList = await mine.owner.get('/api/v1/merchant/lifecycle/customers');
    expect(ownList.status).toBe(200);
    expect(ownList.body.items.map((i: any) => i.userId)).toEqual([b.userId]);
    const otherList = await other.owner.get('/api/v1/merchant/lifecycle/customers');
    expect(otherList.body.items).toEqual([]);

    expect((await mine.owner.get('/api/v1/admin/lifecycle/customers')).status).toBe(403);
    expect((await b.get('/api/v1/merchant/lifecycle/overview')).status).toBe(403);
    expect((await new Client(t).get('/api/v1/admin/lifecycle/rules')).status).toBe(401);

    const bad = await ops.put('/api/v1/admin/lifecycle/rules/churned_recall', {
      enabled: true,
      capDays: 0,
      quietStart: 21,
      quietEnd: 9,
      holdoutPct: 10,
      conversionDays: 7,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.title).toMatch(/[\u4e00-\u9fa5]/);
    const rules = await ops.get('/api/v1/admin/lifecycle/rules');
    expect(rules.body.items.find((r: any) => r.kind === 'churned_recall').enabled).toBe(false);
  });
});
