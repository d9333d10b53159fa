import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, payCheckout, placeOrder, shop, signIn } from '../../../test/order-factories.ts';

const t = await createTestApp();

async function merchantCommunity(owner: Awaited<ReturnType<typeof shop>>['owner'], body: Record<string, unknown> = {}) {
  const res = await owner.post('/api/v1/merchant/communities', {
    name: '护肤同好会',
    description: '聊护肤',
    admission: 'open',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

describe('joining and leaving', () => {
  it('an open community seats a member in group 1; joining twice is the same membership; leaving frees the seat', async () => {
    const s = await shop(t);
    const id = await merchantCommunity(s.owner);
    const u = await signIn(t);
    const first = await u.post(`/api/v1/communities/${id}/join`);
    expect(first.body).toMatchObject({ status: 'joined' });
    const again = await u.post(`/api/v1/communities/${id}/join`);
    expect(again.body.groupId).toBe(first.body.groupId);
    expect((await u.get(`/api/v1/communities/${id}`)).body).toMatchObject({
      memberCount: 1,
      standing: 'member',
      membership: { tier: 'regular' },
    });
    const mine = await u.get('/api/v1/me/communities');
    expect(mine.body.items.map((c: any) => c.id)).toEqual([id]);

    expect((await u.post(`/api/v1/communities/${id}/leave`)).status).toBe(200);
    expect((await s.owner.get('/api/v1/merchant/communities')).body.items[0].groups[0].memberCount).toBe(0);
    expect((await u.get('/api/v1/me/communities')).body.items).toEqual([]);
  });

  it('groups hold at most 500: the API offers no way to raise it', async () => {
    const s = await shop(t);
    const res = await s.owner.post('/api/v1/merchant/communities', {
      name: '大群',
      admission: 'open',
      groupCapacity: 1000,
    });
    expect(res.status).toBe(201);
    await (await signIn(t)).post(`/api/v1/communities/${res.body.id}/join`);
    const after = await s.owner.get('/api/v1/merchant/communities');
    expect(after.body.items.find((c: any) => c.id === res.body.id).groups).toMatchObject([
      { seq: 1, memberCount: 1, capacity: 500 },
    ]);
  });

  it('by application: the member waits for an admin; approval seats them', async () => {
    const s = await shop(t);
    const id = await merchantCommunity(s.owner, { admission: 'application' });
    const u = await signIn(t);
    expect((await u.post(`/api/v1/communities/${id}/join`, { message: '想一起聊护肤' })).body).toEqual({
      status: 'applied',
      groupId: null,
    });
    const dup = await u.post(`/api/v1/communities/${id}/join`);
    expect(dup.status).toBe(409);
    expect(dup.body.type).toBe('already-applied');
    expect((await u.get(`/api/v1/communities/${id}`)).body.applicationPending).toBe(true);
    // A stranger cannot see or decide applications.
    expect((await u.get(`/api/v1/communities/${id}/applications`)).status).toBe(403);
    const apps = await s.owner.get(`/api/v1/communities/${id}/applications`);
    expect(apps.body.items).toHaveLength(1);
    const decided = await s.owner.post(`/api/v1/community-applications/${apps.body.items[0].id}/decision`, {
      approve: true,
    });
    expect(decided.body.status).toBe('approved');
    expect((await u.get(`/api/v1/communities/${id}`)).body.standing).toBe('member');
  });

  it('by purchase: only buyers of the merchant may join', async () => {
    const s = await shop(t);
    const id = await merchantCommunity(s.owner, { admission: 'purchase' });
    const stranger = await signIn(t);
    const refused = await stranger.post(`/api/v1/communities/${id}/join`);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ type: 'purchase-required', title: '在该商家下单后才能加入此社群' });
  });

  it('by tier: a regular platform member is refused a gold-only community', async () => {
    const s = await shop(t);
    const id = await merchantCommunity(s.owner, { admission: 'tier', admissionMinTier: 'gold' });
    const res = await (await signIn(t)).post(`/api/v1/communities/${id}/join`);
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('tier-required');
  });
});

describe('auto-join after a first order', () => {
  it('the first paid order puts the buyer in the merchant exclusive community; after leaving, later orders do not re-add them', async () => {
    const s = await shop(t, { name: '山野茶铺' });
    const b = await buyer(t);
    const checkout = await placeOrder(t, b, [{ skuId: s.skuId, qty: 1 }]);
    // Placing is not buying: nothing yet.
    expect((await b.get('/api/v1/me/communities')).body.items).toEqual([]);
    await payCheckout(t, checkout.checkoutId);

    const mine = (await b.get('/api/v1/me/communities')).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      exclusive: true,
      source: 'order',
      name: '山野茶铺 粉丝专属群',
      merchant: { id: s.merchantId },
    });
    const communityId = mine[0].id;

    // The staff's SCRM view shows why they joined and what they bought.
    const profile = await s.owner.get(`/api/v1/communities/${communityId}/scrm/members/${b.userId}`);
    expect(profile.body.timeline.items.map((e: any) => e.kind).sort()).toEqual(['bought', 'joined']);

    // Redelivering the event changes nothing (idempotent): still one member.
    await t.drain();
    expect((await b.get(`/api/v1/communities/${communityId}`)).body.memberCount).toBe(1);

    expect((await b.post(`/api/v1/communities/${communityId}/leave`)).status).toBe(200);
    const second = await placeOrder(t, b, [{ skuId: s.skuId, qty: 1 }]);
    await payCheckout(t, second.checkoutId);
    expect((await b.get('/api/v1/me/communities')).body.items).toEqual([]);
    // They may come back on their own: the exclusive community admits buyers.
    expect((await b.post(`/api/v1/communities/${communityId}/join`)).body.status).toBe('joined');
  });
});

