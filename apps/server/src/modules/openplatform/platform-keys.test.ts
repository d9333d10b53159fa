import { createHash, createHmac, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { operator, staffWithRoles } from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { merchant, paidOrder } from '../../../test/order-factories.ts';
import { PLATFORM_SCOPES } from './scopes.ts';

// Signed the way docs/OPEN-PLATFORM.md tells integrators to (as openplatform.test.ts does for merchant keys):
// platform keys share the scheme, so a client written from the document must work for both.
function signedHeaders(key: { id: string; secret: string }, method: string, path: string, at: Date, nonce: string) {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const bodyHash = createHash('sha256').update('').digest('hex');
  const canonical = [method, path, timestamp, nonce, bodyHash].join('\n');
  return {
    'x-haowu-key': key.id,
    'x-haowu-timestamp': timestamp,
    'x-haowu-nonce': nonce,
    'x-haowu-signature': createHmac('sha256', key.secret).update(canonical).digest('hex'),
  };
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

type Key = { id: string; secret: string };

async function get(key: Key, path: string, nonce = randomBytes(16).toString('hex')) {
  const res = await t.app.inject({
    method: 'GET',
    url: path,
    headers: signedHeaders(key, 'GET', path, t.clock.now(), nonce),
  });
  return { status: res.statusCode, body: res.json<any>() };
}

const KEYS = '/api/v1/admin/open-platform/keys';

describe('platform API keys', () => {
  it('every platform scope opens only existing operator routes demanding exactly its staff permission', () => {
    const table = new Map(t.app.routeTable.map((r) => [`${r.method} ${r.url}`, r.permission]));
    for (const def of Object.values(PLATFORM_SCOPES)) {
      for (const route of def.routes) expect([route, table.get(route)]).toEqual([route, `staff:${def.permission}`]);
    }
  });

  it('reads platform routes within its scopes, nothing else, and never a merchant route', async () => {
    const admin = await operator(t);
    const { orderId } = await paidOrder(t);
    const created = await admin.post(KEYS, {
      name: 'BI 大屏',
      scopes: ['platform.orders:read', 'platform.analytics:read'],
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      scopes: ['platform.orders:read', 'platform.analytics:read'],
      lastUsedAt: null,
    });
    expect(created.body.secret).toMatch(/^hsk_/);
    const key = { id: created.body.id as string, secret: created.body.secret as string };

    const orders = await get(key, '/api/v1/admin/orders?limit=50');
    expect(orders.status).toBe(200);
    expect(orders.body.items.map((o: { id: string }) => o.id)).toContain(orderId);
    expect((await get(key, '/api/v1/platform/insights/realtime')).status).toBe(200);

    const listed = await admin.get(KEYS);
    const row = listed.body.items.find((k: { id: string }) => k.id === key.id);
    expect(row).toMatchObject({ lastUsedAt: t.clock.now().toISOString(), createdByName: '平台运营' });
    expect(row).not.toHaveProperty('secret');

    // Outside its scopes: a platform route of another scope, a merchant route, key management itself.
    const merchants = await get(key, '/api/v1/admin/merchants');
    expect([merchants.status, merchants.body.type, merchants.body.title]).toEqual([
      403,
      'scope-missing',
      'API 密钥没有调用此接口的权限',
    ]);
    expect(merchants.body.detail).toContain('platform.merchants:read');
    const merchantRoute = await get(key, '/api/v1/merchant/products');
    expect([merchantRoute.status, merchantRoute.body.detail]).toEqual([403, '此接口不对平台 API 密钥开放']);
    expect((await get(key, KEYS)).status).toBe(403);
    expect((await get(key, `/api/v1/admin/orders/${orderId}`)).status).toBe(403);

    const nonce = randomBytes(16).toString('hex');
    expect((await get(key, '/api/v1/admin/orders', nonce)).status).toBe(200);
    const replayed = await get(key, '/api/v1/admin/orders', nonce);
    expect([replayed.status, replayed.body.type]).toEqual([401, 'signature-replayed']);
  });

  it('a key with every platform scope gets past authorisation on each listed route that takes no id', async () => {
    const admin = await operator(t);
    const created = await admin.post(KEYS, { name: '全部平台权限', scopes: Object.keys(PLATFORM_SCOPES) });
    const key = { id: created.body.id as string, secret: created.body.secret as string };
    const plain = Object.values(PLATFORM_SCOPES)
      .flatMap((def) => def.routes as readonly string[])
      .filter((r) => !r.includes(':'))
      .map((r) => r.slice('GET '.length));
    // Some insights routes require a period in the query: their 400 comes from validation, which runs after the
    // scope and permission checks; a refusal would be 401 or 403.
    for (const path of plain) expect([path, [200, 400].includes((await get(key, path)).status)]).toEqual([path, true]);
  });

  it('a merchant key never reaches a platform route, whatever its scopes', async () => {
    const m = await merchant(t);
    const all = await m.owner.post('/api/v1/merchant/open-platform/keys', {
      name: '全部权限',
      scopes: ['products:read', 'orders:read', 'aftersales:read', 'reviews:read'],
    });
    const key = { id: all.body.id as string, secret: all.body.secret as string };
    expect((await get(key, '/api/v1/merchant/orders')).status).toBe(200);
    for (const path of [
      '/api/v1/admin/orders',
      '/api/v1/admin/after-sales',
      '/api/v1/platform/insights/realtime',
      KEYS,
    ]) {
      const res = await get(key, path);
      expect([path, res.status, res.body.type, res.body.detail]).toEqual([
        path,
        403,
        'scope-missing',
        '此接口不对商家 API 密钥开放',
      ]);
    }
    // Nor can a merchant create a key with platform scopes.
    const sneaky = await m.owner.post('/api/v1/merchant/open-platform/keys', {
      name: '越权',
      scopes: ['platform.orders:read'],
    });
    expect(sneaky.status).toBe(400);
  });

  it('staff grant only what they hold: no permission, no key; 运营 cannot grant 审核 scopes or rotate such a key', async () => {
    const admin = await operator(t);
    const analyst = await staffWithRoles(t, ['analyst'], '数据分析');
    const ops = await staffWithRoles(t, ['ops'], '运营同事');
    const before = (await admin.get(KEYS)).body.items.length as number;

    const denied = await analyst.post(KEYS, { name: 'BI', scopes: ['platform.analytics:read'] });
    expect([denied.status, denied.body.title]).toEqual([403, '没有权限执行此操作']);
    expect((await analyst.get(KEYS)).status).toBe(403);

    const beyond = await ops.post(KEYS, {
      name: '商家同步',
      scopes: ['platform.orders:read', 'platform.merchants:read'],
    });
    expect([beyond.status, beyond.body.type, beyond.body.title]).toEqual([
      403,
      'scope-beyond-own-permissions',
      '不能授予你自己没有的权限',
    ]);
    expect(beyond.body.detail).toContain('platform.merchants:read');
    expect((await admin.get(KEYS)).body.items).toHaveLength(before);

    const docs = await ops.get('/api/v1/admin/open-platform/docs');
    expect(
      Object.fromEntries(docs.body.scopes.map((s: { scope: string; grantable: boolean }) => [s.scope, s.grantable])),
    ).toEqual({
      'platform.orders:read': true,
      'platform.aftersales:read': true,
      'platform.merchants:read': false,
      'platform.analytics:read': true,
      'platform.moderation:read': false,
    });
    const own = await ops.post(KEYS, { name: '订单同步', scopes: ['platform.orders:read'] });
    expect(own.status).toBe(200);

    // The super-admin's key reaches merchants: 运营 may not re-issue its secret, but may switch it off.
    const adminKey = await admin.post(KEYS, { name: '商家风控', scopes: ['platform.merchants:read'] });
    const rotate = await ops.post(`${KEYS}/${adminKey.body.id}/rotate`, { graceHours: 0 });
    expect([rotate.status, rotate.body.type]).toEqual([403, 'scope-beyond-own-permissions']);
    const revoke = await ops.post(`${KEYS}/${adminKey.body.id}/revoke`);
    expect(revoke.status).toBe(200);
    expect(revoke.body.revokedAt).toBe(t.clock.now().toISOString());
  });

  it('revoked and rotated-out secrets are refused; a key loses what its creator no longer holds', async () => {
    const admin = await operator(t);
    const created = await admin.post(KEYS, { name: '售后看板', scopes: ['platform.aftersales:read'] });
    const old = { id: created.body.id as string, secret: created.body.secret as string };
    expect((await get(old, '/api/v1/admin/after-sales')).status).toBe(200);

    const rotated = await admin.post(`${KEYS}/${old.id}/rotate`, { graceHours: 0 });
    expect(rotated.status).toBe(200);
    const fresh = { id: old.id, secret: rotated.body.secret as string };
    const stale = await get(old, '/api/v1/admin/after-sales');
    expect([stale.status, stale.body.type]).toEqual([401, 'signature-invalid']);
    expect((await get(fresh, '/api/v1/admin/after-sales')).status).toBe(200);

    expect((await admin.post(`${KEYS}/${old.id}/revoke`)).status).toBe(200);
    const revoked = await get(fresh, '/api/v1/admin/after-sales');
    expect([revoked.status, revoked.body.type]).toEqual([401, 'api-key-invalid']);
    const again = await admin.post(`${KEYS}/${old.id}/rotate`, { graceHours: 0 });
    expect([again.status, again.body.type]).toEqual([409, 'api-key-revoked']);

    // 运营 creates an orders key, then loses the role: the key stops reading orders with them.
    const ops = await staffWithRoles(t, ['ops'], '离岗运营');
    const opsKey = await ops.post(KEYS, { name: '订单导出', scopes: ['platform.orders:read'] });
    const k = { id: opsKey.body.id as string, secret: opsKey.body.secret as string };
    expect((await get(k, '/api/v1/admin/orders')).status).toBe(200);
    expect((await admin.put(`/api/v1/admin/staff/${ops.userId}/roles`, { roles: ['analyst'] })).status).toBe(200);
    const lost = await get(k, '/api/v1/admin/orders');
    expect([lost.status, lost.body.type]).toEqual([403, 'forbidden']);
  });

  it('each platform key has its own per-minute limit', async () => {
    const admin = await operator(t);
    const created = await admin.post(KEYS, {
      name: '限流',
      scopes: ['platform.analytics:read'],
      rateLimitPerMinute: 10,
    });
    const key = { id: created.body.id as string, secret: created.body.secret as string };
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await get(key, '/api/v1/platform/insights/realtime')).status);
    expect(statuses).toEqual([...Array<number>(10).fill(200), 429]);
  });
});
