// Journey 1: the demo consumer signs in, searches 面霜, picks a SKU of a cream the demo merchant sells, adds it to
// the cart, checks out to their saved address, pays in the sandbox and sees the order waiting for shipment.
import { demo, type Journey } from '../harness.ts';
import { apiGet, apiLogin, expectText, idFromUrl, shopLogin } from './steps.ts';

interface Product {
  id: string;
  title: string;
  merchant: { id: string; name: string };
  returnPolicy: { noReason7d: boolean };
  specs: { name: string; values: string[] }[];
  skus: { id: string; specText: string; specValues: Record<string, string>; stock: number; price: number }[];
}

export const consumerBuys: Journey = {
  name: '1 consumer searches 面霜, buys a SKU and pays in the sandbox',
  async run(world) {
    // Setup look-up: a 面霜 of the shop 13800000002 owns, with a choice of SKUs, that allows 七天无理由 (journey 3 returns it).
    const owner = await apiLogin(world, demo.merchant);
    const merchantId = owner.user.staff[0]?.merchantId;
    if (!merchantId) throw new Error('the demo owner runs no merchant');
    const hits = await apiGet(
      world,
      `/api/v1/products?q=${encodeURIComponent('面霜')}&merchantId=${merchantId}&limit=20`,
    );
    let product: Product | undefined;
    for (const hit of hits.items as { id: string }[]) {
      const p = (await apiGet(world, `/api/v1/products/${hit.id}`)) as Product;
      if (p.returnPolicy.noReason7d && p.specs.length > 0 && p.skus.filter((s) => s.stock > 0).length > 1) {
        product = p;
        break;
      }
    }
    if (!product) throw new Error(`the demo merchant ${merchantId} sells no 面霜 with several SKUs in stock`);
    // Not the default first value: the shopper really chooses.
    const sku = product.skus.filter((s) => s.stock > 0).at(-1)!;

    const { page } = await world.shop();
    await shopLogin(page, demo.consumer, '/');
    await page.getByTestId('search-entry').waitFor();
    await world.shot(page, '1-01-home');

    // Search.
    await page.getByTestId('search-entry').click();
    await page.waitForURL('**/search');
    await page.getByRole('searchbox', { name: '搜索商品' }).fill('面霜');
    await page.getByRole('searchbox', { name: '搜索商品' }).press('Enter');
    await page.waitForURL((url) => url.pathname === '/products' && url.searchParams.get('q') === '面霜');
    const card = page.getByTestId('product-card').filter({ hasText: product.title });
    await card.waitFor();
    await expectText(card, product.merchant.name);
    await world.shot(page, '1-02-search');

    // Product page: choose the SKU and add it to the cart.
    await card.click();
    // Search results link with ?from=search so the order is attributed to search.
    await page.waitForURL(
      (url) => url.pathname === `/product/${product.id}` && url.searchParams.get('from') === 'search',
    );
    await page.getByRole('heading', { name: product.title }).waitFor({ state: 'attached' });
    await page.getByTestId('add-to-cart').click();
    const picker = page.getByTestId('sku-picker');
    await picker.waitFor();
    for (const dim of product.specs) {
      // The option's name may carry a stock note (「剩 3」), so match the value it carries, not its whole name.
      const group = picker.getByRole('group', { name: dim.name, exact: true });
      await group
        .getByTestId('sku-option')
        .and(group.locator(`[data-value="${sku.specValues[dim.name]}"]`))
        .click();
    }
    await expectText(picker, `已选：${sku.specText}`);
    await world.shot(page, '1-03-sku');
    const added = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/cart/items') && r.request().method() === 'POST',
    );
    await picker.getByTestId('sku-confirm').click();
    if (!(await added).ok()) throw new Error(`adding to the cart failed: ${(await added).status()}`);
    await page.getByText('已加入购物车').waitFor();
    await picker.waitFor({ state: 'hidden' });

    // Cart.
    await page.getByRole('link', { name: '购物车' }).click();
    await page.waitForURL('**/cart');
    const line = page.getByTestId('cart-line').filter({ hasText: product.title });
    await expectText(line, sku.specText);
    if (!(await line.getByRole('checkbox').isChecked()))
      throw new Error('the line just added is not selected in the cart');
    await world.shot(page, '1-04-cart');
    await page.getByTestId('cart-checkout').click();

    // Checkout to the saved default address.
    await page.waitForURL('**/checkout?from=cart');
    const addresses = (await apiGet(world, '/api/v1/me/addresses', (await apiLogin(world, demo.consumer)).token))
      .items as { recipient: string; isDefault: boolean }[];
    const home = addresses.find((a) => a.isDefault) ?? addresses[0];
    if (!home) throw new Error('the demo consumer has no address');
    await expectText(page.getByTestId('checkout-address'), home.recipient);
    const quoted = page.getByTestId('quote-merchant').filter({ hasText: product.merchant.name });
    await expectText(quoted, product.title);
    await world.shot(page, '1-05-checkout');
    await page.getByTestId('checkout-submit').click();

    // Sandbox cashier.
    await page.waitForURL(/\/pay\/chk_[A-Za-z0-9]+$/);
    await page.getByTestId('pay-button').waitFor();
    await world.shot(page, '1-06-pay');
    await page.getByTestId('pay-button').click();
    await page.waitForURL(/\/pay\/chk_[A-Za-z0-9]+\/result/);
    await expectText(page.getByTestId('pay-result'), '支付成功');
    await world.shot(page, '1-07-paid');

    // The order: paid, waiting for the merchant to ship.
    await page.getByTestId('pay-view-order').click();
    await page.waitForURL(/\/orders\/ord_[A-Za-z0-9]+$/);
    const orderId = idFromUrl(page, '/orders/');
    await expectText(page.getByTestId('order-status'), '待发货');
    await expectText(page.getByTestId('order-line'), product.title);
    await world.shot(page, '1-08-order-paid');

    Object.assign(world.shared, {
      orderId,
      productId: product.id,
      productTitle: product.title,
      merchantName: product.merchant.name,
      specText: sku.specText,
    });
  },
};
