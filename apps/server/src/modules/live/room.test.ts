import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createTestApp } from '../../../test/harness.ts';
import { LIVE, liveSession, liveShop, scheduled, team } from '../../../test/live-factories.ts';
import { signIn } from '../../../test/order-factories.ts';
import { CHAT_PER_MINUTE, chatLimiter, closeChatLimiter } from './chat-limit.ts';

const t = await createTestApp();

describe('pinning', () => {
  it('pins only products of the bag, only while live, one at a time, with a moderated claim', async () => {
    const s = await liveShop(t);
    const waiting = await scheduled(t, s);
    const productId = s.products[0]!.productId;
    const early = await s.owner.post(`${LIVE}/sessions/${waiting}/pin`, { productId });
    expect(early.status).toBe(409);
    expect(early.body.type).toBe('not-live');

    const { id } = await liveSession(t, s);
    const other = await liveShop(t);
    const foreign = await s.owner.post(`${LIVE}/sessions/${id}/pin`, { productId: other.products[0]!.productId });
    expect(foreign.body.type).toBe('product-not-in-session');
    const badClaim = await s.owner.post(`${LIVE}/sessions/${id}/pin`, { productId, claim: '网赌来钱快' });
    expect(badClaim.body.type).toBe('claim-rejected');

    await s.owner.post(`${LIVE}/sessions/${id}/pin`, { productId, claim: '买一送一' });
    const second = await s.owner.post(`${LIVE}/sessions/${id}/pin`, { productId: s.products[1]!.productId });
    expect(second.status).toBe(200);
    const detail = await s.owner.get(`/api/v1/live/sessions/${id}`);
    expect(detail.body.pinned).toMatchObject({ productId: s.products[1]!.productId });
    expect(detail.body.products[0].claim).toBe('买一送一');
    expect((await s.owner.delete(`${LIVE}/sessions/${id}/pin`)).body).toEqual({ pinned: null });
    expect((await s.owner.get(`/api/v1/live/sessions/${id}`)).body.pinned).toBeNull();
  });

  it('a host given the role by phone may start, pin and end; the merchant sees the stream key, a viewer never', async () => {
    const s = await liveShop(t);
    const id = await scheduled(t, s);
    const [host] = await team(t, s, id, ['host']);
    await s.owner.post(`${LIVE}/qualification/real-name`, { name: '李主播', idNumber: '11010519491231002X' });
    expect((await host!.post(`${LIVE}/sessions/${id}/start`)).status).toBe(200);
    const panel = await host!.get(`${LIVE}/sessions/${id}/control`);
    expect(panel.body.stream.streamKey).toEqual(expect.any(String));
    expect(panel.body.session.host.nickname).toEqual(expect.any(String));
    const viewer = await signIn(t);
    expect((await viewer.get(`${LIVE}/sessions/${id}/control`)).status).toBe(403);
    expect(JSON.stringify((await viewer.get(`/api/v1/live/sessions/${id}`)).body)).not.toContain(
      panel.body.stream.streamKey,
    );
    expect((await host!.post(`${LIVE}/sessions/${id}/end`)).status).toBe(200);
  });
});

/** The limiter alone, on a hand-moved clock: in-process here, Redis when REDIS_URL is set (several processes share it). */
function limiterDeps(redisUrl?: string): Deps & { clock: ManualClock } {
  const config = loadConfig({ NODE_ENV: 'test', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) });
  return { config, clock: new ManualClock() } as Deps & { clock: ManualClock };
}

async function exercise(deps: Deps & { clock: ManualClock }) {
  const limiter = chatLimiter(deps);
  const session = `lvs_${Math.random().toString(36).slice(2)}`;
  expect(await limiter.take(session, 'usr_a')).toEqual({ allowed: true });
  expect((await limiter.take(session, 'usr_a')).allowed).toBe(false);
  // Another viewer, and the same viewer in another room, have their own counts.
  expect((await limiter.take(session, 'usr_b')).allowed).toBe(true);
  expect((await limiter.take(`${session}x`, 'usr_a')).allowed).toBe(true);
  await closeChatLimiter(deps);
}

describe('chat limiter', () => {
  it('in one process: a gap of 2 s and at most 20 a minute', async () => {
    const deps = limiterDeps();
    await exercise(deps);
    const limiter = chatLimiter(deps);
    deps.clock.advance(60_000 - (deps.clock.now().getTime() % 60_000));
    let allowed = 0;
    for (let i = 0; i < CHAT_PER_MINUTE + 5; i++) {
      if ((await limiter.take('lvs_minute', 'usr_a')).allowed) allowed++;
      deps.clock.advance(2_000);
    }
    expect(allowed).toBe(CHAT_PER_MINUTE);
  });

  it.skipIf(!process.env.REDIS_URL)('through Redis: the gap holds across limiter instances (processes)', async () => {
    const one = limiterDeps(process.env.REDIS_URL);
    const two = limiterDeps(process.env.REDIS_URL);
    await exercise(one);
    const session = `lvs_${Math.random().toString(36).slice(2)}`;
    expect((await chatLimiter(one).take(session, 'usr_a')).allowed).toBe(true);
    expect((await chatLimiter(two).take(session, 'usr_a')).allowed).toBe(false);
    await closeChatLimiter(one);
    await closeChatLimiter(two);
  });
});
