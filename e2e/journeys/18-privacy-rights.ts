// Journey 18 (PIPL rights): a newly registered consumer who bought and reviewed something opens 我的 → 隐私中心,
// agrees to the policy, downloads their data (a job builds it; the file holds their phone and order) and cancels
// their account. The server's cooling-off period is 20 s here (ACCOUNT_COOLING_OFF_SECONDS in e2e/harness.ts); after
// it the old session is gone, their review reads 匿名用户, and the same phone signs up again as a new account.
import { readFile } from 'node:fs/promises';
import { demo, type Journey, type World } from '../harness.ts';
import { apiGet, apiLogin, expectText, shopLogin } from './steps.ts';

async function apiSend(world: World, method: string, path: string, token: string, body: unknown): Promise<any> {
  const res = await fetch(`${world.server.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `e2e-18-${path}-${Date.now()}`,
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} failed: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** The newest code the sandbox SMS sent to the phone. */
async function lastCode(world: World, phone: string): Promise<string> {
  const lines = (await readFile(world.smsOutbox, 'utf8')).trim().split('\n');
  const mine = lines.map((l) => JSON.parse(l) as { phone: string; code: string }).filter((m) => m.phone === phone);
  if (mine.length === 0) throw new Error(`no code was sent to ${phone}`);
  return mine.at(-1)!.code;
}

export const privacyRights: Journey = {
  name: '18 a consumer downloads their data and cancels their account; after the cooling-off the phone signs up anew and their review reads 匿名用户',
  async run(world) {
    // Setup (not a user step): a new consumer signs up with a code, buys one item from the demo shop, receives it and reviews it.
    const phone = `137${String(Date.now()).slice(-8)}`;
    const asked = await fetch(`${world.server.baseUrl}/api/v1/auth/sms-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone }),
    });
    if (!asked.ok) throw new Error(`sms-codes failed: ${asked.status} ${await asked.text()}`);
    const signup = await fetch(`${world.server.baseUrl}/api/v1/auth/login/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone, code: await lastCode(world, phone) }),
    });
    const { token } = (await signup.json()) as { token: string };
    const password = 'privacy123';
    await apiSend(world, 'PUT', '/api/v1/me/password', token, { password });
    await apiSend(world, 'POST', '/api/v1/me/addresses', token, {
      recipient: '林小隐',
      phone,
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路 18 号',
    });
    const addressId = ((await apiGet(world, '/api/v1/me/addresses', token)).items as { id: string }[])[0]!.id;
    const owner = await apiLogin(world, demo.merchant);
    const merchantId = owner.user.staff[0]!.merchantId;
    const hits = (await apiGet(world, `/api/v1/products?merchantId=${merchantId}&limit=50`)).items as { id: string }[];
    let productId = '';
    let skuId = '';
    for (const hit of hits) {
      const p = (await apiGet(world, `/api/v1/products/${hit.id}`)) as { skus: { id: string; stock: number }[] };
      const sku = p.skus.find((s) => s.stock > 5);
      if (sku) {
        productId = hit.id;
        skuId = sku.id;
        break;
      }
    }
    if (!skuId) throw new Error('the demo shop has nothing in stock');
    const items = [{ skuId, qty: 1 }];
    const quote = await apiSend(world, 'POST', '/api/v1/checkout/quote', token, { items, addressId });
    const placed = await apiSend(world, 'POST', '/api/v1/orders', token, {
      items,
      addressId,
      expectedAmount: quote.amount,
    });
    const payment = await apiSend(world, 'POST', '/api/v1/payments', token, { checkoutId: placed.checkoutId });
    await apiSend(world, 'POST', `/api/v1/sandbox/pay/${payment.paymentId}`, token, { outcome: 'succeeded' });
    const order = placed.orders[0] as { id: string; lines: { id: string }[] };
    await apiSend(world, 'POST', `/api/v1/merchant/orders/${order.id}/ship`, owner.token, {
      carrier: '顺丰速运',
      trackingNo: `SF${Date.now()}`,
    });
    await apiSend(world, 'POST', `/api/v1/orders/${order.id}/confirm-receipt`, token, {});
    const content = '隐私测试：包装完好，用着放心，推荐。';
    await apiSend(world, 'POST', '/api/v1/reviews', token, {
      orderLineId: order.lines[0]!.id,
      ratings: { quality: 5, logistics: 5, service: 5 },
      content,
      images: [],
      anonymous: false,
    });

    // The consumer opens 我的 → 隐私中心 and agrees to the current policy.
    const { page } = await world.shop();
    await shopLogin(page, { phone, password });
    await page.getByTestId('me-privacy').click();
    await page.getByTestId('privacy-centre').waitFor();
    await page.getByTestId('policy-reconsent').waitFor();
    await world.shot(page, '18-privacy-centre');
    await page.getByTestId('policy-accept').click();
    await page.getByTestId('policy-reconsent').waitFor({ state: 'detached' });

    // 我们收集的信息: the inventory, generated from the modules' declarations.
    await page.getByText('查看完整清单').click();
    const inventory = page.getByTestId('privacy-inventory');
    await expectText(inventory, /收货地址，下单时选择/);
    await inventory.scrollIntoViewIfNeeded();
    await world.shot(page, '18-privacy-inventory');

    // 下载我的数据: a job builds the file; the download holds their phone, address and order.
    await page.getByTestId('export-request').click();
    const link = page.getByTestId('export-download');
    await link.waitFor({ timeout: 30_000 });
    await link.scrollIntoViewIfNeeded();
    await world.shot(page, '18-privacy-export-ready');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const archive = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      modules: Record<string, Record<string, Record<string, unknown>[]>>;
    };
    if (archive.modules.accounts?.users?.[0]?.phone !== phone) throw new Error('the archive lacks the account');
    if (archive.modules.orders?.orders?.[0]?.id !== order.id) throw new Error('the archive lacks the order');
    if (archive.modules.reviews?.reviews?.[0]?.content !== content) throw new Error('the archive lacks the review');

    // 注销账号: confirm; the page then offers 撤销注销 until the cooling-off period ends.
    await page.getByTestId('cancel-account').scrollIntoViewIfNeeded();
    await page.getByTestId('cancel-account').click();
    await page.getByRole('button', { name: '确认注销' }).click();
    await page.getByTestId('cancellation-pending').waitFor();
    await page.getByTestId('revoke-cancellation').waitFor();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByTestId('cancellation-pending').scrollIntoViewIfNeeded();
    await world.shot(page, '18-privacy-cancellation-pending');

    // 我的 reminds them while the cancellation is pending.
    await page.goto('/me');
    await expectText(page.getByTestId('me-privacy-notice'), /账号注销中/);
    await world.shot(page, '18-privacy-me-notice');

    // After the cooling-off period (20 s here) the erasure job signs the old account out everywhere.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const me = await fetch(`${world.server.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      if (me.status === 401) break;
      if (Date.now() > deadline) throw new Error('the account was not erased after the cooling-off period');
      await page.waitForTimeout(1000);
    }

    // Their review stays, signed 匿名用户.
    await page.goto(`/product/${productId}/reviews`);
    const review = page.getByTestId('review-item').filter({ hasText: content }).first();
    await expectText(review, /匿名用户/);
    await review.scrollIntoViewIfNeeded();
    await world.shot(page, '18-privacy-review-anonymous');

    // The same phone signs up again: a new account with a fresh default nickname.
    await page.goto('/login?redirect=%2Fme');
    await page.getByTestId('login-phone').fill(phone);
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sms-codes') && r.ok());
    await page.getByTestId('login-send-code').click();
    await sent;
    await page.getByTestId('login-code').fill(await lastCode(world, phone));
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === '/me');
    await expectText(page.getByTestId('me-nickname'), `好物用户${phone.slice(-4)}`);
    await world.shot(page, '18-privacy-registered-again');
  },
};
