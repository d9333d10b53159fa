import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { LIVE, liveSession, liveShop, scheduled, team, verifyRealName } from '../../../test/live-factories.ts';
import { Client } from '../../../test/http.ts';
import { signIn } from '../../../test/order-factories.ts';
import { getMerchantCreditScore } from '../catalog/api.ts';
import { notifyReminders } from './reminders.ts';

const t = await createTestApp();
const started: Record<string, unknown>[] = [];
t.deps.events.subscribe<Record<string, unknown>>(
  'live.started',
  'test.capture-started',
  async (_db, e) => void started.push(e.payload),
);

describe('scheduling', () => {
  it('schedules a session with the merchant’s listed products and shows it as upcoming with a warm-up page', async () => {
    const s = await liveShop(t);
    const id = await scheduled(t, s);
    const upcoming = await new Client(t).get('/api/v1/live/sessions?tab=upcoming&limit=50');
    expect(upcoming.body.items.map((c: { id: string }) => c.id)).toContain(id);
    const detail = await s.owner.get(`/api/v1/live/sessions/${id}`);
    expect(detail.body).toMatchObject({
      status: 'scheduled',
      title: '春季护肤专场',
      playbackUrl: '/live-sample/sample.webm',
      remindersCount: 0,
      pinned: null,
      clips: [],
    });
    expect(detail.body.products).toHaveLength(2);
    expect(detail.body.products[0]).toMatchObject({
      title: '直播好物 1 号',
      price: 9900,
      stock: 'in_stock',
      claim: '直播间专享价',
    });
    expect(detail.body.badges).toEqual({ realName: false, deposit: false, guarantee: false });
  });

  it('refuses another shop’s product and a rejected title, creating nothing', async () => {
    const s = await liveShop(t);
    const other = await liveShop(t);
    const before = (await s.owner.get(`${LIVE}/sessions`)).body.items.length;
    const foreign = await s.owner.post(`${LIVE}/sessions`, {
      title: '春季专场',
      scheduledAt: new Date(t.clock.now().getTime() + 60_000).toISOString(),
      products: [{ productId: other.products[0]!.productId }],
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.type).toBe('product-unavailable');
    const bad = await s.owner.post(`${LIVE}/sessions`, {
      title: '网赌来钱快专场',
      scheduledAt: new Date(t.clock.now().getTime() + 60_000).toISOString(),
      products: [{ productId: s.products[0]!.productId }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.type).toBe('content-rejected');
    expect((await s.owner.get(`${LIVE}/sessions`)).body.items.length).toBe(before);
  });

  it('announces the session to the merchant’s communities until the weekly push cap, and still schedules after it', async () => {
    const s = await liveShop(t);
    const community = await s.owner.post('/api/v1/merchant/communities', { name: '护肤达人俱乐部', admission: 'open' });
    expect(community.status, JSON.stringify(community.body)).toBe(201);
    const notices = [];
    for (let i = 0; i < 4; i++) {
      const res = await s.owner.post(`${LIVE}/sessions`, {
        title: `第 ${i + 1} 场护肤直播`,
        scheduledAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
        products: [{ productId: s.products[0]!.productId }],
      });
      expect(res.status).toBe(201);
      notices.push(res.body.notices[0]);
    }
    expect(notices.slice(0, 3).every((n) => n.sent)).toBe(true);
    expect(notices[3]).toMatchObject({ communityId: community.body.id, sent: false });
    expect(notices[3].reason).toContain('每周最多推送');
  });
});

describe('going live', () => {
  it('refuses to start below the credit score, and without real-name verification', async () => {
    const s = await liveShop(t);
    const id = await scheduled(t, s);
    const op = await operator(t);
    expect((await s.owner.put(`/api/v1/admin/merchants/${s.merchantId}/credit-score`, { score: 90 })).status).toBe(403);
    expect((await op.put(`/api/v1/admin/merchants/${s.merchantId}/credit-score`, { score: 101 })).status).toBe(400);
    expect((await op.put(`/api/v1/admin/merchants/mer_missing/credit-score`, { score: 70 })).status).toBe(404);
    expect((await op.put(`/api/v1/admin/merchants/${s.merchantId}/credit-score`, { score: 55 })).status).toBe(200);
    // One score: the admin merchants list and the live qualification both show what was saved.
    expect(await getMerchantCreditScore(t.deps.database.db, s.merchantId)).toBe(55);
    expect((await s.owner.get(`${LIVE}/qualification`)).body.creditScore).toBe(55);
    await verifyRealName(s);
    const low = await s.owner.post(`${LIVE}/sessions/${id}/start`);
    expect(low.status).toBe(403);
    expect(low.body).toMatchObject({ type: 'credit-score-low', title: '店铺信用分不足，暂不能开播' });
    expect(low.body.detail).toContain('55');

    const s2 = await liveShop(t);
    const id2 = await scheduled(t, s2);
    const noName = await s2.owner.post(`${LIVE}/sessions/${id2}/start`);
    expect(noName.status).toBe(403);
    expect(noName.body.type).toBe('real-name-required');
    expect((await s2.owner.get(`/api/v1/live/sessions/${id2}`)).body.status).toBe('scheduled');
  });

  it('starts: each reminded viewer is told exactly once (live.started and one SMS notice)', async () => {
    const s = await liveShop(t);
    await verifyRealName(s);
    const id = await scheduled(t, s);
    const fan = await signIn(t);
    const other = await signIn(t);
    const bystander = await signIn(t);
    expect((await fan.post(`/api/v1/live/sessions/${id}/reminder`)).body).toEqual({ reminded: true });
    expect((await other.post(`/api/v1/live/sessions/${id}/reminder`)).status).toBe(200);
    expect((await fan.get(`/api/v1/live/sessions/${id}`)).body).toMatchObject({ reminded: true, remindersCount: 2 });
    // 「我的预约」: the upcoming tab filtered to what the signed-in user reminded.
    const mine = await fan.get('/api/v1/live/sessions?tab=upcoming&reminded=true&limit=50');
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await new Client(t).get('/api/v1/live/sessions?tab=upcoming&reminded=true')).status).toBe(401);
    const res = await s.owner.post(`${LIVE}/sessions/${id}/start`);
    expect(res.body).toEqual({ id, status: 'live', reminded: 2 });
    await t.drain();
    expect(started.find((e) => e.sessionId === id)?.remindedUserIds).toEqual(
      expect.arrayContaining([fan.userId, other.userId]),
    );
    await t.runJobs();
    await t.runJobs();
    await t.deps.database.db.transaction((tx) => notifyReminders(t.deps, tx, id)); // a repeated job sends nothing more
    const notice = '你预约的直播「春季护肤专场」开始了';
    expect(t.sms.noticesFor(fan.phone)).toEqual([notice]);
    expect(t.sms.noticesFor(other.phone)).toEqual([notice]);
    expect(t.sms.noticesFor(bystander.phone)).toEqual([]);
    expect((await s.owner.post(`${LIVE}/sessions/${id}/start`)).status).toBe(409);
    const live = await fan.get('/api/v1/live/sessions?tab=live&limit=50');
    expect(live.body.items.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('cancels a scheduled session but not a live one', async () => {
    const s = await liveShop(t);
    const id = await scheduled(t, s);
    expect((await s.owner.post(`${LIVE}/sessions/${id}/cancel`)).body.status).toBe('cancelled');
    const { shop, id: liveId } = await liveSession(t);
    expect((await shop.owner.post(`${LIVE}/sessions/${liveId}/cancel`)).status).toBe(409);
  });
});

describe('roles (1 + N)', () => {
  it('an analyst cannot pin, a controller can, a stranger gets 403 and nobody signed in 401', async () => {
    const { shop, id } = await liveSession(t);
    const [controller, analyst] = await team(t, shop, id, ['controller', 'analyst']);
    const stranger = await signIn(t);
    const productId = shop.products[0]!.productId;
    const denied = await analyst!.post(`${LIVE}/sessions/${id}/pin`, { productId });
    expect(denied.status).toBe(403);
    expect(denied.body.detail).toContain('数据');
    expect((await stranger.post(`${LIVE}/sessions/${id}/pin`, { productId })).status).toBe(403);
    expect((await stranger.get(`${LIVE}/sessions/${id}/dashboard`)).status).toBe(403);
    expect((await new Client(t).post(`${LIVE}/sessions/${id}/pin`, { productId })).status).toBe(401);
    expect((await analyst!.get(`${LIVE}/sessions/${id}/dashboard`)).status).toBe(200);
    const pinned = await controller!.post(`${LIVE}/sessions/${id}/pin`, { productId });
    expect(pinned.status, JSON.stringify(pinned.body)).toBe(200);
    expect(pinned.body).toMatchObject({ productId, title: '直播好物 1 号', claim: '直播间专享价' });
    // The controller runs the room but does not end it; the role list shows on the control panel.
    expect((await controller!.post(`${LIVE}/sessions/${id}/end`)).status).toBe(403);
    const control = await controller!.get(`${LIVE}/sessions/${id}/control`);
    expect(control.body).toMatchObject({ role: 'controller', stream: null });
    expect(control.body.abilities).toEqual(['run', 'pin', 'mute', 'metrics']);
    expect((await controller!.get(`${LIVE}/sessions`)).body.items[0]).toMatchObject({ id, role: 'controller' });
  });

  it('refuses a phone without an account and a second host', async () => {
    const s = await liveShop(t);
    const id = await scheduled(t, s);
    const unknown = await s.owner.put(`${LIVE}/sessions/${id}/roles`, [{ phone: '13700000001', role: 'host' }]);
    expect(unknown.status).toBe(422);
    expect(unknown.body.type).toBe('user-not-found');
    const [a, b] = [await signIn(t), await signIn(t)];
    const two = await s.owner.put(`${LIVE}/sessions/${id}/roles`, [
      { phone: a.phone, role: 'host' },
      { phone: b.phone, role: 'host' },
    ]);
    expect(two.body.type).toBe('one-host');
  });
});

describe('after the end', () => {
  it('ends with a replay and one clip per pinned product at its offset from the start; the report follows', async () => {
    const { shop, id } = await liveSession(t);
    const [p1, p2] = shop.products;
    expect((await shop.owner.get(`${LIVE}/sessions/${id}/report`)).status).toBe(409);
    t.clock.advance(30_000);
    await shop.owner.post(`${LIVE}/sessions/${id}/pin`, { productId: p1!.productId });
    t.clock.advance(60_000);
    await shop.owner.post(`${LIVE}/sessions/${id}/pin`, { productId: p2!.productId });
    t.clock.advance(45_000);
    await shop.owner.post(`${LIVE}/sessions/${id}/pin`, { productId: p1!.productId });
    t.clock.advance(10_000);
    expect((await shop.owner.post(`${LIVE}/sessions/${id}/end`)).body).toEqual({ id, status: 'ended' });

    const replay = await new Client(t).get(`/api/v1/live/sessions/${id}`);
    expect(replay.body).toMatchObject({ status: 'ended', pinned: null, playbackUrl: '/live-sample/sample.webm' });
    expect(replay.body.clips).toEqual([
      { productId: p1!.productId, title: '直播好物 1 号', offsetSeconds: 30 },
      { productId: p2!.productId, title: '直播好物 2 号', offsetSeconds: 90 },
    ]);
    const report = await shop.owner.get(`${LIVE}/sessions/${id}/report`);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ durationSeconds: 145, gmv: 0, orders: 0 });
    expect(report.body.products.map((p: { productId: string }) => p.productId)).toEqual([p1!.productId, p2!.productId]);
    expect(report.body.clips).toHaveLength(2);
    const replays = await shop.owner.get('/api/v1/live/sessions?tab=replay&limit=50');
    expect(replays.body.items.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('serves the sample stream', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/live-sample/sample.webm' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('video/webm');
  });
});
