import { afterAll, describe, expect, it } from 'vitest';
import { FakeWechatOAuth } from '../../../test/fake-wechat-oauth.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client, loginByCode, nextPhone } from '../../../test/http.ts';

// 微信登录 against a local fake of WeChat's sns API: state (CSRF), code exchange and its errcodes, phone binding.

const wx = await new FakeWechatOAuth().start();
afterAll(() => wx.stop());
const t = await createTestApp(wx.env());
const [WEB, MP] = [...wx.apps.keys()] as [string, string];
let ip = 0;
const anon = () => new Client(t).withHeaders({ 'x-forwarded-for': `10.77.0.${++ip % 250}` });

/** Starts a sign-in and returns the state WeChat would echo back. */
async function authorize(client: Client, kind: 'web' | 'mp' = 'web', url = '/api/v1/auth/wechat/authorize') {
  const res = await client.post(url, { kind });
  expect(res.status).toBe(200);
  return new URL(res.body.authorizeUrl as string).searchParams.get('state')!;
}

async function bindPhone(client: Client, ticket: string, phone: string) {
  await client.post('/api/v1/auth/sms-codes', { phone });
  return client.post('/api/v1/auth/wechat/bind-phone', { ticket, phone, code: t.sms.lastCodeFor(phone) });
}

