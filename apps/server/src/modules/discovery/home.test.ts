import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { liveSession } from '../../../test/live-factories.ts';
import { shop, signIn } from '../../../test/order-factories.ts';

const t = await createTestApp();

type Reason = { kind: string; text: string; detail: string };
type Entry =
  | { kind: 'product'; product: { productId: string; reason: Reason } }
  | { kind: 'post'; post: { id: string; title: string; sponsor: { label: string } | null }; reason: Reason }
  | { kind: 'live'; live: { id: string; title: string }; reason: Reason };

const home = async (who: Client, cursor?: string) => {
  const res = await who.get(`/api/v1/discovery/home?limit=20${cursor ? `&cursor=${cursor}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { personalised: boolean; entries: Entry[]; nextCursor: string | null };
};
const reasonOf = (e: Entry) => (e.kind === 'product' ? e.product.reason : e.reason);
const nicknameOf = async (who: Client) => ((await who.get('/api/v1/me')).body as { nickname: string }).nickname;
const follow = async (who: Client, userId: string) => {
  expect((await who.put(`/api/v1/follows/user/${userId}`, { on: true })).status).toBe(200);
  await t.drain(); // follow.created, dispatched on commit in a running server
};
const publish = async (author: Client, title: string) => {
  const res = await author.post('/api/v1/posts', {
    kind: 'image_text',
    title,
    body: '上身效果很好',
    images: ['/media/u/ab/med_look.jpg'],
    productIds: [],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
};

// Enough products that every page has its product places filled.
for (let i = 0; i < 12; i++) await shop(t, { name: `混排店 ${i}`, title: `混排好物 ${i} 号` });
await t.drain();

describe('the home feed mixes products, posts and live sessions, each with its reason', () => {
  it("a followed creator's live session comes first, naming them; before the follow it is only a busy room", async () => {
    const { shop: s, id } = await liveSession(t);
    await t.drain();
    const viewer = await signIn(t);

    const before = (await home(viewer)).entries.find((e) => e.kind === 'live' && e.live.id === id);
    expect(before && reasonOf(before).kind).toBe('live');
    expect(before && reasonOf(before).text).toMatch(/^正在直播/);

    await follow(viewer, s.owner.userId);
    const after = await home(viewer);
    expect(after.personalised).toBe(true);
    expect(after.entries[0]).toMatchObject({
      kind: 'live',
      live: { id },
      reason: { kind: 'following', text: `你关注的 @${await nicknameOf(s.owner)} 正在直播` },
    });
    expect(after.entries.filter((e) => e.kind === 'product').length).toBeGreaterThan(0);
  });

  it("a followed creator's post shows with their name; a brand-paid one is labelled 广告, never in the first 3 places and at most one in 10", async () => {
    const creator = await signIn(t);
    const s = await shop(t, { name: '合作品牌' });
    const sponsored: string[] = [];
    for (const title of ['合作款开衫', '合作款衬衫', '合作款风衣']) {
      const postId = await publish(creator, title);
      const deal = await s.owner.post('/api/v1/merchant/partnerships', {
        creatorId: creator.userId,
        title: `${title}推广`,
        feeAmount: 100_000,
        postId,
      });
      expect(deal.status, JSON.stringify(deal.body)).toBe(201);
      sponsored.push(postId);
      t.clock.advance(1000);
    }
    const organic = await publish(creator, '自己买的通勤包');
    await t.drain();
    const viewer = await signIn(t);
    await follow(viewer, creator.userId);

    const first = await home(viewer);
    const second = await home(viewer, first.nextCursor!);
    const entries = [...first.entries, ...second.entries];
    const positions = entries.flatMap((e, i) => (e.kind === 'post' && e.post.sponsor ? [i] : []));
    expect(positions.length).toBeGreaterThan(0);
    for (const i of positions) {
      const e = entries[i]!;
      expect(e.kind === 'post' && sponsored.includes(e.post.id) && e.post.sponsor?.label).toBe('广告');
      expect(i).toBeGreaterThanOrEqual(3);
    }
    for (let k = 1; k < positions.length; k++) expect(positions[k]! - positions[k - 1]!).toBeGreaterThanOrEqual(10);
    const own = entries.find((e) => e.kind === 'post' && e.post.id === organic);
    expect(own && reasonOf(own).text).toBe(`你关注的 @${await nicknameOf(creator)} 发布了笔记`);
    expect(own?.kind === 'post' && own.post.sponsor).toBeNull();
    // Scrolling on never repeats an entry.
    const keys = entries.map((e) =>
      e.kind === 'product' ? e.product.productId : e.kind === 'post' ? e.post.id : e.live.id,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('with personalisation off the feed carries no personal reason and equals the signed-out one', async () => {
    const { shop: s } = await liveSession(t);
    const creator = await signIn(t);
    await publish(creator, '周末露营清单');
    await t.drain();
    const viewer = await signIn(t);
    await follow(viewer, s.owner.userId);
    await follow(viewer, creator.userId);
    expect((await home(viewer)).entries.some((e) => reasonOf(e).kind === 'following')).toBe(true);

    expect((await viewer.put('/api/v1/me/recommendation-settings', { personalised: false })).status).toBe(200);
    const off = await home(viewer);
    expect(off.personalised).toBe(false);
    const kinds = new Set(off.entries.map((e) => reasonOf(e).kind));
    for (const k of ['following', 'topic', 'social', 'together', 'similar', 'category'])
      expect(kinds.has(k)).toBe(false);
    expect(off.entries.some((e) => e.kind === 'live')).toBe(true);
    expect(off.entries.some((e) => e.kind === 'post')).toBe(true);
    const anon = await home(new Client(t));
    expect(off.entries).toEqual(anon.entries);
  });
});
