import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../test/harness.ts';
import { loginByCode } from '../test/http.ts';
import { createLogger } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { SESSION_COOKIE } from './platform/http.ts';
import { redactUrl } from './platform/log.ts';

// Issue 13, findings 3 and 4: what the app as a whole does about secrets in logged URLs and cross-origin writes.

const t = await createTestApp({ PUBLIC_ORIGINS: 'https://m.haowu.example' });
const user = await loginByCode(t);
const cookie = `${SESSION_COOKIE}=${user.token}`;

describe('cross-origin writes with the session cookie (finding 4)', () => {
  const logout = (headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { host: 'shop.haowu.test', ...headers } });
  const me = () => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });

  it('refuses a logout sent with the cookie from a page on another port of the same host', async () => {
    const res = await logout({ cookie, origin: 'http://shop.haowu.test:8081', 'sec-fetch-site': 'same-site' });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: 'cross-origin-refused', title: '请求来源不被允许' });
    // Nothing changed: the session still works.
    expect((await me()).statusCode).toBe(200);
  });

  it('refuses a write whose only clue is Sec-Fetch-Site, and an opaque Origin', async () => {
    expect((await logout({ cookie, 'sec-fetch-site': 'same-site' })).statusCode).toBe(403);
    expect((await logout({ cookie, 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await logout({ cookie, origin: 'null' })).statusCode).toBe(403);
    expect((await me()).statusCode).toBe(200);
  });

  it('refuses a cross-origin upload with the cookie before reading it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/media',
      headers: {
        cookie,
        host: 'shop.haowu.test',
        origin: 'http://evil.test',
        'content-type': 'multipart/form-data; boundary=x',
      },
      payload:
        '--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nPNG\r\n--x--\r\n',
    });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a live-room socket handshake with the cookie from another origin', async () => {
    await expect(
      t.app.injectWS('/api/v1/live/sessions/nope/socket', {
        socket: { remoteAddress: '127.0.0.1' },
        headers: { cookie, host: 'shop.haowu.test', origin: 'http://shop.haowu.test:8081' },
      } as never),
    ).rejects.toThrow('403');
  });

  it('lets the app own origin, a configured public origin, Bearer calls and cookie-less callers through', async () => {
    // A configured origin (the shop served elsewhere) and Bearer calls from anywhere are not refused.
    const profile = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: { host: 'shop.haowu.test', 'content-type': 'application/json', ...headers },
        payload: JSON.stringify({ nickname: '好物同学' }),
      });
    expect(
      (await profile({ cookie, origin: 'https://m.haowu.example', 'sec-fetch-site': 'same-site' })).statusCode,
    ).toBe(200);
    expect((await profile({ authorization: `Bearer ${user.token}`, origin: 'http://evil.test' })).statusCode).toBe(200);
    // Cookie-less requests (payment callbacks, scripts) are judged by their own rules, not by Origin.
    const anon = await logout({ origin: 'http://evil.test' });
    expect(anon.statusCode).toBe(401);
    // The app's own origin, as the browser writes it (default port dropped), signs out.
    const own = await logout({ cookie, origin: 'http://shop.haowu.test', 'sec-fetch-site': 'same-origin' });
    expect(own.statusCode).toBe(204);
    expect((await me()).statusCode).toBe(401);
  });
});

describe('secrets in logged URLs (finding 3)', () => {
  it('redacts token and ticket query parameters in every request log line', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger(loadConfig({ LOG_LEVEL: 'info' }), sink);
    const logged = await createTestApp({}, { log });
    await logged.app.inject({ method: 'GET', url: '/api/health?token=SECRET-SESSION&ticket=SECRET-TICKET&page=2' });
    await logged.app.inject({ method: 'GET', url: '/api/v1/live/sessions/x/socket?Token=SECRET-SESSION' });
    const text = lines.join('');
    expect(text).toContain('incoming request');
    expect(text).toContain('token=[redacted]');
    expect(text).toContain('page=2');
    expect(text).not.toContain('SECRET');
  });

  it('keeps the rest of the URL as written', () => {
    expect(redactUrl('/a/b')).toBe('/a/b');
    expect(redactUrl('/a?x=1&access_token=abc&y')).toBe('/a?x=1&access_token=[redacted]&y');
    expect(redactUrl('/a?%74oken=abc')).toBe('/a?%74oken=[redacted]');
  });
});
