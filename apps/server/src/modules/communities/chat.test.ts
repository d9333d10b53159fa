import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { operator } from '../../../test/factories.ts';
import { shop, signIn } from '../../../test/order-factories.ts';

/** Group chat over HTTP (the WebSocket carries the same use-case; see socket.test.ts), moderation and SCRM traces. */
const t = await createTestApp();

async function communityWithMembers(n: number) {
  const s = await shop(t, { title: '冷萃咖啡液 12 颗' });
  const created = await s.owner.post('/api/v1/merchant/communities', { name: '咖啡研究所', admission: 'open' });
  const id = created.body.id as string;
  const members = [];
  for (let i = 0; i < n; i++) {
    const u = await signIn(t);
    const joined = await u.post(`/api/v1/communities/${id}/join`);
    members.push(Object.assign(u, { groupId: joined.body.groupId as string }));
  }
  return { s, id, members };
}

describe('group chat', () => {
  it('members post text, images and product cards and read them back newest first, page by page', async () => {
    const { s, members } = await communityWithMembers(2);
    const [a, b] = members as [(typeof members)[0], (typeof members)[0]];
    const g = a.groupId;
    expect((await a.post(`/api/v1/community-groups/${g}/messages`, { kind: 'text', text: '大家早上好' })).status).toBe(
      201,
    );
    expect(
      (
        await b.post(`/api/v1/community-groups/${g}/messages`, {
          kind: 'image',
          imageUrls: ['/media/u/2026/cup.jpg'],
          text: '今天的拉花',
        })
      ).status,
    ).toBe(201);
    const card = await a.post(`/api/v1/community-groups/${g}/messages`, {
      kind: 'product',
      productId: s.productId,
      text: '这款回购三次了',
    });
    expect(card.body.product).toMatchObject({ productId: s.productId, title: '冷萃咖啡液 12 颗', minPrice: 9900 });

    const page1 = await b.get(`/api/v1/community-groups/${g}/messages?limit=2`);
    expect(page1.body.items.map((m: any) => m.kind)).toEqual(['product', 'image']);
    const page2 = await b.get(`/api/v1/community-groups/${g}/messages?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((m: any) => m.text)).toEqual(['大家早上好']);
    expect(page2.body.nextCursor).toBeNull();

    // Outside images are refused before anything is stored.
    const external = await a.post(`/api/v1/community-groups/${g}/messages`, {
      kind: 'image',
      imageUrls: ['https://evil.example/x.jpg'],
    });
    expect(external.status).toBe(400);
    // A non-member cannot read or post.
    const stranger = await signIn(t);
    expect((await stranger.get(`/api/v1/community-groups/${g}/messages`)).status).toBe(403);
    expect((await stranger.post(`/api/v1/community-groups/${g}/messages`, { kind: 'text', text: '路过' })).status).toBe(
      403,
    );

    // Clicking the card and asking a question show in the SCRM timeline; reading moves the read mark.
    await b.post(`/api/v1/community-messages/${card.body.id}/click`);
    await b.post(`/api/v1/community-groups/${g}/messages`, { kind: 'text', text: '这个冷萃要冷藏吗？' });
    await b.post(`/api/v1/community-groups/${g}/read`, { messageId: card.body.id });
    const communityId = (await b.get('/api/v1/me/communities')).body.items[0].id;
    const profile = await s.owner.get(`/api/v1/communities/${communityId}/scrm/members/${b.userId}`);
    expect(profile.body.timeline.items.map((e: any) => e.kind).sort()).toEqual(['asked', 'clicked', 'joined', 'read']);
  });

  it('blocked words are refused; review words wait for an operator, shown only to the sender until approved', async () => {
    const { members } = await communityWithMembers(2);
    const [a, b] = members as [(typeof members)[0], (typeof members)[0]];
    const g = a.groupId;
    const blocked = await a.post(`/api/v1/community-groups/${g}/messages`, { kind: 'text', text: '来网赌吧' });
    expect(blocked.status).toBe(422);
    expect(blocked.body.type).toBe('message-rejected');

    const flagged = await a.post(`/api/v1/community-groups/${g}/messages`, { kind: 'text', text: '有需要的加微信聊' });
    expect(flagged.body.pending).toBe(true);
    expect((await b.get(`/api/v1/community-groups/${g}/messages`)).body.items).toEqual([]);
    expect((await a.get(`/api/v1/community-groups/${g}/messages`)).body.items).toHaveLength(1);

    const op = await operator(t);
    const queue = await op.get('/api/v1/admin/moderation/items');
    const item = queue.body.items.find((i: any) => i.subjectId === flagged.body.id);
    expect(item).toBeTruthy();
    expect((await op.post(`/api/v1/admin/moderation/items/${item.id}/decision`, { decision: 'approve' })).status).toBe(
      200,
    );
    await t.drain();
    expect((await b.get(`/api/v1/community-groups/${g}/messages`)).body.items[0]).toMatchObject({
      id: flagged.body.id,
      pending: false,
    });
  });

  it('moderators withdraw messages, pin topics and mute; muted members and floods are refused', async () => {
    const { s, id, members } = await communityWithMembers(3);
    const [a, b, mod] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
    const g = a.groupId;
    // Only the owner (merchant staff) appoints; an ordinary member cannot.
    expect((await a.patch(`/api/v1/communities/${id}/members/${mod.userId}`, { role: 'moderator' })).status).toBe(403);
    expect(
      (await s.owner.patch(`/api/v1/communities/${id}/members/${mod.userId}`, { role: 'moderator', tier: 'vip' })).body,
    ).toEqual({ role: 'moderator', tier: 'vip' });

    const spam = await a.post(`/api/v1/community-groups/${g}/messages`, { kind: 'text', text: '出二手咖啡机' });
    const topic = await b.post(`/api/v1/community-groups/${g}/messages`, {
      kind: 'text',
      text: '本周话题：你最爱的产区',
    });
    expect((await a.delete(`/api/v1/community-messages/${topic.body.id}`)).status).toBe(403);
    expect((await mod.delete(`/api/v1/community-messages/${spam.body.id}`)).status).toBe(200);
    expect((await mod.put(`/api/v1/community-messages/${topic.body.id}/pin`, { pinned: true })).status).toBe(200);
    const history = (await b.get(`/api/v1/community-groups/${g}/messages`)).body.items;
    expect(history.find((m: any) => m.id === spam.body.id)).toMatchObject({ removed: true, text: '' });
    expect(
      (await b.get(`/api/v1/community-groups/${g}/messages?pinned=true`)).body.items.map((m: any) => m.id),
    ).toEqual([topic.body.id]);

    const muted = await mod.post(`/api/v1/communities/${id}/members/${a.userId}/mute`, { minutes: 60 });
    expect(muted.status).toBe(200);
    const refused = await a.post(`/api/v1/community-groups/${g}/messages`, { kind: 'text', text: '为什么删我' });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe('member-muted');
    t.clock.advanceMinutes(61);
    expect(
      (await a.post(`/api/v1/community-groups/${g}/messages`, { kind: 'text', text: '好的我知道了' })).status,
    ).toBe(201);

    // Flood control: 5 messages per 10 seconds per person.
    t.clock.advanceMinutes(1);
    const burst = [];
    for (let i = 0; i < 6; i++)
      burst.push(await b.post(`/api/v1/community-groups/${g}/messages`, { kind: 'text', text: `刷屏 ${i}` }));
    expect(burst.slice(0, 5).every((r) => r.status === 201)).toBe(true);
    expect(burst[5]!.status).toBe(429);
    expect(burst[5]!.body.type).toBe('chat-rate-limited');
  });

  it('SCRM: staff tag members, keep notes and message a segment by tier and tag', async () => {
    const { s, id, members } = await communityWithMembers(3);
    const [a, b, c] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
    await s.owner.patch(`/api/v1/communities/${id}/members/${a.userId}`, { tier: 'vip' });
    await s.owner.patch(`/api/v1/communities/${id}/members/${b.userId}`, { tier: 'core' });
    await s.owner.put(`/api/v1/communities/${id}/scrm/members/${b.userId}/tags`, { tags: ['手冲', '复购'] });
    await s.owner.put(`/api/v1/communities/${id}/scrm/members/${c.userId}/tags`, { tags: ['手冲'] });
    expect(
      (await s.owner.post(`/api/v1/communities/${id}/scrm/members/${b.userId}/notes`, { body: '偏好浅烘，送过试饮装' }))
        .status,
    ).toBe(201);
    // Members cannot see each other's SCRM data.
    expect((await a.get(`/api/v1/communities/${id}/scrm/members/${b.userId}`)).status).toBe(403);

    const vipUp = await s.owner.get(`/api/v1/communities/${id}/scrm/members?tier=vip`);
    expect(vipUp.body.items.map((m: any) => m.userId)).toEqual([a.userId]);
    const handBrew = await s.owner.get(`/api/v1/communities/${id}/scrm/members?tag=${encodeURIComponent('手冲')}`);
    expect(handBrew.body.items.map((m: any) => m.userId).sort()).toEqual([b.userId, c.userId].sort());

    const sent = await s.owner.post(`/api/v1/communities/${id}/scrm/messages`, {
      title: '核心粉丝品鉴会',
      body: '周六下午',
      promotional: false,
      segment: { tiers: ['vip', 'core'], tags: ['手冲'] },
    });
    expect(sent.body.recipients).toBe(1);
    expect((await b.get('/api/v1/me/community-inbox')).body).toMatchObject({
      unread: 1,
      items: [{ title: '核心粉丝品鉴会' }],
    });
    expect((await a.get('/api/v1/me/community-inbox')).body.items).toEqual([]);
    const profile = await s.owner.get(`/api/v1/communities/${id}/scrm/members/${b.userId}`);
    expect(profile.body).toMatchObject({
      tier: 'core',
      tags: expect.arrayContaining(['手冲', '复购']),
      notes: [{ body: '偏好浅烘，送过试饮装' }],
    });
  });
});