describe('the weekly promotional push cap', () => {
  it('allows 3 promotional pushes per ISO week and refuses the 4th with the reason; service posts are not capped; next week opens again', async () => {
    const s = await shop(t);
    const id = await merchantCommunity(s.owner);
    // Thursday 2026-11-26 10:00 Beijing time.
    t.clock.advance(new Date('2026-11-26T02:00:00Z').getTime() - t.clock.now().getTime());
    const promo = (n: number) =>
      s.owner.post(`/api/v1/communities/${id}/announcements`, {
        title: `双十二预热 ${n}`,
        body: '全场满 199 减 30',
        promotional: true,
      });
    for (const n of [1, 2]) expect((await promo(n)).status).toBe(201);
    const member = await signIn(t);
    await member.put('/api/v1/me/marketing-consent', { consented: true });
    await member.post(`/api/v1/communities/${id}/join`);
    const segment = await s.owner.post(`/api/v1/communities/${id}/scrm/messages`, {
      title: 'VIP 专享价',
      body: '今晚 8 点',
      promotional: true,
    });
    expect(segment.status, JSON.stringify(segment.body)).toBe(201);
    expect(segment.body).toMatchObject({ recipients: 1, slot: 3, week: '2026-W48' });

    const fourth = await promo(4);
    expect(fourth.status).toBe(409);
    expect(fourth.body.type).toBe('push-cap-reached');
    expect(fourth.body.title).toBe('每个社群每周最多推送 3 次促销内容，本周次数已用完');
    expect(fourth.body.detail).toContain('11月30日 00:00');
    const fourthSegment = await s.owner.post(`/api/v1/communities/${id}/scrm/messages`, {
      title: '再推一次',
      body: '…',
      promotional: true,
    });
    expect(fourthSegment.body.type).toBe('push-cap-reached');

    // A non-promotional announcement is not a push.
    expect(
      (
        await s.owner.post(`/api/v1/communities/${id}/announcements`, {
          title: '发货通知',
          body: '顺丰已恢复揽收',
          promotional: false,
        })
      ).status,
    ).toBe(201);
    const calendar = await s.owner.get(`/api/v1/communities/${id}/push-calendar`);
    expect(calendar.body).toMatchObject({ week: '2026-W48', remaining: 0, limit: 3 });
    expect(calendar.body.pushes.map((p: any) => p.kind)).toEqual(['announcement', 'announcement', 'segment-message']);

    // Sunday 23:59 Beijing is still the same week; Monday 00:00 is the next.
    t.clock.advance(new Date('2026-11-29T15:59:00Z').getTime() - t.clock.now().getTime());
    expect((await promo(5)).status).toBe(409);
    t.clock.advanceMinutes(1);
    expect((await promo(6)).status).toBe(201);
  });

  it('promotional segment messages reach only members who consented to marketing', async () => {
    const s = await shop(t);
    const id = await merchantCommunity(s.owner);
    const yes = await signIn(t);
    const no = await signIn(t);
    await yes.put('/api/v1/me/marketing-consent', { consented: true });
    for (const u of [yes, no]) await u.post(`/api/v1/communities/${id}/join`);
    const sent = await s.owner.post(`/api/v1/communities/${id}/scrm/messages`, {
      title: '新品试用',
      body: '前 20 名免费',
      promotional: true,
    });
    expect(sent.body).toMatchObject({ recipients: 1, skippedNoConsent: 1 });
    expect((await yes.get('/api/v1/me/community-inbox')).body.items[0]).toMatchObject({
      title: '新品试用',
      read: false,
    });
    expect((await no.get('/api/v1/me/community-inbox')).body.items).toEqual([]);
    // A service message (no promotion) reaches everyone in the segment and uses no slot.
    const service = await s.owner.post(`/api/v1/communities/${id}/scrm/messages`, {
      title: '物流延迟说明',
      body: '暴雪影响',
      promotional: false,
    });
    expect(service.body).toMatchObject({ recipients: 2, slot: null });
  });
});