describe('WeChat sign-in (WECHAT_LOGIN_PROVIDER=wechat)', () => {
  it('builds the documented authorize URLs for 网站应用 and 公众号', async () => {
    const web = await anon().post('/api/v1/auth/wechat/authorize', { kind: 'web' });
    expect(web.body.authorizeUrl).toMatch(
      new RegExp(
        `^https://open\\.weixin\\.qq\\.com/connect/qrconnect\\?appid=${WEB}&redirect_uri=https%3A%2F%2Fshop\\.example\\.cn%2Flogin%2Fwechat&response_type=code&scope=snsapi_login&state=[0-9a-f]{32}#wechat_redirect$`,
      ),
    );
    const mp = await anon().post('/api/v1/auth/wechat/authorize', { kind: 'mp', scope: 'snsapi_base' });
    expect(mp.body.authorizeUrl).toContain(`https://open.weixin.qq.com/connect/oauth2/authorize?appid=${MP}&`);
    expect(mp.body.authorizeUrl).toContain('scope=snsapi_base');
  });

  it('a new WeChat user binds a phone by SMS code, and next time WeChat alone signs them in', async () => {
    const person = wx.person('小满');
    const client = anon();
    const first = await client.post('/api/v1/auth/wechat/callback', {
      code: wx.issueCode(person, WEB),
      state: await authorize(client),
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'needs-phone', nickname: '小满' });
    const phone = nextPhone();
    const bound = await bindPhone(client, first.body.ticket, phone);
    expect(bound.status).toBe(200);
    expect(bound.body.user.phone).toBe(phone);
    expect(bound.headers['set-cookie']).toContain('HttpOnly');
    // The ticket is spent.
    expect((await bindPhone(client, first.body.ticket, nextPhone())).body.type).toBe('wechat-ticket-invalid');

    const again = await client.post('/api/v1/auth/wechat/callback', {
      code: wx.issueCode(person, WEB),
      state: await authorize(client),
    });
    expect(again.body.status).toBe('signed-in');
    expect(again.body.login.user.id).toBe(bound.body.user.id);
    const me = await new Client(t, again.body.login.token).get('/api/v1/me/wechat');
    expect(me.body).toMatchObject({ bound: true, nickname: '小满' });
  });

  it('the same person through the 公众号 is matched by unionid, not by the other app’s openid', async () => {
    const person = wx.person('阿青');
    const client = anon();
    const first = await client.post('/api/v1/auth/wechat/callback', {
      code: wx.issueCode(person, WEB),
      state: await authorize(client),
    });
    const bound = await bindPhone(client, first.body.ticket, nextPhone());
    const viaMp = await client.post('/api/v1/auth/wechat/callback', {
      code: wx.issueCode(person, MP),
      state: await authorize(client, 'mp'),
    });
    expect(viaMp.body.status).toBe('signed-in');
    expect(viaMp.body.login.user.id).toBe(bound.body.user.id);
  });

  it('binding a phone that already has an account signs into that account', async () => {
    const existing = await loginByCode(t);
    const client = anon();
    const cb = await client.post('/api/v1/auth/wechat/callback', {
      code: wx.issueCode(wx.person('老顾客'), WEB),
      state: await authorize(client),
    });
    t.clock.advanceMinutes(2); // the login above just sent this phone a code
    const res = await bindPhone(client, cb.body.ticket, existing.phone);
    expect(res.body.user.id).toBe(existing.userId);
  });

  it('refuses a forged, replayed or expired state before asking WeChat', async () => {
    const client = anon();
    const calls = wx.calls;
    const forged = await client.post('/api/v1/auth/wechat/callback', { code: 'x', state: 'f'.repeat(32) });
    expect(forged.status).toBe(400);
    expect(forged.body).toMatchObject({ type: 'wechat-state-invalid', title: '微信登录请求已失效' });
    expect(wx.calls).toBe(calls);

    const person = wx.person('回放');
    const state = await authorize(client);
    await client.post('/api/v1/auth/wechat/callback', { code: wx.issueCode(person, WEB), state });
    const replay = await client.post('/api/v1/auth/wechat/callback', { code: wx.issueCode(person, WEB), state });
    expect(replay.body.type).toBe('wechat-state-invalid');

    const late = await authorize(client);
    t.clock.advanceMinutes(11);
    const expired = await client.post('/api/v1/auth/wechat/callback', { code: wx.issueCode(person, WEB), state: late });
    expect(expired.body.type).toBe('wechat-state-invalid');
  });

  it("maps WeChat's errcodes: 40029 invalid code, 40163 code used, 40125 bad secret; retries -1 once", async () => {
    const client = anon();
    const invalid = await client.post('/api/v1/auth/wechat/callback', {
      code: 'not-a-wechat-code',
      state: await authorize(client),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    expect(invalid.body).toMatchObject({ type: 'wechat-code-invalid', title: '微信授权已失效' });

    const code = wx.issueCode(wx.person('重复'), WEB);
    await client.post('/api/v1/auth/wechat/callback', { code, state: await authorize(client) });
    const used = await client.post('/api/v1/auth/wechat/callback', { code, state: await authorize(client) });
    expect(used.body).toMatchObject({ type: 'wechat-code-used', title: '该微信授权已使用' });

    wx.apps.set(WEB, 'rotated-secret-the-server-does-not-know');
    const badSecret = await client.post('/api/v1/auth/wechat/callback', {
      code: wx.issueCode(wx.person('轮换'), WEB),
      state: await authorize(client),
    });
    wx.apps.set(WEB, 'web-secret-generated-for-tests');
    expect(badSecret.status).toBe(503);
    expect(badSecret.body).toMatchObject({ type: 'wechat-login-unavailable', title: '微信登录暂时不可用' });
    expect(badSecret.body.detail).toContain('手机验证码登录');

    wx.failNext.push(-1);
    const busyOnce = await client.post('/api/v1/auth/wechat/callback', {
      code: wx.issueCode(wx.person('繁忙'), WEB),
      state: await authorize(client),
    });
    expect(busyOnce.body.status).toBe('needs-phone');
  });
});

describe('binding WeChat in settings', () => {
  it('binds, refuses a WeChat bound elsewhere, unbinds, and only the account that started it may finish', async () => {
    const user = await loginByCode(t);
    const person = wx.person('设置页');
    expect((await user.get('/api/v1/me/wechat')).body).toEqual({ bound: false, nickname: null, boundAt: null });

    const state = await authorize(user, 'web', '/api/v1/me/wechat/authorize');
    const intruder = await loginByCode(t);
    const stolen = await intruder.post('/api/v1/auth/wechat/callback', { code: wx.issueCode(person, WEB), state });
    expect(stolen.status).toBe(403);

    const state2 = await authorize(user, 'web', '/api/v1/me/wechat/authorize');
    const bound = await user.post('/api/v1/auth/wechat/callback', { code: wx.issueCode(person, WEB), state: state2 });
    expect(bound.body).toMatchObject({ status: 'bound', wechat: { bound: true, nickname: '设置页' } });

    const other = await loginByCode(t);
    const s3 = await authorize(other, 'web', '/api/v1/me/wechat/authorize');
    const taken = await other.post('/api/v1/auth/wechat/callback', { code: wx.issueCode(person, WEB), state: s3 });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ type: 'wechat-bound-elsewhere', title: '该微信已绑定其他账号' });

    expect((await user.delete('/api/v1/me/wechat')).body.bound).toBe(false);
    const client = anon();
    const afterUnbind = await client.post('/api/v1/auth/wechat/callback', {
      code: wx.issueCode(person, WEB),
      state: await authorize(client),
    });
    expect(afterUnbind.body.status).toBe('needs-phone');
  });
});
