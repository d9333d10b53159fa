// Journey 10: the operator opens the 实时大屏; a consumer buys (through the API, as the shop would) and the GMV and
// order tiles on the open page change without a reload; then the operator builds a view → add-to-cart → pay funnel
// broken down by channel and looks at retention and RFM; the merchant sees the server-computed dashboard.
import { randomUUID } from 'node:crypto';
import { demo, type Journey, type World } from '../harness.ts';
import { apiGet, apiLogin, consoleLogin, expectText } from './steps.ts';

async function apiPost(world: World, path: string, token: string, body: unknown, idempotent = false): Promise<any> {
  const res = await fetch(`${world.server.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...(idempotent ? { 'idempotency-key': randomUUID() } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The consumer buys one unit of an in-stock SKU and pays in the sandbox: what the shop does, without the clicks. */
async function consumerBuys(world: World): Promise<void> {
  const { token } = await apiLogin(world, demo.consumer);
  const hits = await apiGet(world, `/api/v1/products?q=${encodeURIComponent('面霜')}&limit=10`);
  let skuId: string | undefined;
  for (const hit of hits.items as { id: string }[]) {
    const p = (await apiGet(world, `/api/v1/products/${hit.id}`)) as { skus: { id: string; stock: number }[] };
    skuId = p.skus.find((s) => s.stock > 0)?.id;
    if (skuId) break;
  }
  if (!skuId) throw new Error('no 面霜 in stock to buy');
  const addresses = (await apiGet(world, '/api/v1/me/addresses', token)) as
    { items?: { id: string }[] } | { id: string }[];
  const list = Array.isArray(addresses) ? addresses : (addresses.items ?? []);
  const addressId = list[0]?.id;
  if (!addressId) throw new Error('the demo consumer has no address');
  const items = [{ skuId, qty: 1 }];
  const quote = await apiPost(world, '/api/v1/checkout/quote', token, { items, addressId });
  const order = await apiPost(world, '/api/v1/orders', token, { items, addressId, expectedAmount: quote.amount }, true);
  const payment = await apiPost(world, '/api/v1/payments', token, { checkoutId: order.checkoutId }, true);
  await apiPost(world, `/api/v1/sandbox/pay/${payment.paymentId}`, token, { outcome: 'succeeded' });
}

export const operatorDashboard: Journey = {
  name: '10 operator watches the 大屏 move when a consumer pays, then builds a funnel by channel',
  async run(world) {
    const { page } = await world.console();
    await consoleLogin(page, demo.operator, '/console/platform/merchants');
    await page.goto('/console/platform/insights/realtime');
    const orders = page.getByTestId('big-orders');
    await orders.waitFor();
    const before = { orders: await orders.innerText(), gmv: await page.getByTestId('big-gmv').innerText() };
    await world.shot(page, '10-01-big-screen');

    await consumerBuys(world);
    // No reload: the page polls; the loader copies the pay rows into the engine within a few seconds.
    await expectText(orders, new RegExp(`^(?!${before.orders}$)\\d+$`), 30_000);
    const after = await page.getByTestId('big-gmv').innerText();
    if (after === before.gmv) throw new Error(`GMV stayed at ${after} after the purchase`);
    await page.getByTestId('big-hourly').waitFor();
    await world.shot(page, '10-02-big-screen-after-purchase');

    // Funnel: 下单 → 支付 (both derived on the server, so the purchase above is in it), broken down by channel.
    await page.goto('/console/platform/insights/funnel');
    await page.getByTestId('funnel-step-2').waitFor();
    await page.getByTestId('funnel-step-0').getByRole('combobox').click();
    await page.locator('.ant-select-item-option[title="下单"]').click();
    await page.getByTestId('funnel-step-1').getByRole('button', { name: '删除这一步' }).click();
    await page.getByTestId('funnel-run').click();
    await page.getByTestId('funnel-table').waitFor({ timeout: 30_000 });
    await page.getByTestId('funnel-breakdown').waitFor();
    // The breakdown is by the first step's channel; order rows carry none (it comes with the payment): 直接访问.
    await expectText(page.getByTestId('funnel-breakdown'), '直接访问');
    await world.shot(page, '10-03-funnel');

    await page.goto('/console/platform/insights/retention');
    await page.getByTestId('repurchase-rate').waitFor({ timeout: 30_000 });
    await world.shot(page, '10-04-retention');
    await page.goto('/console/platform/insights/rfm');
    await page.getByTestId('rfm-table').or(page.getByText('这段时间没有买家')).first().waitFor({ timeout: 30_000 });
    await world.shot(page, '10-05-rfm');

    // The merchant's dashboard is one server query now, and the order list says where each order came from.
    const desk = (await world.console()).page;
    await consoleLogin(desk, demo.merchant, '/console/merchant/dashboard');
    await desk.getByTestId('stat-gmv').waitFor();
    await world.shot(desk, '10-06-merchant-dashboard');
    await desk.goto('/console/merchant/orders');
    await desk.getByTestId('order-source').first().waitFor({ timeout: 30_000 });
    await world.shot(desk, '10-07-merchant-orders-source');
  },
};
