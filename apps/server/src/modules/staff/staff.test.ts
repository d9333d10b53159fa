import { Secret, TOTP } from 'otpauth';
import { describe, expect, it, vi } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { type Client, loginByCode, nextPhone } from '../../../test/http.ts';
import { paidOrder } from '../../../test/order-factories.ts';

const t = await createTestApp();
vi.setConfig({ testTimeout: 120_000 });

const codeAt = (secret: string, at: Date) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: at.getTime() });

/** Invites a staff member with these roles and signs them in. */
async function staffMember(admin: Client, roles: string[]) {
  const phone = nextPhone();
  const invited = await admin.post('/api/v1/admin/staff', { phone, nickname: '新同事', roles });
  expect(invited.status).toBe(201);
  return loginByCode(t, phone);
}

/** Enrols TOTP for a signed-in staff member and returns the secret and recovery codes. */
async function enrol(who: Client) {
  const started = await who.post('/api/v1/staff/me/totp/enrolment');
  expect(started.status).toBe(200);
  expect(started.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
  const confirmed = await who.post('/api/v1/staff/me/totp/confirmation', {
    code: codeAt(started.body.secret, t.clock.now()),
  });
  expect(confirmed.status).toBe(200);
  return { secret: started.body.secret as string, recoveryCodes: confirmed.body.recoveryCodes as string[] };
}

describe('staff roles, two-step verification and the access trail', () => {
  it('the pre-roles operator is a super-admin and keeps every console route', async () => {
    const admin = await operator(t);
    const me = await admin.get('/api/v1/staff/me');
    expect(me.body).toMatchObject({ roles: ['super_admin'], required: false });
    for (const url of [
      '/api/v1/admin/orders',
      '/api/v1/admin/reconciliation',
      '/api/v1/admin/staff',
      '/api/v1/admin/alerts',
    ]) {
      expect((await admin.get(url)).status, url).toBe(200);
    }
  });

  it('a 客服 must pass TOTP, may open orders and unmask a phone with a reason, and may not see finance', async () => {
    const admin = await operator(t);
    const support = await staffMember(admin, ['support']);
    const { orderId, buyer } = await paidOrder(t);

    const before = await support.get(`/api/v1/admin/orders/${orderId}`);
    expect(before.status).toBe(403);
    expect(before.body.title).toBe('请先完成两步验证');

    const { secret, recoveryCodes } = await enrol(support);
    expect(recoveryCodes).toHaveLength(10);
    const order = await support.get(`/api/v1/admin/orders/${orderId}`);
    expect(order.status).toBe(200);
    expect(order.body.address.phone).toBe('138****8000');

    const finance = await support.get('/api/v1/admin/reconciliation');
    expect(finance.status).toBe(403);
    expect(finance.body.title).toBe('没有权限执行此操作');
    expect((await support.get('/api/v1/admin/staff')).status).toBe(403);

    const noReason = await support.post(`/api/v1/admin/orders/${orderId}/phone`, { reason: '' });
    expect(noReason.status).toBe(400);
    const unmasked = await support.post(`/api/v1/admin/orders/${orderId}/phone`, { reason: '联系收货人改地址' });
    expect(unmasked.body).toEqual({ phone: '13800138000' });

    const trail = await admin.get(`/api/v1/admin/access-log?subjectUserId=${buyer.userId}`);
    expect(trail.body.items.map((i: { action: string }) => i.action)).toEqual(['order.phone', 'order.address']);
    expect(trail.body.items[0]).toMatchObject({
      staffUserId: support.userId,
      staffRoles: ['客服'],
      reason: '联系收货人改地址',
    });
    // The analyst-free 客服 cannot read the trail about themself.
    expect((await support.get('/api/v1/admin/access-log')).status).toBe(403);

    const mine = await buyer.get('/api/v1/me/privacy/staff-accesses');
    expect(mine.body.items[0]).toEqual({
      id: expect.any(String),
      roles: ['客服'],
      what: '查看收货人完整手机号',
      at: expect.any(String),
    });
    expect(JSON.stringify(mine.body)).not.toContain(support.userId);

    // A code already used is refused (replay); a new session asks again; a recovery code works once.
    const replay = await support.post('/api/v1/staff/me/totp/verification', { code: codeAt(secret, t.clock.now()) });
    expect(replay.status).toBe(400);
    t.clock.advance(61_000);
    const again = await loginByCode(t, support.phone);
    expect((await again.get(`/api/v1/admin/orders/${orderId}`)).status).toBe(403);
    expect((await again.post('/api/v1/staff/me/totp/verification', { recoveryCode: recoveryCodes[0] })).status).toBe(
      200,
    );
    expect((await again.get(`/api/v1/admin/orders/${orderId}`)).status).toBe(200);
    t.clock.advance(61_000);
    const third = await loginByCode(t, support.phone);
    expect((await third.post('/api/v1/staff/me/totp/verification', { recoveryCode: recoveryCodes[0] })).status).toBe(
      400,
    );
    expect(
      (await third.post('/api/v1/staff/me/totp/verification', { code: codeAt(secret, t.clock.now()) })).status,
    ).toBe(200);
  });

  it('an order export (CSV, street in full, contacts masked) is one trail row with the people it covers', async () => {
    const admin = await operator(t);
    const first = await paidOrder(t);
    await paidOrder(t, { who: first.buyer });
    const res = await admin.get(`/api/v1/admin/orders/export?userId=${first.buyer.userId}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const text = String(res.body);
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('"详细地址"');
    expect(text).toContain('138****8000');
    expect(text).not.toContain('13800138000');
    const trail = await admin.get(`/api/v1/admin/access-log?staffUserId=${admin.userId}&action=orders.export`);
    expect(trail.body.items).toHaveLength(1);
    expect(trail.body.items[0]).toMatchObject({ subjectUserId: null, resource: 'orders:2', people: 1 });
    const log = await admin.get('/api/v1/transparency/entries?kind=staff-access&limit=1');
    expect(log.body.items[0]).toMatchObject({ subjectId: trail.body.items[0].id });
  });

  it('用户查询: 客服 finds a person by exact phone (masked), unmasks with a reason; both are on the trail', async () => {
    const admin = await operator(t);
    const support = await staffMember(admin, ['support']);
    await enrol(support);
    const ops = await staffMember(admin, ['ops']);
    const person = await loginByCode(t);
    const masked = `${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`;

    const noReason = await support.post('/api/v1/admin/users/lookup', { phone: person.phone, reason: '' });
    expect(noReason.status).toBe(400);
    const found = await support.post('/api/v1/admin/users/lookup', { phone: person.phone, reason: '用户来电咨询订单' });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ userId: person.userId, phone: masked });
    // A phone with no account: 404, and the search is on the trail all the same.
    const none = await support.post('/api/v1/admin/users/lookup', { phone: nextPhone(), reason: '用户来电咨询订单' });
    expect(none.status).toBe(404);

    // 运营 may search but not unmask.
    expect(
      (await ops.post('/api/v1/admin/users/lookup', { phone: person.phone, reason: '核对活动中奖人' })).status,
    ).toBe(200);
    expect((await ops.post(`/api/v1/admin/users/${person.userId}/phone`, { reason: '核对活动中奖人' })).status).toBe(
      403,
    );
    const unmasked = await support.post(`/api/v1/admin/users/${person.userId}/phone`, { reason: '回拨用户确认地址' });
    expect(unmasked.body).toEqual({ phone: person.phone });

    const trail = await admin.get(`/api/v1/admin/access-log?subjectUserId=${person.userId}`);
    expect(trail.body.items.map((i: { action: string; reason: string }) => [i.action, i.reason])).toEqual([
      ['user.phone', '回拨用户确认地址'],
      ['user.profile', '核对活动中奖人'],
      ['user.profile', '用户来电咨询订单'],
    ]);
    const seen = await person.get('/api/v1/me/privacy/staff-accesses');
    expect(seen.body.items[0]).toMatchObject({ roles: ['客服'], what: '查看用户完整手机号' });
  });

  it('role changes are recorded; revoking signs the person out; the last super-admin stays', async () => {
    const admin = await operator(t);
    const reviewer = await staffMember(admin, ['reviewer']);
    expect((await reviewer.get('/api/v1/admin/merchant-applications')).status).toBe(200);
    expect((await reviewer.get('/api/v1/admin/orders')).status).toBe(403);

    const revoked = await admin.put(`/api/v1/admin/staff/${reviewer.userId}/roles`, { roles: [] });
    expect(revoked.status).toBe(200);
    expect((await reviewer.get('/api/v1/admin/merchant-applications')).status).toBe(401);
    const changes = await admin.get('/api/v1/admin/staff/role-changes');
    expect(changes.body.items[0]).toMatchObject({
      staffUserId: reviewer.userId,
      action: 'revoke',
      rolesBefore: ['reviewer'],
      rolesAfter: [],
    });

    const own = await admin.put(`/api/v1/admin/staff/${admin.userId}/roles`, { roles: ['ops'] });
    expect(own.status).toBe(409);
    expect(own.body.title).toBe('不能撤销自己的超级管理员角色');
    const list = await admin.get('/api/v1/admin/staff');
    expect(list.body.items.find((s: { userId: string }) => s.userId === admin.userId)).toMatchObject({
      roles: ['super_admin'],
    });
    expect(list.body.items.every((s: { phone: string }) => s.phone.includes('****'))).toBe(true);

    const bad = await admin.post('/api/v1/admin/staff', { phone: '123', roles: [] });
    expect(bad.status).toBe(400);
  });

  it('a consumer is neither staff nor able to enrol', async () => {
    const someone = await loginByCode(t);
    expect((await someone.get('/api/v1/admin/orders')).status).toBe(403);
    expect((await someone.post('/api/v1/staff/me/totp/enrolment')).status).toBe(403);
  });
});
