// Journey 16: a shopper browses (home feed → search → product → cart, and a search that finds nothing) and the shop
// reports it as behaviour events: batched POSTs to /api/v1/events with views, visible impressions (slot and
// position), the click, both searches (results counted, zero included) and the add-to-cart carrying its channel.
// A batch sent again is accepted but counted once (event ids are the shopper's, not the server's).
import type { Request } from 'playwright-core';
import { demo, type Journey } from '../harness.ts';
import { apiGet, shopLogin } from './steps.ts';

interface Sent {
  id: string;
  type: string;
  page?: string;
  slot?: string;
  position?: number;
  productId?: string;
  query?: string;
  results?: number;
  channel?: string;
}
interface Batch {
  deviceId: string;
  sessionId: string;
  events: Sent[];
}
interface Product {
  id: string;
  title: string;
  specs: { name: string; values: string[] }[];
  skus: { id: string; specValues: Record<string, string>; stock: number }[];
}

export const behaviourEvents: Journey = {
  name: '16 browsing reports behaviour events: views, visible impressions, the click, searches and the add-to-cart',
  async run(world) {
    // Setup look-up: a product found by search, in stock, to browse to.
    const keyword = '面霜';
    const hits = (await apiGet(world, `/api/v1/products?q=${encodeURIComponent(keyword)}&limit=10`)).items as {
      id: string;
    }[];
    let product: Product | undefined;
    for (const hit of hits) {
      const p = (await apiGet(world, `/api/v1/products/${hit.id}`)) as Product;
      if (p.skus.some((s) => s.stock > 0)) {
        product = p;
        break;
      }
    }
    if (!product) throw new Error(`no product in stock found for ${keyword}`);
    const sku = product.skus.find((s) => s.stock > 0)!;

    const { context, page } = await world.shop();
    const batches: Batch[] = [];
    const statuses: number[] = [];
    // The context sees beacons too (they outlive the page that sent them).
    context.on('request', (r: Request) => {
      if (!r.url().endsWith('/api/v1/events') || r.method() !== 'POST') return;
      batches.push(JSON.parse(r.postData() ?? '{}') as Batch);
    });
    context.on('response', (r) => {
      if (r.url().endsWith('/api/v1/events') && r.request().method() === 'POST') statuses.push(r.status());
    });
    const sent = () => batches.flatMap((b) => b.events);
    /** Waits (on the shop's own flushes, every 5 s or 20 events) until an event matching `match` was sent. */
    const waitForEvent = async (what: string, match: (e: Sent) => boolean) => {
      const deadline = Date.now() + 20_000;
      while (!sent().some(match)) {
        if (Date.now() > deadline) throw new Error(`no ${what} event was sent; got ${JSON.stringify(sent())}`);
        await page.waitForRequest((r) => r.url().endsWith('/api/v1/events'), { timeout: 20_000 }).catch(() => null);
      }
    };

    await shopLogin(page, demo.consumer, '/');
    await page.getByTestId('product-card').first().waitFor();
    await page.mouse.wheel(0, 600);
    await world.shot(page, '16-01-home');
    await waitForEvent('home view', (e) => e.type === 'view' && e.page === 'home' && e.channel === 'direct');
    // The first cards on screen are 为你推荐 (slot home.recommend), the sorted list (home.feed.*) below them.
    await waitForEvent('home impression', (e) => e.type === 'impression' && !!e.slot?.startsWith('home.'));

    // Search and open the product from the results: a search event with its result count, then the click.
    // (In-app navigation, as a shopper moves; a full reload would hand the queue to sendBeacon instead.)
    await page.getByTestId('search-entry').click();
    await page.getByRole('searchbox', { name: '搜索商品' }).fill(keyword);
    await page.getByRole('searchbox', { name: '搜索商品' }).press('Enter');
    await page.waitForURL((url) => url.pathname === '/products' && url.searchParams.get('q') === keyword);
    const card = page.getByTestId('product-card').filter({ hasText: product.title });
    await card.waitFor();
    await card.click();
    await page.waitForURL((url) => url.pathname === `/product/${product.id}`);
    await page.getByRole('heading', { name: product.title }).waitFor({ state: 'attached' });
    await page.getByTestId('add-to-cart').click();
    const picker = page.getByTestId('sku-picker');
    await picker.waitFor();
    for (const dim of product.specs) {
      const group = picker.getByRole('group', { name: dim.name, exact: true });
      await group
        .getByTestId('sku-option')
        .and(group.locator(`[data-value="${sku.specValues[dim.name]}"]`))
        .click();
    }
    await picker.getByTestId('sku-confirm').click();
    await page.getByText('已加入购物车').waitFor();

    // A search that finds nothing is an event too: that is what the search team most needs to see.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/products');
    await page.getByRole('searchbox').click();
    await page.waitForURL('**/search?**');
    await page.getByRole('searchbox', { name: '搜索商品' }).fill('qzxjvw');
    await page.getByRole('searchbox', { name: '搜索商品' }).press('Enter');
    await page.getByText('没有找到').waitFor();
    await world.shot(page, '16-02-no-results');

    await waitForEvent('search with results', (e) => e.type === 'search' && e.query === keyword && e.results! > 0);
    await waitForEvent('search impression', (e) => e.type === 'impression' && e.slot === 'search.results');
    await waitForEvent(
      'click from search',
      (e) =>
        e.type === 'click' &&
        e.slot === 'search.results' &&
        e.productId === product.id &&
        e.position! >= 0 &&
        e.query === keyword, // the query the click answered: 搜索洞察's click-through per query
    );
    await waitForEvent('product view', (e) => e.type === 'view' && e.page === 'product' && e.productId === product.id);
    await waitForEvent(
      'add to cart from search',
      (e) => e.type === 'add_to_cart' && e.productId === product.id && e.channel === 'search',
    );
    await waitForEvent('empty search', (e) => e.type === 'search' && e.results === 0);

    // Impressions are once per card per page view; every event id is unique.
    const all = sent();
    const ids = new Set(all.map((e) => e.id));
    if (ids.size !== all.length) throw new Error('an event id was sent twice');
    const homeImpressions = all.filter((e) => e.type === 'impression' && e.slot?.startsWith('home.'));
    if (new Set(homeImpressions.map((e) => `${e.slot} ${e.productId}`)).size !== homeImpressions.length)
      throw new Error('a home card was counted twice in one page view');
    const first = batches[0]!;
    if (!batches.every((b) => b.deviceId === first.deviceId)) throw new Error('the device id changed while browsing');

    // A retried batch (same ids) is accepted and counted once.
    if (statuses.some((s) => s !== 202)) throw new Error(`/api/v1/events refused a batch: ${statuses.join(', ')}`);
    const again = await page.request.post('/api/v1/events', { data: first });
    const receipt = (await again.json()) as { received: number };
    if (again.status() !== 202 || receipt.received !== 0)
      throw new Error(`a replayed batch was counted again: ${again.status()} ${JSON.stringify(receipt)}`);
  },
};
