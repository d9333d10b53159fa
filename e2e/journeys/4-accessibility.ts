// Journey 4: axe-core finds no serious or critical violations on the shop's home, search, search results,
// product, cart and checkout pages and on the console's order list. Every violation found is listed.
import type { Page } from 'playwright-core';
import { demo, type Journey, seriousA11yViolations } from '../harness.ts';
import { apiGet, consoleLogin, shopLogin } from './steps.ts';

export const accessibility: Journey = {
  name: '4 accessibility: no serious or critical axe violations on shop and console pages',
  async run(world) {
    const found: string[] = [];
    const audit = async (page: Page, name: string) => {
      // A fading toast (e.g. 登录成功) is measured mid-animation at near-zero contrast: audit the page once it is gone.
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll('.adm-toast-mask')).every((el) => el.getClientRects().length === 0),
      );
      await world.shot(page, name);
      for (const v of await seriousA11yViolations(page)) {
        const where = v.where.map((w) => `\n      at ${w}`).join('');
        found.push(
          `${name} (${page.url().replace(world.server.baseUrl, '')}): ${v.impact} ${v.id} — ${v.help} (${v.nodes} node${v.nodes === 1 ? '' : 's'})${where}`,
        );
      }
    };

    // A product in stock to look at, buy and check out (setup look-up).
    const hits = await apiGet(world, `/api/v1/products?q=${encodeURIComponent('面霜')}&limit=1`);
    const product = hits.items[0] as { id: string; title: string } | undefined;
    if (!product) throw new Error('no 面霜 in the demo catalogue');

    const { page } = await world.shop();
    await shopLogin(page, demo.consumer, '/');
    await page.getByTestId('product-card').first().waitFor();
    await audit(page, '4-01-a11y-shop-home');

    await page.getByTestId('search-entry').click();
    await page.getByRole('searchbox', { name: '搜索商品' }).fill('面霜');
    // With the server's suggestions in the list, not just the "search for …" row that shows at once.
    await page.getByTestId('search-suggestion').first().waitFor();
    await audit(page, '4-02-a11y-shop-search');

    await page.getByRole('searchbox', { name: '搜索商品' }).press('Enter');
    await page.getByTestId('product-card').filter({ hasText: product.title }).waitFor();
    await audit(page, '4-03-a11y-shop-results');

    await page.getByTestId('product-card').filter({ hasText: product.title }).click();
    await page.getByTestId('merchant-card').waitFor();
    await page.getByTestId('review-summary').waitFor();
    await audit(page, '4-04-a11y-shop-product');

    // The SKU picker is part of the product page a shopper uses.
    await page.getByTestId('add-to-cart').click();
    const picker = page.getByTestId('sku-picker');
    await picker.waitFor();
    for (const group of await picker
      .getByRole('group')
      .filter({ has: page.getByTestId('sku-option') })
      .all()) {
      await group.getByTestId('sku-option').and(group.locator(':enabled')).first().click();
    }
    await audit(page, '4-05-a11y-shop-sku-picker');
    await picker.getByTestId('sku-confirm').click();
    await page.getByText('已加入购物车').waitFor();
    await picker.waitFor({ state: 'hidden' });

    await page.getByRole('link', { name: '购物车' }).click();
    await page.getByTestId('cart-line').first().waitFor();
    await audit(page, '4-06-a11y-shop-cart');

    await page.getByTestId('cart-checkout').click();
    await page.getByTestId('checkout-submit').waitFor();
    await audit(page, '4-07-a11y-shop-checkout');

    const { page: desk } = await world.console();
    await consoleLogin(desk, demo.merchant, '/console/merchant/dashboard');
    await desk.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '订单管理' }).click();
    await desk.getByTestId('order-row').first().waitFor();
    await audit(desk, '4-08-a11y-console-orders');

    if (found.length > 0)
      throw new Error(`${found.length} serious/critical accessibility violation(s):\n  - ${found.join('\n  - ')}`);
  },
};
