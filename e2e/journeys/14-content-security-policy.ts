// Journey 14 (issue 13, finding 6): the shop and the console load under the Content-Security-Policy with no
// violation, the policy really blocks an injected inline script, and the console cannot be framed.
import { demo, type Journey, takeCspViolations } from '../harness.ts';
import { consoleLogin, shopLogin } from './steps.ts';

export const contentSecurityPolicy: Journey = {
  name: '14 content security policy: pages work under it, injected script and framing are refused',
  async run(world) {
    const { page: shop } = await world.shop();
    const res = await shop.goto('/');
    if (!res?.headers()['content-security-policy']?.includes("script-src 'self'"))
      throw new Error('the shop is served without a script-src policy');
    await shopLogin(shop, demo.consumer);
    await shop.goto('/');
    await shop.waitForLoadState('networkidle');
    await world.shot(shop, '14-shop-under-csp');

    const { page: console } = await world.console();
    await consoleLogin(console, demo.merchant, '/console/merchant/dashboard');
    await console.waitForLoadState('networkidle'); // charts (ECharts), tables and their data

    await world.shot(console, '14-console-under-csp');
    const clean = takeCspViolations();
    if (clean.length > 0) throw new Error(`CSP violations on working pages:\n    ${clean.join('\n    ')}`);

    // An injected inline script (what a stored XSS would be) does not run, and the browser says why.
    const ran = await shop.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.head.append(s);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    if (ran) throw new Error('an inline script ran despite the policy');
    const blocked = takeCspViolations();
    if (!blocked.some((v) => v.includes('script-src')))
      throw new Error(`the blocked script left no CSP report: ${JSON.stringify(blocked)}`);

    // frame-ancestors 'none': another page cannot put the console in a frame (clickjacking).
    await shop.setContent(`<iframe id="f" src="${world.server.baseUrl}/console/"></iframe>`);
    const framed = await shop
      .frameLocator('#f')
      .locator('#root')
      .waitFor({ timeout: 3000 })
      .then(
        () => true,
        () => false,
      );
    takeCspViolations(); // the refusal itself is reported as a violation, which is the point
    if (framed) throw new Error('the console rendered inside a frame');
  },
};
