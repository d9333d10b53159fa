import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../test/harness.ts';
import { Client, loginByCode, nextPhone } from '../test/http.ts';
import { buyer, shop } from '../test/order-factories.ts';
import { createLogger } from './bootstrap.ts';
import { loadConfig } from './config.ts';

// Issue 13, finding 2: with REDIS_URL pointing at a dead Redis, login answered 500 after 95 s, SMS codes hung and
// flash purchases failed, while health said ok. Redis is now an accelerator: a closed port (nothing listens on 1)
// must leave every one of these working on the in-process fall-backs, and health must say degraded. The tests
// assert outcomes; every request here completing at all is the "bounded time" (vitest's timeout is the backstop).

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(String(chunk));
    done();
  },
});
const t = await createTestApp(
  { REDIS_URL: 'redis://127.0.0.1:1' },
  { log: createLogger(loadConfig({ LOG_LEVEL: 'warn' }), sink) },
);
let ipSeq = 0;
const fromNewAddress = () => new Client(t).withHeaders({ 'x-forwarded-for': `10.88.${ipSeq >> 8}.${ipSeq++ & 255}` });

describe('Redis configured but down', () => {
  it('signs in with an SMS code and with a password', async () => {
    const phone = nextPhone();
    const sent = await fromNewAddress().post('/api/v1/auth/sms-codes', { phone });
    expect(sent.status).toBe(200);
    const user = await loginByCode(t);
    expect((await user.put('/api/v1/me/password', { password: 'redis-down-2026' })).status).toBe(204);
    const wrong = await fromNewAddress().post('/api/v1/auth/login/password', {
      phone: user.phone,
      password: 'nope-1234',
    });
    expect(wrong.status).toBe(400);
    const right = await fromNewAddress().post('/api/v1/auth/login/password', {
      phone: user.phone,
      password: 'redis-down-2026',
    });
    expect(right.status).toBe(200);
  });

  it('still limits per address, in process, rather than switching the limit off', async () => {
    const sameAddress = new Client(t).withHeaders({ 'x-forwarded-for': '10.99.0.1' });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push(
        (await sameAddress.post('/api/v1/auth/login/password', { phone: nextPhone(), password: 'guess-1234' })).status,
      );
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('sells in a flash sale (the stock gate is the database, not Redis)', async () => {
    const s = await shop(t, { price: 19_900, stock: 10 });
    const startsAt = new Date(t.clock.now().getTime() + 60_000).toISOString();
    const endsAt = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const created = await s.owner.post('/api/v1/merchant/flash-sales', {
      title: 'Redis 停机也能抢',
      startsAt,
      endsAt,
      items: [{ skuId: s.skuId, flashPrice: 9_900, quantity: 2, perUserLimit: 1 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const itemId = created.body.items[0].itemId as string;
    const people = await Promise.all([buyer(t), buyer(t), buyer(t)]);
    t.clock.advanceMinutes(2);
    const results = await Promise.all(
      people.map((b, i) =>
        b.request(
          'POST',
          `/api/v1/flash-sales/items/${itemId}/purchase`,
          {},
          { 'idempotency-key': crypto.randomUUID(), 'x-forwarded-for': `10.98.0.${i}` },
        ),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409]);
  });

  it('hands realtime messages to this process’s own subscribers', async () => {
    const got = new Promise<unknown>((resolve) => t.deps.realtime.subscribe('test:redis-down', resolve));
    await t.deps.realtime.ready();
    await t.deps.realtime.publish('test:redis-down', { hello: '好物' });
    expect(await got).toEqual({ hello: '好物' });
  });

  it('reports Redis as degraded in health, with the database fine', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'degraded',
      database: { ok: true },
      redis: { configured: true, ok: false, fallback: 'in-process' },
    });
  });

  it('said so once in the log, as a structured warning', () => {
    const warnings = lines
      .map((l) => JSON.parse(l) as { event?: string; role?: string; level: number })
      .filter((l) => l.event === 'redis.unavailable' && l.role === 'rate limits');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe(40);
  });
});
