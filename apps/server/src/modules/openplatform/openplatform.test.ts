import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { sandboxPaidOrder } from '../../../test/flows.ts';
import { merchant } from '../../../test/order-factories.ts';
import { product } from '../../../test/factories.ts';
import { RETRY_AFTER_SECONDS } from './delivery.ts';
import { SCOPES } from './scopes.ts';

// A client signs the way docs/OPEN-PLATFORM.md tells integrators to: written here from the document, not imported,
// so a server-side change to the scheme breaks this test.
function signedHeaders(
  key: { id: string; secret: string },
  method: string,
  path: string,
  body: string,
  at: Date,
  nonce = randomBytes(16).toString('hex'),
) {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const canonical = [method, path, timestamp, nonce, bodyHash].join('\n');
  return {
    'x-haowu-key': key.id,
    'x-haowu-timestamp': timestamp,
    'x-haowu-nonce': nonce,
    'x-haowu-signature': createHmac('sha256', key.secret).update(canonical).digest('hex'),
  };
}

/** A receiver verifies `t=…,v1=…` like the developer page's snippet does. */
function verifyWebhook(secret: string, header: string, rawBody: string, nowSeconds: number): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || Math.abs(nowSeconds - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A real HTTP receiver on loopback that answers with whatever status the test sets. */
async function receiver() {
  const got: Received[] = [];
  const state = { status: 200 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(state.status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { got, state, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

async function call(
  key: { id: string; secret: string },
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
  opts: { at?: Date; nonce?: string; sendBody?: string } = {},
) {
  const raw = body === undefined ? '' : JSON.stringify(body);
  const res = await t.app.inject({
    method,
    url: path,
    headers: {
      ...signedHeaders(key, method, path, raw, opts.at ?? t.clock.now(), opts.nonce),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { payload: opts.sendBody ?? raw } : {}),
  });
  return { status: res.statusCode, body: res.json<any>() };
}

describe('API keys', () => {
  it('every scope opens only existing merchant routes', () => {
    const table = new Map(t.app.routeTable.map((r) => [`${r.method} ${r.url}`, r.permission]));
    for (const def of Object.values(SCOPES)) {
      for (const route of def.routes) expect([route, table.get(route)?.startsWith('merchant:')]).toEqual([route, true]);
    }
  });

  it('authenticates signed requests and refuses tampered, expired, replayed, revoked and unknown ones', async () => {
    const m = await merchant(t);
    await product(t, m.owner, m.merchantId, { title: '开放平台测试商品' });
    const created = await m.owner.post('/api/v1/merchant/open-platform/keys', {
      name: 'ERP',
      scopes: ['products:read'],
    });
    expect(created.status).toBe(200);
    const key = { id: created.body.id as string, secret: created.body.secret as string };
    expect(key.secret).toMatch(/^hsk_/);
    const listed = await m.owner.get('/api/v1/merchant/open-platform/keys');
    expect(listed.body.items[0]).not.toHaveProperty('secret');
    expect(listed.body.items[0].lastUsedAt).toBeNull();

    const ok = await call(key, 'GET', '/api/v1/merchant/products?limit=5');
    expect(ok.status).toBe(200);
    expect(ok.body.items.map((p: { title: string }) => p.title)).toEqual(['开放平台测试商品']);
    const used = await m.owner.get('/api/v1/merchant/open-platform/keys');
    expect(used.body.items[0].lastUsedAt).toBe(t.clock.now().toISOString());

    const nonce = randomBytes(16).toString('hex');
    expect((await call(key, 'GET', '/api/v1/merchant/products', undefined, { nonce })).status).toBe(200);
    const replayed = await call(key, 'GET', '/api/v1/merchant/products', undefined, { nonce });
    expect([replayed.status, replayed.body.type]).toEqual([401, 'signature-replayed']);

    const expired = await call(key, 'GET', '/api/v1/merchant/products', undefined, {
      at: new Date(t.clock.now().getTime() - 6 * 60_000),
    });
    expect([expired.status, expired.body.type, expired.body.title]).toEqual([401, 'signature-expired', '请求已过期']);

    const wrongSecret = await call({ id: key.id, secret: 'hsk_not-the-secret' }, 'GET', '/api/v1/merchant/products');
    expect([wrongSecret.status, wrongSecret.body.type]).toEqual([401, 'signature-invalid']);
    const unknown = await call({ id: 'hk_unknown', secret: key.secret }, 'GET', '/api/v1/merchant/products');
    expect([unknown.status, unknown.body.type]).toEqual([401, 'api-key-invalid']);

    // A body changed after signing: the key may write products, the request still must not go through.
    const writer = await m.owner.post('/api/v1/merchant/open-platform/keys', {
      name: 'WMS',
      scopes: ['products:read', 'products:write'],
    });
    const wkey = { id: writer.body.id as string, secret: writer.body.secret as string };
    const before = await call(wkey, 'GET', '/api/v1/merchant/products');
    const productId = before.body.items[0].id as string;
    const tampered = await call(
      wkey,
      'PATCH',
      `/api/v1/merchant/products/${productId}`,
      { title: '签名时的标题' },
      {
        sendBody: JSON.stringify({ title: '被篡改的标题' }),
      },
    );
    expect([tampered.status, tampered.body.type]).toEqual([401, 'signature-invalid']);
    const renamed = await call(wkey, 'PATCH', `/api/v1/merchant/products/${productId}`, { title: '签名时的标题' });
    expect([renamed.status, renamed.body.title]).toEqual([200, '签名时的标题']);

    const revoked = await m.owner.post(`/api/v1/merchant/open-platform/keys/${key.id}/revoke`);
    expect(revoked.body.revokedAt).not.toBeNull();
    const afterRevoke = await call(key, 'GET', '/api/v1/merchant/products');
    expect([afterRevoke.status, afterRevoke.body.type]).toEqual([401, 'api-key-invalid']);
  });

  it('holds a key to its scopes with a Chinese 403, whatever its merchant may do', async () => {
    const m = await merchant(t);
    const created = await m.owner.post('/api/v1/merchant/open-platform/keys', {
      name: '只读',
      scopes: ['orders:read'],
    });
    const key = { id: created.body.id as string, secret: created.body.secret as string };
    expect((await call(key, 'GET', '/api/v1/merchant/orders')).status).toBe(200);
    const write = await call(key, 'POST', '/api/v1/merchant/orders/ord_x/ship', {
      carrier: '顺丰速运',
      trackingNo: 'SF1',
    });
    expect(write).toMatchObject({
      status: 403,
      body: { type: 'scope-missing', title: 'API 密钥没有调用此接口的权限' },
    });
    expect(write.body.detail).toContain('orders:write');
    const products = await call(key, 'GET', '/api/v1/merchant/products');
    expect([products.status, products.body.type]).toEqual([403, 'scope-missing']);
    // Keys never manage keys, and never reach routes outside the open platform's list (finance, profile …).
    for (const path of ['/api/v1/merchant/open-platform/keys', '/api/v1/merchant/finance', '/api/v1/me']) {
      const res = await call(key, 'GET', path);
      expect([path, res.status, res.body.type]).toEqual([path, 403, 'scope-missing']);
    }
    // A signature on a bad input changes nothing and is refused before any lookup.
    const bad = await m.owner.post('/api/v1/merchant/open-platform/keys', { name: '', scopes: ['orders:fly'] });
    expect(bad.status).toBe(400);
    expect((await m.owner.get('/api/v1/merchant/open-platform/keys')).body.items).toHaveLength(1);
  });

  it('limits each key to its own requests per minute', async () => {
    const m = await merchant(t);
    const created = await m.owner.post('/api/v1/merchant/open-platform/keys', {
      name: '限流',
      scopes: ['orders:read'],
      rateLimitPerMinute: 10,
    });
    const key = { id: created.body.id as string, secret: created.body.secret as string };
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await call(key, 'GET', '/api/v1/merchant/orders')).status);
    expect(statuses).toEqual([...Array<number>(10).fill(200), 429]);
    const other = await m.owner.post('/api/v1/merchant/open-platform/keys', {
      name: '另一把',
      scopes: ['orders:read'],
    });
    const otherKey = { id: other.body.id as string, secret: other.body.secret as string };
    expect((await call(otherKey, 'GET', '/api/v1/merchant/orders')).status).toBe(200);
  });

  it('keeps the old secret valid through the rotation grace period only', async () => {
    const m = await merchant(t);
    const created = await m.owner.post('/api/v1/merchant/open-platform/keys', {
      name: '轮换',
      scopes: ['orders:read'],
    });
    const old = { id: created.body.id as string, secret: created.body.secret as string };
    const rotated = await m.owner.post(`/api/v1/merchant/open-platform/keys/${old.id}/rotate`, { graceHours: 24 });
    const fresh = { id: old.id, secret: rotated.body.secret as string };
    expect(fresh.secret).not.toBe(old.secret);
    expect(rotated.body.previousSecretExpiresAt).toBe(new Date(t.clock.now().getTime() + 24 * 3_600_000).toISOString());
    expect((await call(old, 'GET', '/api/v1/merchant/orders')).status).toBe(200);
    expect((await call(fresh, 'GET', '/api/v1/merchant/orders')).status).toBe(200);
    t.clock.advanceHours(24);
    t.clock.advance(1000);
    expect((await call(old, 'GET', '/api/v1/merchant/orders')).body.type).toBe('signature-invalid');
    expect((await call(fresh, 'GET', '/api/v1/merchant/orders')).status).toBe(200);

    const now = await m.owner.post(`/api/v1/merchant/open-platform/keys/${old.id}/rotate`, { graceHours: 0 });
    expect((await call(fresh, 'GET', '/api/v1/merchant/orders')).body.type).toBe('signature-invalid');
    expect((await call({ id: old.id, secret: now.body.secret }, 'GET', '/api/v1/merchant/orders')).status).toBe(200);
  });

  it('lets only the owner manage keys', async () => {
    const m = await merchant(t);
    const stranger = await merchant(t, '别家店');
    const created = await m.owner.post('/api/v1/merchant/open-platform/keys', { name: 'A', scopes: ['orders:read'] });
    const res = await stranger.owner.post(`/api/v1/merchant/open-platform/keys/${created.body.id}/revoke`);
    expect(res.status).toBe(404);
  });
});

describe('webhooks', () => {
  it('delivers a paid order signed from the outbox, logs it, and replays it on demand', async () => {
    const r = await receiver();
    try {
      const m = await merchant(t);
      const hook = await m.owner.post('/api/v1/merchant/open-platform/webhooks', {
        url: r.url,
        eventTypes: ['order.paid'],
        description: 'ERP',
      });
      expect(hook.status).toBe(200);
      const secret = hook.body.secret as string;
      const o = await sandboxPaidOrder(t, { merchant: m });
      expect(r.got).toHaveLength(0); // the request path only queued it
      await t.runJobs();
      expect(r.got).toHaveLength(1);
      const got = r.got[0]!;
      const nowSeconds = Math.floor(t.clock.now().getTime() / 1000);
      expect(verifyWebhook(secret, got.headers['x-haowu-signature'] as string, got.body, nowSeconds)).toBe(true);
      expect(
        verifyWebhook(secret, got.headers['x-haowu-signature'] as string, got.body.replace('"', ' "'), nowSeconds),
      ).toBe(false);
      expect(verifyWebhook('whsec_other', got.headers['x-haowu-signature'] as string, got.body, nowSeconds)).toBe(
        false,
      );
      expect(verifyWebhook(secret, got.headers['x-haowu-signature'] as string, got.body, nowSeconds + 301)).toBe(false);
      const body = JSON.parse(got.body);
      expect(body).toMatchObject({ type: 'order.paid', merchantId: m.merchantId, data: { orderId: o.orderId } });
      expect(body.data).not.toHaveProperty('userId');

      const log = await m.owner.get(`/api/v1/merchant/open-platform/webhooks/${hook.body.id}/deliveries`);
      expect(log.body.items).toHaveLength(1);
      const delivery = log.body.items[0];
      expect(delivery).toMatchObject({ status: 'succeeded', lastStatusCode: 200, eventType: 'order.paid' });
      expect(delivery.log).toMatchObject([{ trigger: 'automatic', statusCode: 200, error: null }]);

      // Redelivering the outbox event does not queue it twice; a replay sends the same id again.
      await t.runJobs();
      expect(r.got).toHaveLength(1);
      expect((await m.owner.post(`/api/v1/merchant/open-platform/deliveries/${delivery.id}/replay`)).status).toBe(200);
      await t.runJobs();
      expect(r.got).toHaveLength(2);
      expect(JSON.parse(r.got[1]!.body).id).toBe(body.id);
      const after = await m.owner.get(`/api/v1/merchant/open-platform/webhooks/${hook.body.id}/deliveries`);
      expect(after.body.items[0].log.map((a: { trigger: string }) => a.trigger)).toEqual(['replay', 'automatic']);
    } finally {
      await r.close();
    }
  });

  it('retries on the published schedule, then gives up; a replay after the fix succeeds', async () => {
    const r = await receiver();
    try {
      r.state.status = 503;
      const m = await merchant(t);
      const hook = await m.owner.post('/api/v1/merchant/open-platform/webhooks', {
        url: r.url,
        eventTypes: ['order.paid'],
      });
      await sandboxPaidOrder(t, { merchant: m });
      await t.runJobs();
      expect(r.got).toHaveLength(1);
      for (const wait of RETRY_AFTER_SECONDS) {
        const before = r.got.length;
        t.clock.advance((wait - 1) * 1000);
        await t.runJobs();
        expect([wait, r.got.length]).toEqual([wait, before]);
        t.clock.advance(1000);
        await t.runJobs();
        expect([wait, r.got.length]).toEqual([wait, before + 1]);
      }
      expect(r.got).toHaveLength(RETRY_AFTER_SECONDS.length + 1);
      t.clock.advanceDays(2);
      await t.runJobs();
      expect(r.got).toHaveLength(RETRY_AFTER_SECONDS.length + 1);
      const log = await m.owner.get(`/api/v1/merchant/open-platform/webhooks/${hook.body.id}/deliveries`);
      const delivery = log.body.items[0];
      expect(delivery).toMatchObject({ status: 'failed', attempts: 8, lastStatusCode: 503, nextAttemptAt: null });
      expect(delivery.log[0]).toMatchObject({ statusCode: 503, error: '接收方返回 HTTP 503' });

      r.state.status = 200;
      await m.owner.post(`/api/v1/merchant/open-platform/deliveries/${delivery.id}/replay`);
      await t.runJobs();
      const fixed = await m.owner.get(`/api/v1/merchant/open-platform/webhooks/${hook.body.id}/deliveries`);
      expect(fixed.body.items[0]).toMatchObject({ status: 'succeeded', lastStatusCode: 200 });
    } finally {
      await r.close();
    }
  });

  it('disables an endpoint after 20 failures in a row spanning a day, and tells its creator', async () => {
    const r = await receiver();
    try {
      r.state.status = 500;
      const m = await merchant(t);
      const hook = await m.owner.post('/api/v1/merchant/open-platform/webhooks', {
        url: r.url,
        eventTypes: ['order.paid'],
      });
      const id = hook.body.id as string;
      const failOnce = async () => {
        expect((await m.owner.post(`/api/v1/merchant/open-platform/webhooks/${id}/test`)).status).toBe(200);
        await t.runJobs();
      };
      for (let i = 0; i < 25; i++) await failOnce(); // many failures, but within minutes: still on
      const soon = await m.owner.get('/api/v1/merchant/open-platform/webhooks');
      expect(soon.body.items[0]).toMatchObject({ enabled: true, consecutiveFailures: 25 });
      t.clock.advanceHours(24);
      await failOnce();
      const off = await m.owner.get('/api/v1/merchant/open-platform/webhooks');
      expect(off.body.items[0]).toMatchObject({ enabled: false, consecutiveFailures: 26 });
      expect(off.body.items[0].disabledReason).toContain('已自动停用');
      expect(t.sms.noticesFor(m.owner.phone).at(-1)).toContain('已自动停用');
      // A disabled endpoint gets no new events until the merchant turns it back on.
      await sandboxPaidOrder(t, { merchant: m });
      await t.runJobs();
      expect(r.got).toHaveLength(26);
      r.state.status = 200;
      const on = await m.owner.patch(`/api/v1/merchant/open-platform/webhooks/${id}`, { enabled: true });
      expect(on.body).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
      await failOnce();
      expect(r.got).toHaveLength(27);
    } finally {
      await r.close();
    }
  });

  it("lists each scope's endpoints from the OpenAPI document for the developer page", async () => {
    const m = await merchant(t);
    const docs = await m.owner.get('/api/v1/merchant/open-platform/docs');
    const orders = docs.body.scopes.find((s: { scope: string }) => s.scope === 'orders:write');
    expect(orders.endpoints).toEqual([
      {
        method: 'POST',
        path: '/api/v1/merchant/orders/{id}/ship',
        summary: expect.any(String),
        tag: expect.any(String),
      },
    ]);
    expect(orders.endpoints[0].summary.length).toBeGreaterThan(0);
  });
});
