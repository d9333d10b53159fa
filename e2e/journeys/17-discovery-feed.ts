// Journey 17: the demo consumer follows a creator; the product the creator just bought appears in 为你推荐 with the
// reason naming them, and 为什么推荐 explains it. Switching personalisation off (Art. 17) changes the feed at once to
// popular and new items, and switching it back restores the personal feed.
import { demo, type Journey, type World } from '../harness.ts';
import { apiGet, apiLogin, expectText, shopLogin } from './steps.ts';

interface Product {
  id: string;
  title: string;
  salesCount: number;
  skus: { id: string; stock: number }[];
}

async function apiSend(world: World, method: string, path: string, token: string, body: unknown): Promise<any> {
  const res = await fetch(`${world.server.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `e2e-17-${path}-${Date.now()}`,
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} failed: ${res.status} ${await res.text()}`);
  return res.json();
}

export const discoveryFeed: Journey = {
  name: "17 a followed creator's purchase shows in 为你推荐 with its reason; switching personalisation off changes the feed at once",
  async run(world) {
    // Setup (not a user step): the creator — the demo shop owner, who also shops — buys one of the least-sold new products.
    const creator = await apiLogin(world, demo.merchant);
    const me = (await apiGet(world, '/api/v1/me', creator.token)) as { id: string; nickname: string };
    const hits = (await apiGet(world, '/api/v1/products?sort=newest&limit=50')).items as Product[];
    let product: Product | undefined;
    let skuId = '';
    for (const hit of hits.sort((a, b) => a.salesCount - b.salesCount)) {
      const p = (await apiGet(world, `/api/v1/products/${hit.id}`)) as Product;
      const sku = p.skus.find((s) => s.stock > 5);
      if (sku) {
        product = p;
        skuId = sku.id;
        break;
      }
    }
    if (!product) throw new Error('no unsold product in stock to buy');
    let addresses = (await apiGet(world, '/api/v1/me/addresses', creator.token)).items as { id: string }[];
    if (addresses.length === 0) {
      await apiSend(world, 'POST', '/api/v1/me/addresses', creator.token, {
        recipient: '店主本人',
        phone: demo.merchant.phone,
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        detail: '文三路 100 号',
      });
      addresses = (await apiGet(world, '/api/v1/me/addresses', creator.token)).items as { id: string }[];
    }
    const items = [{ skuId, qty: 1 }];
    const quote = await apiSend(world, 'POST', '/api/v1/checkout/quote', creator.token, {
      items,
      addressId: addresses[0]!.id,
    });
    const placed = await apiSend(world, 'POST', '/api/v1/orders', creator.token, {
      items,
      addressId: addresses[0]!.id,
      expectedAmount: quote.amount,
    });
    const payment = await apiSend(world, 'POST', '/api/v1/payments', creator.token, { checkoutId: placed.checkoutId });
    await apiSend(world, 'POST', `/api/v1/sandbox/pay/${payment.paymentId}`, creator.token, { outcome: 'succeeded' });

    // The consumer follows the creator on her profile page.
    const { page } = await world.shop();
    await shopLogin(page, demo.consumer, `/users/${me.id}`);
    const followButton = page.getByRole('button', { name: /^(关注|已关注)$/ });
    await followButton.waitFor();
    if ((await followButton.innerText()).trim() === '关注') await followButton.click();
    await page.getByRole('button', { name: '已关注' }).waitFor();

    // 为你推荐 on the home page shows the product with the reason naming the creator (the purchase event is
    // dispatched in the background, so reload until it has arrived; 加载更多 as a shopper would scroll).
    const reason = `你关注的 @${me.nickname} 买过`;
    const card = page.getByTestId('rec-card').filter({ hasText: product.title });
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.goto('/');
      await page.getByTestId('rec-grid').waitFor();
      for (let i = 0; i < 5 && (await card.count()) === 0; i++) {
        const more = page.getByTestId('rec-more');
        if ((await more.count()) === 0) break;
        const loaded = page.waitForResponse((r) => r.url().includes('/api/v1/discovery/feed'));
        await more.click();
        await loaded;
        await page.getByTestId('rec-more').or(page.getByTestId('rec-grid')).first().waitFor();
      }
      if ((await card.count()) > 0) break;
      if (Date.now() > deadline) throw new Error(`${product.title} never appeared in 为你推荐`);
    }
    await expectText(card.getByTestId('rec-reason'), reason);
    await card.scrollIntoViewIfNeeded();
    await world.shot(page, '17-01-home-feed');

    // 为什么推荐 explains the source and links to the settings.
    await card.getByTestId('rec-reason').click();
    const sheet = page.getByTestId('why-sheet');
    await expectText(sheet, `你关注了 @${me.nickname}`);
    await world.shot(page, '17-02-why-sheet');
    await sheet.getByTestId('why-settings').click();
    await page.waitForURL('**/me/recommendations');

    // Switch personalisation off: the feed is popular and new at once, without the creator's reason.
    const toggle = page.getByTestId('personalised-switch');
    await toggle.waitFor();
    if ((await toggle.getAttribute('aria-checked')) !== 'true') throw new Error('personalisation should start on');
    await toggle.click();
    await page.getByText('已关闭个性化推荐').waitFor();
    await world.shot(page, '17-03-settings-off');
    await page.goto('/');
    await page.getByTestId('rec-off-note').waitFor();
    await page.getByTestId('rec-off-note').scrollIntoViewIfNeeded();
    const reasons = await page.getByTestId('rec-reason').allInnerTexts();
    if (reasons.length === 0) throw new Error('the non-personalised feed is empty');
    const personal = reasons.filter((r) => !['热门', '新品', '在售好物'].includes(r.trim()));
    if (personal.length > 0) throw new Error(`personalised reasons after switching off: ${JSON.stringify(personal)}`);
    await world.shot(page, '17-04-home-feed-off');

    // And back on: the personal reason returns.
    await page.goto('/me/recommendations');
    await page.getByTestId('personalised-switch').click();
    await page.getByText('已开启个性化推荐').waitFor();
    await page.goto('/');
    await page.getByTestId('rec-grid').waitFor();
    if ((await page.getByTestId('rec-off-note').count()) > 0) throw new Error('still not personalised');
  },
};
