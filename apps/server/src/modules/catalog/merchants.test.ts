import { describe, expect, it } from 'vitest';
import { merchantWithOwner, operator, product } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client, loginByCode, nextPhone } from '../../../test/http.ts';
import { grantStaffRole } from '../accounts/api.ts';

const t = await createTestApp();
const anon = new Client(t);
const ops = await operator(t);

describe('the operator manages merchants', () => {
  it('opens a shop for a new phone, whose owner can then sign in and run it', async () => {
    const phone = nextPhone();
    const res = await ops.post('/api/v1/admin/merchants', {
      name: '山野茶舍',
      description: '武夷山岩茶',
      logoUrl: '/media/placeholder/tea.svg',
      ownerPhone: phone,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '山野茶舍',
      status: 'active',
      productCount: 0,
      totalProductCount: 0,
      rating: { average: null, count: 0 },
    });
    const owner = await loginByCode(t, phone);
    expect(owner.userId).toBe(res.body.ownerUserId);
    const profile = await owner.get('/api/v1/merchant/profile');
    expect(profile.body).toMatchObject({ id: res.body.id, name: '山野茶舍', description: '武夷山岩茶' });
  });

  it('validates the form with Chinese messages', async () => {
    const res = await ops.post('/api/v1/admin/merchants', {
      name: '店',
      ownerPhone: '123',
      logoUrl: 'http://example.com/a.png',
    });
    expect(res.status).toBe(400);
    const messages = Object.fromEntries(res.body.errors.map((e: any) => [e.field, e.message]));
    expect(messages).toMatchObject({
      'body.name': '店铺名称至少 2 个字',
      'body.ownerPhone': '请输入店主的 11 位手机号',
      'body.logoUrl': '图片须先上传到本站（/media/ 开头的地址）',
    });
  });

  it('lists every shop with product counts, newest first, filtered and paginated', async () => {
    const a = await merchantWithOwner(t, '列表甲店');
    const b = await merchantWithOwner(t, '列表乙店');
    await product(t, a.owner, a.merchantId);
    const second = await product(t, a.owner, a.merchantId);
    await a.owner.post(`/api/v1/merchant/products/${second.productId}/delist`);

    const first = await ops.get('/api/v1/admin/merchants?limit=1&q=列表');
    expect(first.body.items.map((m: any) => m.id)).toEqual([[a.merchantId, b.merchantId].sort().reverse()[0]]);
    const rest = await ops.get(`/api/v1/admin/merchants?limit=1&q=列表&cursor=${first.body.nextCursor}`);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
    const listed = [...first.body.items, ...rest.body.items];
    expect(listed.find((m: any) => m.id === a.merchantId)).toMatchObject({ productCount: 1, totalProductCount: 2 });
    expect(listed.find((m: any) => m.id === b.merchantId)).toMatchObject({ productCount: 0, totalProductCount: 0 });
  });

  it('suspends a shop, hiding it and its products from shoppers, and reactivates it', async () => {
    const { merchantId, owner } = await merchantWithOwner(t, '整改中的店');
    const { productId } = await product(t, owner, merchantId);
    const suspended = await ops.post(`/api/v1/admin/merchants/${merchantId}/suspend`);
    expect(suspended.body.status).toBe('suspended');
    expect((await anon.get(`/api/v1/merchants/${merchantId}`)).status).toBe(404);
    expect((await anon.get(`/api/v1/products/${productId}`)).status).toBe(404);
    expect((await ops.get('/api/v1/admin/merchants?status=suspended')).body.items.map((m: any) => m.id)).toEqual([
      merchantId,
    ]);
    // The shop's staff still see their products but cannot list more while suspended.
    await owner.post(`/api/v1/merchant/products/${productId}/delist`);
    const relist = await owner.post(`/api/v1/merchant/products/${productId}/list`);
    expect(relist.status).toBe(409);
    expect(relist.body.type).toBe('merchant-suspended');

    expect((await ops.post(`/api/v1/admin/merchants/${merchantId}/reactivate`)).body.status).toBe('active');
    expect((await owner.post(`/api/v1/merchant/products/${productId}/list`)).status).toBe(200);
    expect((await anon.get(`/api/v1/products/${productId}`)).status).toBe(200);
    expect((await ops.post('/api/v1/admin/merchants/mer_missing/suspend')).status).toBe(404);
  });

  it('is for operators only', async () => {
    const { owner } = await merchantWithOwner(t);
    expect((await owner.get('/api/v1/admin/merchants')).status).toBe(403);
    expect((await owner.post('/api/v1/admin/merchants', { name: '私开的店', ownerPhone: nextPhone() })).status).toBe(
      403,
    );
    expect((await anon.get('/api/v1/admin/merchants')).status).toBe(401);
  });
});

describe('shop profile and public card', () => {
  it('lets the owner edit the profile that shoppers see on the card', async () => {
    const { merchantId, owner } = await merchantWithOwner(t, '旧店名');
    await product(t, owner, merchantId);
    const patched = await owner.patch('/api/v1/merchant/profile', {
      name: '新店名',
      description: '只卖好物',
      logoUrl: '/media/u/abc/logo.png',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: '新店名', description: '只卖好物', logoUrl: '/media/u/abc/logo.png' });
    const card = await anon.get(`/api/v1/merchants/${merchantId}`);
    expect(card.body).toEqual({
      id: merchantId,
      name: '新店名',
      logoUrl: '/media/u/abc/logo.png',
      description: '只卖好物',
      productCount: 1,
      rating: { average: null, count: 0 },
      createdAt: expect.any(String),
    });
    expect((await anon.get('/api/v1/merchants/mer_missing')).status).toBe(404);
  });

  it('lets other staff read the profile but not change it', async () => {
    const { merchantId } = await merchantWithOwner(t, '有店员的店');
    const clerk = await loginByCode(t);
    expect((await clerk.get('/api/v1/merchant/profile')).status).toBe(403);
    await grantStaffRole(t.deps.database.db, {
      userId: clerk.userId,
      merchantId,
      role: 'service',
      now: t.clock.now(),
    });
    expect((await clerk.get('/api/v1/merchant/profile')).body.name).toBe('有店员的店');
    expect((await clerk.patch('/api/v1/merchant/profile', { name: '店员改的名' })).status).toBe(403);
  });
});
