import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, placeOrder, shop } from '../../../test/order-factories.ts';
import { startPayment } from '../../../test/payment-flow.ts';
import { safeReturnUrl } from './sandbox-page.ts';

// Issue 13, finding 5: `/%09/evil.test` passed a string-prefix check, and the browser, which drops tabs and newlines
// from URLs, followed it to //evil.test. Return URLs are now parsed as the browser parses them and their origin
// compared with the app's.

const t = await createTestApp();
const APP = 'https://shop.example.cn';

describe('return URLs after the sandbox cashier', () => {
  it('keeps the app own pages, as absolute URLs on its origin', () => {
    expect(safeReturnUrl('/orders/ord_1?paid=1#top', APP)).toBe('https://shop.example.cn/orders/ord_1?paid=1#top');
    expect(safeReturnUrl('https://shop.example.cn/me', APP)).toBe('https://shop.example.cn/me');
  });

  it.each([
    ['tab', '/\t/evil.test'],
    ['newline', '/\n/evil.test'],
    ['carriage return', '/\r/evil.test'],
    ['protocol-relative', '//evil.test/x'],
    ['backslash', '/\\evil.test'],
    ['dot segment', '/.//evil.test'],
    ['other origin', 'https://evil.test/'],
    ['same host, other port', 'https://shop.example.cn:8443/'],
    ['script', 'javascript:alert(1)'],
    ['data', 'data:text/html,hi'],
  ])('refuses a %s return URL', (_name, url) => {
    const safe = safeReturnUrl(url, APP);
    expect(safe === null || new URL(safe).origin === APP).toBe(true);
    if (safe) expect(safe.startsWith(`${APP}/`)).toBe(true);
  });

  it('does not put /%09/evil.test into the cashier page', async () => {
    const s = await shop(t);
    const me = await buyer(t);
    const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    const payment = await startPayment(me, checkout.checkoutId);
    const page = (returnUrl: string) =>
      t.app.inject({
        method: 'GET',
        url: `${payment.payUrl}?returnUrl=${returnUrl}`,
        headers: { authorization: `Bearer ${me.token}`, host: 'shop.example.cn' },
      });
    const evil = await page('/%09/evil.test');
    expect(evil.statusCode).toBe(200);
    expect(evil.body).not.toContain('evil.test');
    expect(evil.body).not.toContain('返回商城');
    const own = await page(encodeURIComponent('/orders?tab=paid'));
    expect(own.body).toContain('const returnUrl = "http://shop.example.cn/orders?tab=paid"');
  });
});
