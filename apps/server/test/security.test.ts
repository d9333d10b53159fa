import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './harness.ts';
import { Client } from './http.ts';
import { createTemplate, MERCHANT_TEMPLATES } from './coupon-factories.ts';
import { buyer, shop, signIn } from './order-factories.ts';

// Issue 13, findings 6–9 and 11, through HTTP against a real database (docs/SECURITY.md lists each test).
const t = await createTestApp();
const anon = new Client(t);

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR a small but well-signed png body'),
]);

async function upload(token: string, bytes: Buffer, filename: string, contentType: string) {
  const boundary = `haowu${Math.random().toString(36).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/media',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${token}` },
    payload,
  });
  return res.json<{ url: string }>();
}

describe('finding 6: security headers', () => {
  const csp = (value: unknown) =>
    Object.fromEntries(
      String(value)
        .split(/;\s*/)
        .map((d) => [d.split(' ')[0], d]),
    );

  it('every API answer carries CSP without inline script, frame-ancestors none, nosniff and a Referrer-Policy', async () => {
    for (const url of ['/api/health', '/api/v1/no-such-route']) {
      const res = await anon.get(url);
      const policy = csp(res.headers['content-security-policy']);
      expect(policy['script-src']).toBe("script-src 'self'");
      expect(policy['frame-ancestors']).toBe("frame-ancestors 'none'");
      expect(policy['object-src']).toBe("object-src 'none'");
      expect(policy['style-src']).toBe("style-src 'self' 'unsafe-inline'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      // Over plain http, no HSTS and no upgrade of the page's own requests to https.
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(policy['upgrade-insecure-requests']).toBeUndefined();
    }
  });

  const built = (app: string) => existsSync(path.resolve(import.meta.dirname, `../../${app}/dist/index.html`));
  it.skipIf(!built('shop') || !built('console'))('the shop and the console pages carry the same policy', async () => {
    for (const url of ['/', '/console/', '/console/orders']) {
      const res = await anon.get(url);
      expect(res.status).toBe(200);
      expect(String(res.headers['content-type'])).toContain('text/html');
      expect(csp(res.headers['content-security-policy'])['frame-ancestors']).toBe("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('an upload is served as what its bytes are, not what the client claimed, with nosniff and a sandbox', async () => {
    const me = await signIn(t);
    const { url } = await upload(me.token!, PNG, 'evil.html', 'text/html');
    expect(url).toMatch(/^\/media\/u\/.+\.png$/);
    const res = await anon.get(url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain('sandbox');
  });
});

describe('finding 7: targeted coupons answer counts, never which phones are registered', () => {
  it('reports how many listed phones matched no account, not which ones', async () => {
    const s = await shop(t);
    const member = await buyer(t);
    const tpl = await createTemplate(t, s.owner, MERCHANT_TEMPLATES, { name: '定向券', audience: 'targeted' });
    const res = await s.owner.post(
      `${MERCHANT_TEMPLATES}/${tpl.id}/issue`,
      { phones: [member.phone, '13999999999', '13999999998'] },
      { idempotencyKey: 'issue-by-phone' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ issued: 1, skippedAtLimit: 0, unmatched: 2 });
    expect(JSON.stringify(res.body)).not.toContain('1399999999');
  });
});

describe('finding 8: image URLs must be this platform’s own media', () => {
  const hostile = [
    'javascript:alert(document.cookie)',
    'https://tracker.example.com/pixel.gif',
    '//tracker.example.com/p.gif',
    '/media/../api/v1/me',
    '/media//tracker.example.com/p.gif',
    'data:image/svg+xml,<svg onload=alert(1)>',
  ];

  it('rejects hostile avatars with a 400 problem and keeps the old one', async () => {
    const me = await signIn(t);
    const good = (await me.patch('/api/v1/me', { avatarUrl: '/media/placeholder/me.svg?label=%E6%88%91' })).body;
    expect(good.avatarUrl).toBe('/media/placeholder/me.svg?label=%E6%88%91');
    for (const avatarUrl of hostile) {
      const res = await me.patch('/api/v1/me', { avatarUrl });
      expect(res.status, avatarUrl).toBe(400);
      expect(res.body).toMatchObject({ type: 'validation-failed', title: '请求参数有误' });
      expect(res.body.errors[0].field).toBe('body.avatarUrl');
    }
    expect((await me.get('/api/v1/me')).body.avatarUrl).toBe('/media/placeholder/me.svg?label=%E6%88%91');
  });

  it('rejects hostile after-sale images before anything is created', async () => {
    const me = await buyer(t);
    for (const image of hostile) {
      const res = await me.post('/api/v1/after-sales', {
        orderId: 'ord_x',
        lineId: 'oli_x',
        qty: 1,
        type: 'refund_only',
        reasonCode: 'quality',
        images: [image],
      });
      expect(res.status, image).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('body.images.0');
    }
  });

  it('applies the same rule to shop logos (which used to accept any https address)', async () => {
    const s = await shop(t);
    const res = await s.owner
      .withHeaders({ 'x-merchant-id': s.merchantId })
      .patch('/api/v1/merchant/profile', { logoUrl: 'https://tracker.example.com/logo.png' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'body.logoUrl' });
  });
});

describe('finding 9: a NUL character anywhere in the input is a 400 problem, not a 500', () => {
  it('in a JSON body, a query string and a path parameter; nothing changes', async () => {
    const me = await signIn(t);
    const before = (await me.get('/api/v1/me')).body.nickname;
    const body = await me.patch('/api/v1/me', { nickname: 'a\u0000b' });
    expect(body.status).toBe(400);
    expect(body.body).toMatchObject({ type: 'validation-failed', title: '请求参数有误' });
    expect(body.body.errors).toEqual([{ field: 'body.nickname', message: '不能包含空字符（U+0000）' }]);
    expect((await me.get('/api/v1/me')).body.nickname).toBe(before);

    const query = await anon.get('/api/v1/search/suggestions?q=%E9%9D%A2%00%E9%9C%9C');
    expect(query.status).toBe(400);
    expect(query.body.errors[0].field).toBe('querystring.q');

    const param = await anon.get('/api/v1/products/prd_%00x');
    expect(param.status).toBe(400);
    expect(param.body.errors[0].field).toBe('params.id');

    const nested = await me.post('/api/v1/me/addresses', {
      recipient: '王五',
      phone: '13711110001',
      province: '上海市',
      city: '上海市',
      district: '浦东新区',
      detail: '世纪大道\u0000100 号',
    });
    expect(nested.status).toBe(400);
    expect((await me.get('/api/v1/me/addresses')).body.items ?? []).toHaveLength(0);
  });
});

describe('finding 11: placing an order requires an Idempotency-Key', () => {
  it('refuses a missing key with a 400 problem and creates no order; with a key it places once', async () => {
    const s = await shop(t, { price: 12_000 });
    const me = await buyer(t);
    const items = [{ skuId: s.skuId, qty: 1 }];
    const quote = await me.post('/api/v1/checkout/quote', { items, addressId: me.addressId });
    const body = { items, addressId: me.addressId, expectedAmount: quote.body.amount };
    const missing = await me.post('/api/v1/orders', body);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ type: 'validation-failed', title: '请求参数有误' });
    expect(missing.body.errors[0].field).toBe('headers.idempotency-key');
    expect((await me.get('/api/v1/orders')).body.items).toHaveLength(0);

    const placed = await me.post('/api/v1/orders', body, { idempotencyKey: 'order-1' });
    const again = await me.post('/api/v1/orders', body, { idempotencyKey: 'order-1' });
    expect(placed.status).toBe(201);
    expect(again.body.checkoutId).toBe(placed.body.checkoutId);
    expect((await me.get('/api/v1/orders')).body.items).toHaveLength(1);
  });

  it('documents the header as required in the OpenAPI document the clients are generated from', async () => {
    const doc = (await anon.get('/api/openapi.json')).body;
    const header = doc.paths['/api/v1/orders'].post.parameters.find(
      (p: { in: string; name: string }) => p.in === 'header' && p.name === 'idempotency-key',
    );
    expect(header.required).toBe(true);
  });
});
