import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { shop, signIn } from '../../../test/order-factories.ts';
import { makeCtx } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { joinCommunity, createMerchantCommunity } from './membership.ts';
import { merchantMembership } from '../accounts/api.ts';

/** Real parallel requests; on PostgreSQL (TEST_DATABASE_URL) they truly race on the group and community rows. */
const t = await createTestApp();

const staffCtx = (s: Awaited<ReturnType<typeof shop>>) =>
  makeCtx(t.deps, {
    kind: 'user',
    userId: s.owner.userId,
    sessionId: 'test',
    roles: ['consumer'],
    staff: [merchantMembership(s.merchantId, 'owner')],
  });

async function groupsOf(s: Awaited<ReturnType<typeof shop>>, communityId: string) {
  const res = await s.owner.get('/api/v1/merchant/communities');
  return res.body.items.find((c: any) => c.id === communityId).groups as {
    seq: number;
    memberCount: number;
    capacity: number;
  }[];
}

describe('groups under concurrent joins', () => {
  it('42 people joining 5-seat groups at once fill groups 1–8 with 5 and group 9 with 2; nobody is seated twice', async () => {
    const s = await shop(t);
    // Tests only: a small group size stands in for the 500 rule so the race is cheap to run.
    const { id } = await createMerchantCommunity(staffCtx(s), {
      name: '小群测试',
      description: '',
      admission: 'open',
      groupCapacity: 5,
    });
    const people = await Promise.all(Array.from({ length: 42 }, () => signIn(t)));

    const results = await Promise.all(people.map((p) => p.post(`/api/v1/communities/${id}/join`)));
    expect(results.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
    expect(results.every((r) => r.body.status === 'joined')).toBe(true);

    const groups = await groupsOf(s, id);
    expect(groups.map((g) => g.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(groups.map((g) => g.memberCount)).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 2]);
    const seatsByGroup = new Map<string, number>();
    for (const r of results) seatsByGroup.set(r.body.groupId, (seatsByGroup.get(r.body.groupId) ?? 0) + 1);
    expect([...seatsByGroup.values()].every((n) => n <= 5)).toBe(true);

    const members = await s.owner.get(`/api/v1/communities/${id}/scrm/members?limit=100`);
    expect(members.body.items).toHaveLength(42);
    expect(new Set(members.body.items.map((m: any) => m.userId)).size).toBe(42);
    expect((await people[0]!.get(`/api/v1/communities/${id}`)).body.memberCount).toBe(42);
  });

  it('the same person tapping join five times at once is seated once', async () => {
    const s = await shop(t);
    const { id } = await createMerchantCommunity(staffCtx(s), {
      name: '连点测试',
      description: '',
      admission: 'open',
      groupCapacity: 5,
    });
    const u = await signIn(t);
    const results = await Promise.all(Array.from({ length: 5 }, () => u.post(`/api/v1/communities/${id}/join`)));
    const joined = results.filter((r) => r.status === 200);
    expect(new Set(joined.map((r) => r.body.groupId)).size).toBe(1);
    expect((await groupsOf(s, id)).map((g) => g.memberCount)).toEqual([1]);
  });

  it('with the product rule of 500, the 501st to 520th joiners land in group 2', async () => {
    const s = await shop(t);
    const { id } = await createMerchantCommunity(staffCtx(s), {
      name: '五百人大群',
      description: '',
      admission: 'open',
    });
    // 520 distinct people join in parallel through the join use-case (sessions for 520 logins would only slow this down).
    const join = () =>
      joinCommunity(
        makeCtx(t.deps, { kind: 'user', userId: newId('usr'), sessionId: 'test', roles: ['consumer'], staff: [] }),
        id,
      );
    const results = [];
    for (let batch = 0; batch < 4; batch++) results.push(...(await Promise.all(Array.from({ length: 130 }, join))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await groupsOf(s, id)).map((g) => [g.seq, g.memberCount, g.capacity])).toEqual([
      [1, 500, 500],
      [2, 20, 500],
    ]);
  });

  it('a seat freed by a leaver is taken by the next joiner before a new group opens', async () => {
    const s = await shop(t);
    const { id } = await createMerchantCommunity(staffCtx(s), {
      name: '空位测试',
      description: '',
      admission: 'open',
      groupCapacity: 2,
    });
    const [a, b, c, d] = await Promise.all([signIn(t), signIn(t), signIn(t), signIn(t)]);
    for (const u of [a, b, c]) await u.post(`/api/v1/communities/${id}/join`);
    await a.post(`/api/v1/communities/${id}/leave`);
    await d.post(`/api/v1/communities/${id}/join`);
    expect((await groupsOf(s, id)).map((g) => g.memberCount)).toEqual([2, 1]);
  });
});

describe('caps under concurrency', () => {
  it('eight promotional announcements at once: exactly 3 go out, 5 are refused push-cap-reached', async () => {
    const s = await shop(t);
    const { id } = await createMerchantCommunity(staffCtx(s), { name: '推送测试', description: '', admission: 'open' });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        s.owner.post(`/api/v1/communities/${id}/announcements`, {
          title: `限时特惠 ${i}`,
          body: '今晚 8 点',
          promotional: true,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(5);
    expect(refused.every((r) => r.body.type === 'push-cap-reached')).toBe(true);
    expect((await s.owner.get(`/api/v1/communities/${id}/push-calendar`)).body.pushes.map((p: any) => p.slot)).toEqual([
      1, 2, 3,
    ]);
  });

  it('a meetup with 3 places and 10 members signing up at once seats exactly 3', async () => {
    const s = await shop(t);
    const { id } = await createMerchantCommunity(staffCtx(s), {
      name: '见面会测试',
      description: '',
      admission: 'open',
    });
    const meetup = await s.owner.post(`/api/v1/communities/${id}/meetups`, {
      title: '杭州茶山徒步',
      location: '杭州市西湖区龙井村',
      startsAt: new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString(),
      capacity: 3,
    });
    expect(meetup.status, JSON.stringify(meetup.body)).toBe(201);
    const people = await Promise.all(Array.from({ length: 10 }, () => signIn(t)));
    for (const p of people) await p.post(`/api/v1/communities/${id}/join`);
    const results = await Promise.all(people.map((p) => p.post(`/api/v1/community-meetups/${meetup.body.id}/signup`)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.type === 'meetup-full')).toBe(true);
    const listed = await people[0]!.get(`/api/v1/communities/${id}/meetups`);
    expect(listed.body.items[0]).toMatchObject({ capacity: 3, signedUp: 3, open: false });
  });
});
