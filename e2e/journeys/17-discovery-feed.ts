// Journey 17: the demo consumer follows a creator; the product the creator just bought appears in 为你推荐 with the
// reason naming them, and 为什么推荐 explains it. Switching personalisation off (Art. 17) changes the feed at once to
// popular and new items, and switching it back restores the personal feed. The same feed mixes in posts and live
// sessions: the creator's new post shows with 「你关注的 @… 发布了笔记」, and a session on air shows as a live card.
import { demo, type Journey, type World } from '../harness.ts';
import { apiGet, apiLogin, expectText, shopLogin } from './steps.ts';

interface Product {
  id: string;
  title: string;
  images?: string[];
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

    // …and writes a post about it (tagging it), which the home feed mixes in once the consumer follows her.
    const postTitle = `刚入手的好物 ${Date.now() % 10_000}`;
    await apiSend(world, 'POST', '/api/v1/posts', creator.token, {
      kind: 'image_text',
      title: postTitle,
      body: '用了几天，真心推荐。',
      images: [product.images?.[0] ?? '/media/placeholder/post.svg?label=笔记'],
      productIds: [product.id],
    });
    const onAir = (await apiGet(world, '/api/v1/live/sessions?tab=live&limit=1')).items as unknown[];

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
    const post = page.getByTestId('feed-post').filter({ hasText: postTitle });
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.goto('/');
      await page.getByTestId('rec-grid').waitFor();
      for (let i = 0; i < 5 && (await card.count()) === 0; i++) {
        const more = page.getByTestId('rec-more');
        if ((await more.count()) === 0) break;
        const loaded = page.waitForResponse((r) => r.url().includes('/api/v1/discovery/home'));
        await more.click();
        await loaded;
        await page.getByTestId('rec-more').or(page.getByTestId('rec-grid')).first().waitFor();
      }
      if ((await card.count()) > 0 && (await post.count()) > 0) break;
      if (Date.now() > deadline) throw new Error(`${product.title} or ${postTitle} never appeared in 为你推荐`);
    }
    await expectText(card.getByTestId('rec-reason'), reason);
    await card.scrollIntoViewIfNeeded();
    await world.shot(page, '17-01-home-feed');

    // The creator's post is in the same feed, with the reason naming her; a session on air shows as a live card.
    await expectText(post.getByTestId('rec-reason'), `你关注的 @${me.nickname} 发布了笔记`);
    if (onAir.length > 0) {
      const live = page.getByTestId('feed-live').first();
      await live.waitFor();
      const text = (await live.getByTestId('rec-reason').innerText()).trim();
      if (!/^(正在直播|你关注的)/.test(text)) throw new Error(`live card without its reason: ${text}`);
    }
    await post.scrollIntoViewIfNeeded();
    await world.shot(page, '17-01b-home-feed-post');

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
    const personal = reasons.filter(
      (r) => !['热门', '新品', '在售好物', '热门笔记'].includes(r.trim()) && !r.trim().startsWith('正在直播'),
    );
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
