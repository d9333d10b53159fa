import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/harness.ts';
import { Client } from '../../test/http.ts';
import { DEMO_ACCOUNTS, seedIfEmpty } from './seed.ts';

const t = await createTestApp();
const anon = new Client(t);

/** Every image URL in a JSON body: values under keys that hold images. */
function imageUrls(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return /image|logo|avatar|icon/i.test(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => imageUrls(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => imageUrls(v, k));
  return [];
}

describe('demo data', () => {
  // The timeout only guards against a hang: CI runs the seed beside ~100 other test files on two cores (the PGlite
  // and PostgreSQL passes at once), where it took 290 s on PGlite and failed the old 240 s limit.
  it('seeds a fresh database through the real services, once', { timeout: 900_000 }, async () => {
    const lines: string[] = [];
    const summary = await seedIfEmpty(t.deps, (line) => lines.push(line));
    expect(summary).toBeDefined();
    expect(summary!.merchants).toBeGreaterThanOrEqual(8);
    expect(summary!.products).toBeGreaterThanOrEqual(300);
    expect(summary!.consumers).toBeGreaterThanOrEqual(50);
    expect(summary!.reviews).toBeGreaterThanOrEqual(1);
    expect(lines).toContain(`[seed] 商品 ${summary!.products}/${summary!.products}`);
    // A second start finds merchants and leaves the data alone.
    expect(await seedIfEmpty(t.deps, () => undefined)).toBeUndefined();
    console.log(`seed: ${JSON.stringify(summary)}`);
  });

  it('lets the demo accounts log in with their roles', async () => {
    const roles: string[][] = [];
    for (const a of DEMO_ACCOUNTS) {
      const res = await anon.post('/api/v1/auth/login/password', { phone: a.phone, password: a.password });
      expect(res.status).toBe(200);
      roles.push([...res.body.user.roles, ...res.body.user.staff.map((s: { role: string }) => `staff:${s.role}`)]);
    }
    expect(roles).toEqual([['consumer'], ['consumer', 'staff:owner'], ['consumer', 'operator', 'super_admin']]);
  });

  it('lists ≥ 300 products in all six categories, every image local, with real sales and ratings', async () => {
    const operator = await anon.post('/api/v1/auth/login/password', { phone: '13800000003', password: 'haowu123' });
    const admin = new Client(t, operator.body.token);
    const merchants = await admin.get('/api/v1/admin/merchants?limit=50');
    expect(merchants.status).toBe(200);
    expect(merchants.body.items.length).toBeGreaterThanOrEqual(8);
    expect(merchants.body.items.every((m: { description: string }) => m.description.includes('演示数据'))).toBe(true);

    const categories = ['cat_beauty', 'cat_apparel', 'cat_home', 'cat_food', 'cat_digital', 'cat_baby'];
    let total = 0;
    const ids: string[] = [];
    const urls: string[] = imageUrls(merchants.body);
    let sold = 0;
    let rated = 0;
    for (const categoryId of categories) {
      let cursor: string | null = null;
      let inCategory = 0;
      do {
        const page: any = await anon.get(
          `/api/v1/products?categoryId=${categoryId}&limit=50${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.status, JSON.stringify(page.body)).toBe(200);
        inCategory += page.body.items.length;
        ids.push(...page.body.items.map((p: { id: string }) => p.id));
        urls.push(...imageUrls(page.body));
        sold += page.body.items.filter((p: { salesCount: number }) => p.salesCount > 0).length;
        rated += page.body.items.filter((p: { rating: { count: number } }) => p.rating.count > 0).length;
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(inCategory, categoryId).toBeGreaterThanOrEqual(40);
      total += inCategory;
    }
    expect(total).toBeGreaterThanOrEqual(300);
    // A marketplace a week into a campaign: most products have real sales (orders walked through payment).
    expect(sold).toBeGreaterThan(total * 0.75);
    expect(rated).toBeGreaterThan(0);
    // Every image of every product page, not just the cards.
    for (const id of ids) {
      const detail = await anon.get(`/api/v1/products/${id}`);
      expect(detail.status).toBe(200);
      expect(detail.body.images.length).toBeGreaterThanOrEqual(3);
      expect(detail.body.skus.length).toBeGreaterThanOrEqual(2);
      expect(detail.body.skus.length).toBeLessThanOrEqual(8);
      urls.push(...imageUrls(detail.body));
    }
    expect(urls.length).toBeGreaterThan(1000);
    expect(urls.filter((u) => !u.startsWith('/media/'))).toEqual([]);
    // Product pictures are generated product art, not labelled placeholders.
    expect(urls.filter((u) => u.includes('/media/placeholder/') && !/avatar|shop-|pm-|charity/.test(u))).toEqual([]);
  });

  it('has reviewed, verified orders for the demo consumer', async () => {
    const login = await anon.post('/api/v1/auth/login/password', { phone: '13800000001', password: 'haowu123' });
    const me = new Client(t, login.body.token);
    const reviews = await me.get('/api/v1/me/reviews');
    expect(reviews.body.items.length).toBeGreaterThanOrEqual(1);
    const productId = reviews.body.items[0].productId;
    expect((await anon.get(`/api/v1/products/${productId}/reviews/verify`)).body).toMatchObject({ ok: true });
    const orders = await me.get('/api/v1/orders?limit=20');
    const statuses = new Set(orders.body.items.map((o: { status: string }) => o.status));
    expect(statuses).toEqual(new Set(['completed', 'delivered', 'shipped', 'paid']));
    expect((await me.get('/api/v1/me/addresses')).body.items.length).toBeGreaterThanOrEqual(1);
  });
});

describe('live demo data', () => {
  it('has one session live with a pin, one upcoming and one replay with clips — and no invented audience', async () => {
    const tab = async (name: string) =>
      (await anon.get(`/api/v1/live/sessions?tab=${name}`)).body.items as { id: string; title: string }[];
    const [live, upcoming, replay] = [await tab('live'), await tab('upcoming'), await tab('replay')];
    expect([live.length, upcoming.length, replay.length]).toEqual([1, 1, 1]);
    for (const s of [...live, ...upcoming, ...replay]) expect(s.title).toContain('演示');
    const room = (await anon.get(`/api/v1/live/sessions/${live[0]!.id}`)).body;
    expect(room).toMatchObject({
      status: 'live',
      likes: 0,
      gmv: 0,
      playbackUrl: '/live-sample/sample.webm',
      badges: { realName: true },
    });
    expect(room.pinned).not.toBeNull();
    // Simulated viewers are apart and labelled (演示观众); the real online count stays honest.
    expect(room.viewerCount).toBe(0);
    expect(room.demoViewerCount).toBeGreaterThan(0);
    expect((await anon.get(`/api/v1/live/sessions/${upcoming[0]!.id}`)).body).toMatchObject({
      status: 'scheduled',
      remindersCount: 0,
    });
    const replayed = (await anon.get(`/api/v1/live/sessions/${replay[0]!.id}`)).body;
    expect(replayed.clips.map((c: { offsetSeconds: number }) => c.offsetSeconds)).toEqual([180, 720, 1260]);
  });
});

describe('campaign demo data', () => {
  const channel = async () =>
    (await anon.get('/api/v1/flash-sales')).body.slots as { state: string; title: string; endsAt: string }[];

  it('has a 秒杀 slot running now and one coming up, marked 演示', async () => {
    const slots = await channel();
    expect(slots.some((s) => s.state === 'live')).toBe(true);
    expect(slots.some((s) => s.state === 'upcoming')).toBe(true);
    for (const s of slots) expect(s.title).toContain('演示');
  });

  it('shows group buys forming: demo consumers opened and paid a group each, 还差 1 人, no padded seats', async () => {
    const owner = new Client(
      t,
      (await anon.post('/api/v1/auth/login/password', { phone: '13800000002', password: 'haowu123' })).body.token,
    );
    const campaigns = (await owner.get('/api/v1/merchant/group-buy/campaigns')).body.items as {
      productId: string;
      groupSize: number;
    }[];
    const campaign = campaigns.find((c) => c.groupSize === 2)!;
    const offer = (await anon.get(`/api/v1/products/${campaign.productId}/group-buys`)).body.items[0];
    expect(offer.openGroups.length).toBe(3);
    for (const g of offer.openGroups) {
      expect(g).toMatchObject({ status: 'open', size: 2, paidCount: 1, seatsTaken: 1, seatsLeft: 1 });
      expect(g.members).toHaveLength(1);
      expect(g.members[0]).toMatchObject({ isLeader: true, status: 'paid' });
    }
    // Three different real accounts, none of them the demo logins a visitor uses to join.
    expect(new Set(offer.openGroups.map((g: { leaderNickname: string }) => g.leaderNickname)).size).toBe(3);
    const demo = new Client(
      t,
      (await anon.post('/api/v1/auth/login/password', { phone: '13800000001', password: 'haowu123' })).body.token,
    );
    expect((await demo.get('/api/v1/group-buy/mine')).body.items).toEqual([]);
  });

  it('rolls the slots with the clock: a start days later still opens on a running and an upcoming slot', async () => {
    t.clock.advanceDays(3);
    await t.runJobs();
    expect((await channel()).some((s) => s.state === 'live')).toBe(false);
    expect(await seedIfEmpty(t.deps, () => undefined)).toBeUndefined();
    const slots = await channel();
    expect(slots.filter((s) => s.state === 'live').length).toBeGreaterThanOrEqual(1);
    expect(slots.filter((s) => s.state === 'upcoming').length).toBeGreaterThanOrEqual(1);
    // Starting again at the same moment adds nothing.
    await seedIfEmpty(t.deps, () => undefined);
    expect((await channel()).length).toBe(slots.length);
  });
});
