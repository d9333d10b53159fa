import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, StartupError } from '../../config.ts';
import { FakeAliyunSms } from '../../../test/fake-aliyun-sms.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client, nextPhone } from '../../../test/http.ts';

// 阿里云短信 behind the SMS port: login codes go out through a local fake of SendSms that checks our ACS3 signature.

const fake = await new FakeAliyunSms().start();
afterAll(() => fake.stop());
const t = await createTestApp(fake.env());
const anon = new Client(t);

describe('SMS_PROVIDER=aliyun', () => {
  it('sends the login code with the approved signature and template, and the code logs in', async () => {
    const phone = nextPhone();
    const res = await anon.post('/api/v1/auth/sms-codes', { phone });
    expect(res.status).toBe(200);
    const sent = fake.sent.at(-1)!;
    expect(sent).toMatchObject({ phone, signName: '好物', template: 'SMS_100000001' });
    expect(sent.params.code).toMatch(/^\d{6}$/);
    const login = await anon.post('/api/v1/auth/login/code', { phone, code: fake.lastCodeFor(phone) });
    expect(login.status).toBe(200);
    expect(login.body.user.phone).toBe(phone);
  });

  it('a signature the gateway does not accept is a clear 503, the code is void, and the per-phone limit holds', async () => {
    const phone = nextPhone();
    const before = fake.sent.length;
    fake.secret = 'a-different-secret-than-the-server-signs-with';
    const res = await anon.post('/api/v1/auth/sms-codes', { phone });
    fake.secret = 'fake-secret-generated-for-this-test-only';
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: 'sms-unavailable', title: '短信服务暂时不可用' });
    expect(res.body.detail).toContain('密码登录');
    expect(fake.sent.length).toBe(before);
    // Asking again at once is still limited per phone: a broken provider is not hammered.
    expect((await anon.post('/api/v1/auth/sms-codes', { phone })).body.type).toBe('code-too-frequent');
    t.clock.advanceMinutes(2);
    expect((await anon.post('/api/v1/auth/sms-codes', { phone })).status).toBe(200);
  });

  it("maps the provider's per-number throttling to 429 and an illegal number to 400", async () => {
    const phone = nextPhone();
    fake.failNext.push('isv.BUSINESS_LIMIT_CONTROL');
    const limited = await anon.post('/api/v1/auth/sms-codes', { phone });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ type: 'sms-provider-limited', title: '该手机号接收短信过于频繁' });
    expect(limited.headers['retry-after']).toBe('3600');

    fake.failNext.push('isv.MOBILE_NUMBER_ILLEGAL');
    const other = await anon.post('/api/v1/auth/sms-codes', { phone: nextPhone() });
    expect(other.status).toBe(400);
    expect(other.body).toMatchObject({ type: 'sms-phone-rejected', title: '该手机号无法接收短信' });
  });

  it('retries once when the provider has a passing fault, and gives up with 503 when it stays down', async () => {
    const phone = nextPhone();
    fake.failNext.push('isp.SYSTEM_ERROR');
    expect((await anon.post('/api/v1/auth/sms-codes', { phone })).status).toBe(200);
    expect(fake.lastCodeFor(phone)).toMatch(/^\d{6}$/);

    const down = nextPhone();
    fake.failNext.push('HTTP503', 'HTTP503');
    const res = await anon.post('/api/v1/auth/sms-codes', { phone: down });
    expect(res.status).toBe(503);
    expect(res.body.type).toBe('sms-unavailable');
    expect(fake.lastCodeFor(down)).toBeUndefined();
  });

  it('sends a notice through the notice template', async () => {
    const phone = nextPhone();
    await t.deps.sms.sendNotice(phone, '您预约的直播 10 分钟后开始');
    expect(fake.sent.at(-1)).toMatchObject({
      phone,
      template: 'SMS_100000002',
      params: { content: '您预约的直播 10 分钟后开始' },
    });
  });

  it('refuses to start without the signature name and template', () => {
    expect(() => loadConfig({ SMS_PROVIDER: 'aliyun', ALIYUN_SMS_ACCESS_KEY_ID: 'x' })).toThrow(StartupError);
    expect(() => loadConfig({ SMS_PROVIDER: 'aliyun', ALIYUN_SMS_ACCESS_KEY_ID: 'x' })).toThrow(
      /ALIYUN_SMS_SIGN_NAME, ALIYUN_SMS_CODE_TEMPLATE/,
    );
  });
});
