// Browser-journey machinery: the built server with demo data on a throw-away PGlite directory, Debian's
// Chromium through playwright-core, screenshots into e2e/screenshots/ (git-ignored) and axe-core checks.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { repoRoot, type ServerProcess, startServer } from '../bench/lib.ts';

const require = createRequire(import.meta.url);

const screenshotsDir = path.join(repoRoot, 'e2e/screenshots');
const SHOP_VIEWPORT = { width: 390, height: 844 };
const CONSOLE_VIEWPORT = { width: 1440, height: 900 };

export const demo = {
  consumer: { phone: '13800000001', password: 'haowu123' },
  merchant: { phone: '13800000002', password: 'haowu123' },
  operator: { phone: '13800000003', password: 'haowu123' },
};

export interface World {
  server: ServerProcess;
  browser: Browser;
  /** The sandbox SMS outbox (JSON lines of { phone, code }), to sign a new phone up. */
  smsOutbox: string;
  /** Values journeys hand to the ones after them (e.g. the order the consumer placed). */
  shared: Record<string, string>;
  /** A fresh browser context at the shop's phone size; closed by `closePages` after the journey. */
  shop(): Promise<{ context: BrowserContext; page: Page }>;
  /** A fresh browser context at the console's desktop size; closed by `closePages` after the journey. */
  console(): Promise<{ context: BrowserContext; page: Page }>;
  shot(page: Page, name: string): Promise<void>;
  /** Screenshots every page still open (after a failure, to show where the journey stopped). */
  shotOpenPages(prefix: string): Promise<string[]>;
  /** Closes the contexts the last journey opened. */
  closePages(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'haowu-e2e-'));
  const server = await startServer(
    {
      DATA_DIR: dataDir,
      SEED_ON_START: 'true',
      // The 1.2M demo behaviour events would outlast the start-up deadline; journeys browse for their own events.
      SEED_EVENTS: process.env.E2E_SEED_EVENTS ?? '0',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_ENABLED: 'false',
      SMS_SANDBOX_OUTBOX: path.join(dataDir, 'sms-outbox.jsonl'),
      // Journey 18 waits out the account-cancellation cooling-off period instead of 15 days.
      ACCOUNT_COOLING_OFF_SECONDS: '20',
      // Journey 27's webhook receiver listens on this machine; production refuses such targets by default.
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    },
    Number(process.env.E2E_PORT ?? 3950),
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Only this run's screenshots: a stale FAILED-… picture from an earlier run would mislead.
  await rm(screenshotsDir, { recursive: true, force: true });
  await mkdir(screenshotsDir, { recursive: true });
  const open: BrowserContext[] = [];
  const newPage = async (viewport: { width: number; height: number }, isMobile: boolean) => {
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      viewport,
      isMobile,
      hasTouch: isMobile,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      deviceScaleFactor: 1,
    });
    context.setDefaultTimeout(15_000);
    open.push(context);
    const page = await context.newPage();
    reportTrouble(page);
    return { context, page };
  };
  // The shop's toasts sit in the middle of a phone screen for two seconds after most actions; the journeys
  // wait for them where they matter, and the pictures leave them out so they show the page underneath.
  const shot = async (page: Page, name: string, hideToasts = true) => {
    await page.screenshot({
      path: path.join(screenshotsDir, `${name}.png`),
      fullPage: false,
      ...(hideToasts ? { style: '.adm-toast-mask { visibility: hidden !important; }' } : {}),
    });
  };
  return {
    server,
    browser,
    smsOutbox: path.join(dataDir, 'sms-outbox.jsonl'),
    shared: {},
    shop: () => newPage(SHOP_VIEWPORT, true),
    console: () => newPage(CONSOLE_VIEWPORT, false),
    shot,
    shotOpenPages: async (prefix) => {
      const names: string[] = [];
      for (const page of open.flatMap((c) => c.pages())) {
        const name = `${prefix}-${names.length + 1}`;
        // A page that crashed or closed cannot be captured; the error report still stands.
        await shot(page, name, false).then(
          () => names.push(name),
          () => undefined,
        );
      }
      return names;
    },
    closePages: async () => {
      await Promise.all(open.splice(0).map((c) => c.close()));
    },
  };
}

const cspViolations: string[] = [];

/** The Content-Security-Policy violations seen since the last call (run.ts fails the journey on any). */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

/** Uncaught page errors and server errors are printed as they happen: they explain most failed waits. */
function reportTrouble(page: Page): void {
  page.on('pageerror', (err) => console.log(`  [page error] ${page.url()}: ${err.message}`));
  // Chromium reports a blocked script, style, image or connection as a console error naming the policy.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text()))
      cspViolations.push(`${page.url()}: ${msg.text().slice(0, 300)}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 500) console.log(`  [server ${res.status()}] ${res.request().method()} ${res.url()}`);
  });
}

/** Runs axe-core in the page; returns the serious and critical violations, with where they are (first few nodes). */
export async function seriousA11yViolations(
  page: Page,
): Promise<{ id: string; impact: string; help: string; nodes: number; where: string[] }[]> {
  // Colours are measured as painted: a button fading from disabled (antd-mobile's 0.15 s opacity transition) reads as
  // low contrast mid-fade, so wait for every finite CSS transition and animation to settle first.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the debugging protocol, not as a <script>: the page's CSP (no inline script) stays on.
  await page.evaluate(source);
  type Violation = {
    id: string;
    impact: string;
    help: string;
    nodes: { target: unknown[]; failureSummary?: string }[];
  };
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      where: v.nodes
        .slice(0, 3)
        .map(
          (n) =>
            `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 240)}` : ''}`,
        ),
    }));
}

/** One browser journey: what run.ts runs in order. `required` stops the run when it fails. */
export interface Journey {
  name: string;
  required?: boolean;
  run(world: World): Promise<void>;
}
