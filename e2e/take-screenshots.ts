// `npm run screenshots` (e2e/take-screenshots.ts): what a newcomer sees on a first start, in fresh Chromium screenshots — the shop's home,
// a product, discover, live, 秒杀 (390×844) and the merchant console's dashboard (1440×900) — written to
// screenshots/ (git-ignored). Starts the built server on a throw-away data directory (so the demo data is seeded as
// on a first `npm start`), or uses SCREENSHOTS_URL when a server is already running. Build first: `npm run build`.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { repoRoot, startServer } from '../bench/lib.ts';

const out = path.join(repoRoot, 'screenshots');
const port = Number(process.env.SCREENSHOTS_PORT ?? 3960);

const dataDir = process.env.SCREENSHOTS_URL ? null : await mkdtemp(path.join(os.tmpdir(), 'haowu-shots-'));
const started = performance.now();
const server = dataDir
  ? await startServer({ DATA_DIR: dataDir, SEED_ON_START: 'true', LOG_LEVEL: 'warn' }, port)
  : null;
const baseUrl = process.env.SCREENSHOTS_URL ?? server!.baseUrl;
if (server) console.log(`server with fresh demo data up in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

const open = async (viewport: { width: number; height: number }, mobile: boolean) => {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    isMobile: mobile,
    hasTouch: mobile,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(30_000);
  return context.newPage();
};
/** Waits for the pictures in view to finish loading (lazy ones below the fold never do), then takes the picture. */
const shot = async (page: Page, name: string) => {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .waitForFunction(
      () =>
        Array.from(document.images)
          .filter((i) => i.getBoundingClientRect().top < window.innerHeight)
          .every((i) => i.complete),
      undefined,
      { timeout: 20_000 },
    )
    .catch(() => console.log(`  (${name}: some pictures were still loading)`));
  await page.screenshot({ path: path.join(out, `${name}.png`) });
  console.log(`screenshots/${name}.png`);
};

let failed = false;
try {
  const shop = await open({ width: 390, height: 844 }, true);
  await shop.goto('/');
  await shop.getByTestId('product-card').first().waitFor();
  await shot(shop, '1-home');
  await shop.getByTestId('product-card').first().click();
  await shop.waitForURL(/\/product\//);
  await shop.locator('img').first().waitFor();
  await shot(shop, '2-product');
  await shop.goto('/discover');
  await shop.locator('main img, .post-card img, img').first().waitFor();
  await shot(shop, '3-discover');
  await shop.goto('/live');
  await shop.getByTestId('live-card-viewers').first().waitFor();
  await shot(shop, '4-live');
  await shop.goto('/flash');
  await shop.getByTestId('flash-item-card').first().waitFor();
  await shot(shop, '5-flash');

  const desk = await open({ width: 1440, height: 900 }, false);
  await desk.goto('/console/login');
  await desk.getByTestId('login-phone').fill('13800000002');
  await desk.getByTestId('login-password').fill('haowu123');
  await desk.getByTestId('login-submit').click();
  await desk.waitForURL((url) => url.pathname === '/console/merchant/dashboard');
  await desk.locator('canvas').first().waitFor();
  await shot(desk, '6-console-dashboard');
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  await browser.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
