// Steps the journeys share: signing in through the real login pages, waiting for what a user would see,
// and the few setup look-ups that go straight to the API (never a user-visible step).
import { randomUUID } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { demo, type World } from '../harness.ts';

export interface Account {
  phone: string;
  password: string;
}

/** Signs in on the shop's login page with a password and waits to land on `then`. */
export async function shopLogin(page: Page, account: Account, then = '/me'): Promise<void> {
  await page.goto(`/login?redirect=${encodeURIComponent(then)}`);
  await page.getByRole('tab', { name: '密码登录' }).click();
  await page.getByTestId('login-password-phone').fill(account.phone);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-password-submit').click();
  await page.waitForURL((url) => url.pathname + url.search === then);
}

/**
 * The console dialog named `name`, once it has finished opening. Playwright's "stable" check takes two equal frames
 * as rest; on a loaded machine a dropped frame in the middle of antd's zoom-in passes it, and a click aimed at where
 * the button was lands nowhere — a silent no-op (journey 3's approval and journey 12's switch were lost this way).
 * So wait until the motion classes are gone and no CSS animation runs inside the dialog.
 */
export async function openedDialog(page: Page, name: string | RegExp): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  await page.waitForFunction(
    (el) =>
      el !== null &&
      !/-(appear|enter)(-|\b)/.test(el.className) &&
      el.getAnimations({ subtree: true }).every((a) => a.playState !== 'running'),
    await dialog.elementHandle(),
  );
  return dialog;
}

/** Signs in on the console's login page and waits for the page the console sends this role to. */
export async function consoleLogin(page: Page, account: Account, landing: string): Promise<void> {
  await page.goto('/console/login');
  await page.getByTestId('login-phone').fill(account.phone);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname === landing);
}

/** Waits until `locator` shows `expected`; on timeout says what it showed instead. */
export async function expectText(locator: Locator, expected: string | RegExp, timeout = 15_000): Promise<void> {
  try {
    await locator.filter({ hasText: expected }).first().waitFor({ timeout });
  } catch {
    const shown = await locator.allInnerTexts().catch(() => []);
    throw new Error(`expected ${String(locator)} to show ${String(expected)}; it shows ${JSON.stringify(shown)}`);
  }
}

/**
 * Reloads until `locator` shows `expected` — for what a background job changes (refunds run on the server's
 * one-second worker) and the page does not poll for. Bounded by `timeout`.
 */
export async function reloadUntil(
  page: Page,
  locator: Locator,
  expected: string | RegExp,
  timeout = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await locator.filter({ hasText: expected }).first().waitFor({ timeout: 2_000 });
      return;
    } catch {
      if (Date.now() > deadline) {
        const shown = await locator.allInnerTexts().catch(() => []);
        throw new Error(
          `after ${timeout / 1000}s of reloading, ${String(locator)} still shows ${JSON.stringify(shown)}, not ${String(expected)}`,
        );
      }
      await page.reload();
    }
  }
}

/** Reads the id a page's URL carries after `prefix`, e.g. the order id from /orders/ord_…. */
export function idFromUrl(page: Page, prefix: string): string {
  const match = new RegExp(`${prefix}([A-Za-z0-9_]+)`).exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`no id after ${prefix} in ${page.url()}`);
  return match[1];
}

/** "¥1,234.50" → 123450 fen. */
export function fenOf(text: string): number {
  const match = /(\d[\d,]*)(?:\.(\d{1,2}))?/.exec(text);
  if (!match?.[1]) throw new Error(`no amount in ${JSON.stringify(text)}`);
  return Number(match[1].replaceAll(',', '')) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/** Reads a value shared by an earlier journey; a clear failure when that journey did not get that far. */
export function need(world: World, key: string): string {
  const value = world.shared[key];
  if (!value) throw new Error(`needs "${key}" from an earlier journey, which did not finish`);
  return value;
}

/** Setup look-up: signs in through the API and returns the session token and user. */
export async function apiLogin(
  world: World,
  account: Account,
): Promise<{ token: string; user: { staff: { merchantId: string }[] } }> {
  const res = await fetch(`${world.server.baseUrl}/api/v1/auth/login/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  if (!res.ok) throw new Error(`API login for ${account.phone} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { token: string; user: { staff: { merchantId: string }[] } };
}

export async function apiGet(world: World, path: string, token?: string): Promise<any> {
  const res = await fetch(`${world.server.baseUrl}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok) throw new Error(`GET ${path} failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Setup: a demo-shop SKU with at least `min` units in stock (earlier journeys sell out the first products). */
export async function demoSkuInStock(world: World, min = 1): Promise<string> {
  const { user } = await apiLogin(world, demo.merchant);
  const listed = await apiGet(world, `/api/v1/products?merchantId=${user.staff[0]!.merchantId}&limit=20`);
  for (const item of listed.items as { id: string }[]) {
    const product = await apiGet(world, `/api/v1/products/${item.id}`);
    const sku = (product.skus as { id: string; stock: number }[]).find((s) => s.stock >= min);
    if (sku) return sku.id;
  }
  throw new Error(`the demo shop has no SKU with ${min} units in stock`);
}

/** A small real PNG (solid colour with a darker border), made here so the journey needs no fixture file. */
export function pngOf(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0, then RGB
    for (let x = 0; x < width; x++) {
      const edge = x < 4 || y < 4 || x >= width - 4 || y >= height - 4;
      row.set(edge ? [r >> 1, g >> 1, b >> 1] : [r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Setup: a fresh paid order of one unit of a demo-merchant product (or of `skuId`), placed and paid in the sandbox
 * via the API.
 */
export async function paidOrder(world: World, skuId?: string): Promise<string> {
  const { token } = await apiLogin(world, demo.consumer);
  const { user } = await apiLogin(world, demo.merchant);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${world.server.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path} failed: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const merchantId = user.staff[0]!.merchantId;
  const firstSku = async () => {
    const listed = await call('GET', `/api/v1/products?merchantId=${merchantId}&limit=5`);
    const product = await call('GET', `/api/v1/products/${listed.items[0].id}`);
    return product.skus.find((s: { stock: number; enabled?: boolean }) => s.stock > 0).id as string;
  };
  const sku = { id: skuId ?? (await firstSku()) };
  const addresses = (await call('GET', '/api/v1/me/addresses')).items as { id: string; isDefault: boolean }[];
  const addressId = (addresses.find((a) => a.isDefault) ?? addresses[0])!.id;
  const items = [{ skuId: sku.id, qty: 1 }];
  const quote = await call('POST', '/api/v1/checkout/quote', { items, addressId });
  const placed = await call('POST', '/api/v1/orders', { items, addressId, expectedAmount: quote.amount });
  const payment = await call('POST', '/api/v1/payments', { checkoutId: placed.checkoutId });
  await call('POST', `/api/v1/sandbox/pay/${payment.paymentId}`, { outcome: 'succeeded' });
  return placed.orders[0].id as string;
}
