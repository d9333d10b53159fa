// Browser-journey machinery: the built server with demo data on a throw-away PGlite directory, Debian's
// Chromium through playwright-core, screenshots into e2e/screenshots/ (git-ignored) and axe-core checks.
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { repoRoot, type ServerProcess, startServer } from '../bench/lib.ts';

export const screenshotsDir = path.join(repoRoot, 'e2e/screenshots');
export const SHOP_VIEWPORT = { width: 390, height: 844 };
export const CONSOLE_VIEWPORT = { width: 1440, height: 900 };

export const demo = {
  consumer: { phone: '13800000001', password: 'haowu123' },
  merchant: { phone: '13800000002', password: 'haowu123' },
  operator: { phone: '13800000003', password: 'haowu123' },
};

export interface World {
  server: ServerProcess;
  browser: Browser;
  /** Values journeys hand to the ones after them (e.g. the order the consumer placed). */
  shared: Record<string, string>;
  shop(): Promise<{ context: BrowserContext; page: Page }>;
  console(): Promise<{ context: BrowserContext; page: Page }>;
  shot(page: Page, name: string): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'haowu-e2e-'));
  const server = await startServer({ DATA_DIR: dataDir, SEED_ON_START: 'true', LOG_LEVEL: 'warn', RATE_LIMIT_ENABLED: 'false' }, Number(process.env.E2E_PORT ?? 3950));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await mkdir(screenshotsDir, { recursive: true });
  const newPage = async (viewport: { width: number; height: number }, isMobile: boolean) => {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport, isMobile, hasTouch: isMobile, locale: 'zh-CN', deviceScaleFactor: 1 });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    return { context, page };
  };
  return {
    server,
    browser,
    shared: {},
    shop: () => newPage(SHOP_VIEWPORT, true),
    console: () => newPage(CONSOLE_VIEWPORT, false),
    shot: async (page, name) => {
      await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: false });
    },
  };
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<{ id: string; impact: string; help: string; nodes: number }[]> {
  const source = await readFile(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: unknown[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
}
