import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { Client, loginByCode, nextPhone } from '../../../test/http.ts';

// Issue 13, finding 1: a client-chosen X-Forwarded-For defeated every per-address limit, and nothing but the
// address limited password guesses or SMS codes. Addresses are believed only from TRUST_PROXY, and the phone
// itself carries a failed-login lockout and a daily SMS cap.

const t = await createTestApp();
let ipSeq = 0;
/** A request from a fresh client address, as a trusted proxy (the harness trusts 127.0.0.1) reports it. */
const fromNewAddress = () => new Client(t).withHeaders({ 'x-forwarded-for': `10.77.${ipSeq >> 8}.${ipSeq++ & 255}` });

describe('client addresses', () => {
  it('ignores X-Forwarded-For from a peer that is not a configured proxy, so the per-address login limit holds', async () => {
    const direct = await createTestApp({ TRUST_PROXY: '' });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      // Each guess names another address and another phone: only the peer's real address is left to count.
      const res = await new Client(direct)
        .withHeaders({ 'x-forwarded-for': `203.0.113.${i}` })
        .post('/api/v1/auth/login/password', { phone: nextPhone(), password: 'guess-1234' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('believes X-Forwarded-For from a configured proxy', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await fromNewAddress().post('/api/v1/auth/login/password', {
        phone: nextPhone(),
        password: 'guess-1234',
      });
      statuses.push(res.status);
    }
    expect(statuses.every((s) => s === 400)).toBe(true);
  });
});

describe('failed password logins are counted per phone', () => {
  it('locks password login after 5 wrong passwords from any addresses, even for the right one, then lets it in', async () => {
    const user = await loginByCode(t);
    expect((await user.put('/api/v1/me/password', { password: 'right-pass-2026' })).status).toBe(204);
    const guess = (password: string) =>
      fromNewAddress().post('/api/v1/auth/login/password', { phone: user.phone, password });

    for (let i = 0; i < 4; i++) expect((await guess(`wrong-${i}-pass`)).status).toBe(400);
    const locked = await guess('wrong-4-pass');
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ type: 'login-locked', title: '登录尝试过多', retryAfter: 60 });
    expect(locked.body.detail).toContain('1 分钟后再试');
    expect(locked.headers['retry-after']).toBe('60');

    // The right password is refused while the lock lasts: guessing on cannot find it.
    expect((await guess('right-pass-2026')).body.type).toBe('login-locked');

    t.clock.advance(61_000);
    // One more failure after the lock doubles it.
    const again = await guess('wrong-5-pass');
    expect(again.body).toMatchObject({ type: 'login-locked', retryAfter: 120 });
    t.clock.advance(121_000);

    const ok = await guess('right-pass-2026');
    expect(ok.status).toBe(200);
    // A success starts the count afresh.
    for (let i = 0; i < 4; i++) expect((await guess(`wrong-again-${i}`)).status).toBe(400);
  });

  it('counts unknown phones the same way, so the answers do not reveal which phones have accounts', async () => {
    const phone = nextPhone();
    const results = [];
    for (let i = 0; i < 5; i++)
      results.push(
        (await fromNewAddress().post('/api/v1/auth/login/password', { phone, password: 'x-1234567' })).status,
      );
    expect(results).toEqual([400, 400, 400, 400, 429]);
  });
});

describe('SMS codes per phone', () => {
  it('sends at most 10 codes to one phone in 24 hours, whichever addresses ask', async () => {
    const phone = nextPhone();
    for (let i = 0; i < 10; i++) {
      expect((await fromNewAddress().post('/api/v1/auth/sms-codes', { phone })).status).toBe(200);
      t.clock.advance(61_000);
    }
    const capped = await fromNewAddress().post('/api/v1/auth/sms-codes', { phone });
    expect(capped.status).toBe(429);
    expect(capped.body).toMatchObject({ type: 'code-daily-cap', title: '今日验证码发送次数已达上限' });
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(0);

    t.clock.advance(24 * 3600_000);
    expect((await fromNewAddress().post('/api/v1/auth/sms-codes', { phone })).status).toBe(200);
  });

  it('sends one code when many requests for the same phone arrive together', async () => {
    const phone = nextPhone();
    const burst = await Promise.all(
      Array.from({ length: 6 }, () => fromNewAddress().post('/api/v1/auth/sms-codes', { phone })),
    );
    expect(burst.filter((r) => r.status === 200)).toHaveLength(1);
  });
});
