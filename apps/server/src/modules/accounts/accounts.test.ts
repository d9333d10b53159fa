import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { Client, loginByCode, nextPhone } from '../../../test/http.ts';

const t = await createTestApp();
const anon = new Client(t);

describe('login by one-time code', () => {
  it('signs up a new phone and returns a session that works', async () => {
    const phone = nextPhone();
    expect((await anon.post('/api/v1/auth/sms-codes', { phone })).status).toBe(200);
    const code = t.sms.lastCodeFor(phone)!;
    const res = await anon.post('/api/v1/auth/login/code', { phone, code });
    expect(res.status).toBe(200);
    expect(res.body.user.roles).toEqual(['consumer']);
    expect(res.headers['set-cookie']).toContain('HttpOnly');
    const me = await new Client(t, res.body.token).get('/api/v1/me');
    expect(me.body.phone).toBe(phone);
  });

  it('refuses a wrong code with a Chinese problem, and locks after 5 wrong tries', async () => {
    const phone = nextPhone();
    await anon.post('/api/v1/auth/sms-codes', { phone });
    const code = t.sms.lastCodeFor(phone)!;
    const wrong = code === '000000' ? '111111' : '000000';
    const res = await anon.post('/api/v1/auth/login/code', { phone, code: wrong });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: 'code-invalid', title: '验证码错误或已过期' });
    for (let i = 0; i < 4; i++) await anon.post('/api/v1/auth/login/code', { phone, code: wrong });
    expect((await anon.post('/api/v1/auth/login/code', { phone, code })).status).toBe(400);
  });

  it('refuses a second code within a minute and an expired code', async () => {
    const phone = nextPhone();
    await anon.post('/api/v1/auth/sms-codes', { phone });
    const again = await anon.post('/api/v1/auth/sms-codes', { phone });
    expect(again.status).toBe(429);
    expect(again.body.type).toBe('code-too-frequent');
    const code = t.sms.lastCodeFor(phone)!;
    t.clock.advanceMinutes(6);
    expect((await anon.post('/api/v1/auth/login/code', { phone, code })).body.type).toBe('code-invalid');
  });

  it('rejects a malformed phone with field errors', async () => {
    const res = await anon.post('/api/v1/auth/sms-codes', { phone: '12345' });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('validation-failed');
    expect(res.body.errors[0].field).toBe('body.phone');
  });
});

describe('password login and sessions', () => {
  it('sets a password, logs in with it, and logs out', async () => {
    const user = await loginByCode(t);
    expect((await user.put('/api/v1/me/password', { password: 'short' })).status).toBe(400);
    expect((await user.put('/api/v1/me/password', { password: 'haowu2026' })).status).toBe(204);
    const bad = await anon.post('/api/v1/auth/login/password', { phone: user.phone, password: 'nope1234' });
    expect(bad.body.type).toBe('credentials-invalid');
    const good = await anon.post('/api/v1/auth/login/password', { phone: user.phone, password: 'haowu2026' });
    expect(good.status).toBe(200);
    const session = new Client(t, good.body.token);
    expect((await session.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await session.get('/api/v1/me')).status).toBe(401);
  });

  it('answers 401 without a session and ignores forged tokens', async () => {
    expect((await anon.get('/api/v1/me')).status).toBe(401);
    expect((await new Client(t, 'forged').get('/api/v1/me')).status).toBe(401);
  });
});

describe('address book', () => {
  const addr = {
    recipient: '张三',
    phone: '13800138000',
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    detail: '文三路 100 号',
  };
  it('makes the first address default and hides addresses from other users', async () => {
    const a = await loginByCode(t);
    const b = await loginByCode(t);
    const first = await a.post('/api/v1/me/addresses', addr);
    expect(first.status).toBe(201);
    expect(first.body.isDefault).toBe(true);
    const second = await a.post('/api/v1/me/addresses', { ...addr, detail: '莫干山路 1 号', isDefault: true });
    const list = await a.get('/api/v1/me/addresses');
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([second.body.id, first.body.id]);
    expect((await b.patch(`/api/v1/me/addresses/${first.body.id}`, { recipient: '李四' })).status).toBe(404);
    expect((await b.delete(`/api/v1/me/addresses/${first.body.id}`)).status).toBe(404);
    expect((await a.delete(`/api/v1/me/addresses/${second.body.id}`)).status).toBe(204);
    const after = await a.get('/api/v1/me/addresses');
    expect(after.body.items).toHaveLength(1);
    expect(after.body.items[0].isDefault).toBe(true);
  });
});

describe('WeChat sign-in, sandbox (the default)', () => {
  it('sends the browser to the 沙箱 consent page, whose code signs in after a phone is bound', async () => {
    const start = await anon.post('/api/v1/auth/wechat/authorize', { kind: 'web' });
    expect(start.body.authorizeUrl).toMatch(/^\/wechat-sandbox\?appid=sandbox&redirect_uri=%2Flogin%2Fwechat&/);
    const state = new URL(start.body.authorizeUrl, 'http://x').searchParams.get('state')!;
    const made = await anon.post('/api/v1/auth/wechat/callback', { code: 'made-up', state });
    expect(made.body.type).toBe('wechat-code-invalid');

    const state2 = new URL(
      (await anon.post('/api/v1/auth/wechat/authorize', { kind: 'web' })).body.authorizeUrl,
      'http://x',
    ).searchParams.get('state')!;
    const cb = await anon.post('/api/v1/auth/wechat/callback', { code: 'sandbox.browser0001', state: state2 });
    expect(cb.body).toMatchObject({ status: 'needs-phone', nickname: '沙箱微信用户0001' });
    const phone = nextPhone();
    await anon.post('/api/v1/auth/sms-codes', { phone });
    const bound = await anon.post('/api/v1/auth/wechat/bind-phone', {
      ticket: cb.body.ticket,
      phone,
      code: t.sms.lastCodeFor(phone),
    });
    expect(bound.status).toBe(200);
    expect(bound.body.user.phone).toBe(phone);
  });
});
