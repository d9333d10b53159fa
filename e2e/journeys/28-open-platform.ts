// Journey 27: the demo merchant opens 开放平台, creates an API key (and uses it, signed, the way an ERP would) and a
// webhook pointed at a receiver this journey runs on loopback; a test order is placed and paid; the receiver checks
// the delivery's signature and the merchant sees it delivered (200) in the delivery log.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demo, type Journey } from '../harness.ts';
import { consoleLogin, expectText, openedDialog, paidOrder } from './steps.ts';

interface Delivery {
  event: string;
  id: string;
  signatureValid: boolean;
  body: { type: string; data: { orderId?: string } };
}

/** A receiver as an integrator would write it: verify `t=…,v1=…` over the raw body, answer 200 only when it holds. */
async function startReceiver() {
  const received: Delivery[] = [];
  let secret = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const parts = new Map(
        String(req.headers['x-haowu-signature'] ?? '')
          .split(',')
          .map((p) => p.split('=') as [string, string]),
      );
      const t = Number(parts.get('t'));
      const expected = createHmac('sha256', secret).update(`${t}.${raw}`).digest();
      const given = Buffer.from(parts.get('v1') ?? '', 'hex');
      const signatureValid =
        Math.abs(Date.now() / 1000 - t) <= 300 && given.length === expected.length && timingSafeEqual(given, expected);
      received.push({
        event: String(req.headers['x-haowu-event']),
        id: String(req.headers['x-haowu-webhook-id']),
        signatureValid,
        body: JSON.parse(raw) as Delivery['body'],
      });
      res.writeHead(signatureValid ? 200 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/haowu/webhooks`,
    received,
    setSecret: (s: string) => {
      secret = s;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function waitFor<T>(what: string, find: () => T | undefined, timeout = 30_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`waited ${timeout / 1000}s for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export const openPlatform: Journey = {
  name: '28 merchant creates an API key and a webhook; a paid order is delivered, signed, and shows 200 in the log',
  async run(world) {
    const receiver = await startReceiver();
    try {
      const { page } = await world.console();
      await consoleLogin(page, demo.merchant, '/console/merchant/dashboard');
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '开放平台' }).click();
      await page.waitForURL('**/console/merchant/open-platform');

      // API key: orders:read only, shown once.
      const keyName = `ERP ${Date.now() % 100000}`;
      await page.getByTestId('api-key-name').fill(keyName);
      await page
        .getByTestId('api-key-scopes')
        .getByRole('checkbox', { name: /orders:read/ })
        .check();
      await world.shot(page, '28-01-api-key-form');
      await page.getByTestId('api-key-create').click();
      const once = await openedDialog(page, '请立即保存签名密钥');
      const keyId = (await once.getByTestId('api-key-id').innerText()).trim();
      const keySecret = (await once.getByTestId('api-key-secret').innerText()).trim();
      if (!/^hk_/.test(keyId) || !/^hsk_/.test(keySecret)) throw new Error(`unexpected key ${keyId} / ${keySecret}`);
      await world.shot(page, '28-02-api-key-secret-once');
      await once.getByRole('button', { name: '我已保存' }).click();
      await once.waitFor({ state: 'hidden' });

      // The ERP calls with the key, signed; a route outside its scope is refused with a Chinese problem.
      const signed = async (method: string, path: string) => {
        const ts = String(Math.floor(Date.now() / 1000));
        const nonce = randomBytes(16).toString('hex');
        const canonical = [method, path, ts, nonce, createHash('sha256').update('').digest('hex')].join('\n');
        return fetch(`${world.server.baseUrl}${path}`, {
          method,
          headers: {
            'x-haowu-key': keyId,
            'x-haowu-timestamp': ts,
            'x-haowu-nonce': nonce,
            'x-haowu-signature': createHmac('sha256', keySecret).update(canonical).digest('hex'),
          },
        });
      };
      const orders = await signed('GET', '/api/v1/merchant/orders?limit=5');
      if (orders.status !== 200) throw new Error(`signed GET orders: ${orders.status} ${await orders.text()}`);
      const products = await signed('GET', '/api/v1/merchant/products');
      const problem = (await products.json()) as { title: string };
      if (products.status !== 403 || problem.title !== 'API 密钥没有调用此接口的权限')
        throw new Error(`out-of-scope call answered ${products.status} ${JSON.stringify(problem)}`);
      await page.reload();
      const keyRow = page.getByTestId('api-keys-table').getByRole('row').filter({ hasText: keyName });
      await expectText(keyRow, 'orders:read');
      await expectText(keyRow, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/); // last used, no longer 从未使用
      await world.shot(page, '28-03-api-keys');

      // Webhook: order.paid to the local receiver.
      await page.getByRole('tab', { name: 'Webhooks' }).click();
      await page.getByTestId('webhook-url').fill(receiver.url);
      await page
        .getByTestId('webhook-events')
        .getByRole('checkbox', { name: /order\.paid/ })
        .check();
      await page.getByTestId('webhook-create').click();
      const created = await openedDialog(page, 'Webhook 已创建');
      receiver.setSecret((await created.getByTestId('webhook-secret').innerText()).trim());
      await world.shot(page, '28-04-webhook-created');
      await created.getByRole('button', { name: '查看推送记录' }).click();
      await page.waitForURL(/\/console\/merchant\/open-platform\/webhooks\/whk_/);
      await expectText(page.getByTestId('webhook-status'), '正常');

      // A test order is placed and paid (as the demo consumer, through the API).
      const orderId = await paidOrder(world);
      const delivered = await waitFor('the order.paid delivery', () =>
        receiver.received.find((d) => d.event === 'order.paid' && d.body.data.orderId === orderId),
      );
      if (!delivered.signatureValid) throw new Error('the receiver could not verify the delivery signature');

      const row = page.getByTestId('deliveries-table').locator(`tr[data-row-key="${delivered.id}"]`);
      // The delivery row exists (pending) before the POST goes out; the page polls while one is pending.
      await page.reload();
      await expectText(row.getByTestId('delivery-status-code'), '200', 60_000);
      await expectText(row, '成功');
      await row.getByRole('button', { name: /展开行|Expand row/ }).click();
      await expectText(page.getByText(orderId).first(), orderId);
      await world.shot(page, '28-05-delivery-log-200');

      // The developer page lists each scope's endpoints from the OpenAPI document.
      await page.goto('/console/merchant/open-platform?tab=docs');
      await expectText(
        page.getByTestId('docs-scope').filter({ hasText: 'orders:write' }),
        '/api/v1/merchant/orders/{id}/ship',
      );
      await world.shot(page, '28-06-developer-docs');
    } finally {
      await receiver.close();
    }
  },
};
