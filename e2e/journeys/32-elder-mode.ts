// Journey 32: a parent (the demo consumer) switches on 关怀模式 in 设置, and the shop turns large, high-contrast and
// simple: four tabs, one-step checkout (default address, preselected method, 立即支付). On the home, product, SKU
// picker, checkout and order pages axe finds no serious/critical violation, every visible piece of text is at least
// 18 px and every visible control at least 48 × 48 px. A purchase is completed; then the mode is switched off again.
// Finally a bound family member switches it on for the parent from their own 设置 (为家人开启).
import type { Page } from 'playwright-core';
import { demo, type Journey, seriousA11yViolations, type World } from '../harness.ts';
import { apiGet, apiLogin, expectText, shopLogin } from './steps.ts';

interface Product {
  id: string;
  title: string;
  specs: { name: string; values: string[] }[];
  skus: { id: string; specText: string; specValues: Record<string, string>; stock: number; price: number }[];
}

const MIN_TEXT_PX = 18;
const MIN_TARGET_PX = 48;

/**
 * What breaks the elder-mode promise on the page as painted: visible text under 18 px (elements with their own text,
 * and form fields) and visible controls under 48 × 48 px. Visually hidden (sr-only, 1 px) text is left out.
 */
async function elderSizeProblems(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ minText, minTarget }) => {
      const shown = (el: Element) => {
        const r = el.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1) return false;
        const s = getComputedStyle(el);
        return s.visibility !== 'hidden' && s.display !== 'none' && el.checkVisibility({ opacityProperty: true });
      };
      const name = (el: Element) => {
        const cls =
          typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 24);
        return `<${el.tagName.toLowerCase()}${cls}> "${text}"`;
      };
      const problems: string[] = [];
      for (const el of Array.from(document.body.querySelectorAll('*'))) {
        const ownText = Array.from(el.childNodes)
          .filter((n: ChildNode) => n.nodeType === Node.TEXT_NODE)
          .map((n: ChildNode) => n.textContent ?? '')
          .join('')
          .trim();
        const field = el.matches('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea, select');
        if ((!ownText && !field) || !shown(el)) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < minText) problems.push(`text ${size}px: ${name(el)}`);
      }
      const controls =
        'a[href], button, [role=button], [role=link], [role=tab], [role=radio], [role=checkbox], [role=switch]';
      for (const el of Array.from(document.body.querySelectorAll(controls))) {
        if (!shown(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width < minTarget || r.height < minTarget)
          problems.push(`target ${Math.round(r.width)}×${Math.round(r.height)}: ${name(el)}`);
      }
      return problems;
    },
    { minText: MIN_TEXT_PX, minTarget: MIN_TARGET_PX },
  );
}

async function apiPost(world: World, path: string, token: string, body: unknown): Promise<any> {
  const res = await fetch(`${world.server.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Setup: an active 亲情付 binding from the child to the parent (an existing one is reused and left in place). */
async function bindFamily(world: World, childToken: string, parentToken: string, parentId: string) {
  const mine = (await apiGet(world, '/api/v1/family/bindings', childToken)).items as {
    id: string;
    status: string;
    parent: { id: string };
  }[];
  const live = mine.find((b) => b.parent.id === parentId && b.status === 'active');
  if (live) return { id: live.id, created: false };
  const invited = await apiPost(world, '/api/v1/family/bindings', childToken, {
    parentPhone: demo.consumer.phone,
    monthlyBudget: 50_000,
    allowedCategoryIds: [],
  });
  await apiPost(world, `/api/v1/family/bindings/${invited.id}/accept`, parentToken, {});
  return { id: invited.id as string, created: true };
}

export const elderMode: Journey = {
  name: '32 elder mode: a parent switches on 关怀模式, shops in large type and pays in one step',
  async run(world: World) {
    // Setup look-up: a 面霜 with specs and stock to buy.
    const hits = await apiGet(world, `/api/v1/products?q=${encodeURIComponent('面霜')}&limit=20`);
    let product: Product | undefined;
    for (const hit of hits.items as { id: string }[]) {
      const p = (await apiGet(world, `/api/v1/products/${hit.id}`)) as Product;
      if (p.specs.length > 0 && p.skus.some((s) => s.stock > 0)) {
        product = p;
        break;
      }
    }
    if (!product) throw new Error('no 面霜 with specs in stock in the demo catalogue');
    const sku = product.skus.find((s) => s.stock > 0)!;

    const found: string[] = [];
    const check = async (page: Page, shot: string, careMode = true) => {
      // Toasts fade: measure the page underneath once they are gone.
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll('.adm-toast-mask')).every((el) => el.getClientRects().length === 0),
      );
      if ((await page.evaluate(() => document.documentElement.classList.contains('care-mode'))) !== careMode)
        throw new Error(`${shot}: the page is ${careMode ? 'not ' : ''}in 关怀模式`);
      await world.shot(page, shot);
      const where = `${shot} (${page.url().replace(world.server.baseUrl, '')})`;
      for (const v of await seriousA11yViolations(page))
        found.push(`${where}: axe ${v.impact} ${v.id} — ${v.help}\n      at ${v.where.join('\n      at ')}`);
      if (careMode) for (const p of await elderSizeProblems(page)) found.push(`${where}: ${p}`);
    };

    const { page } = await world.shop();
    await shopLogin(page, demo.consumer, '/me/settings');

    // 设置 › 关怀模式, switched on by the parent themself, with prices read aloud.
    const careSwitch = page.getByTestId('care-mode-switch');
    await careSwitch.click();
    await page.getByText('已开启关怀模式').waitFor();
    await page.waitForFunction(() => document.documentElement.classList.contains('care-mode'));
    await page.getByTestId('care-voice-switch').click();
    await page.getByText('已开启语音播报').waitFor();
    const { token } = await apiLogin(world, demo.consumer);
    const saved = await apiGet(world, '/api/v1/me/care-mode', token);
    if (!saved.enabled || !saved.voicePrices || saved.setBy !== 'self')
      throw new Error(`the server did not keep the switch: ${JSON.stringify(saved)}`);
    await check(page, '32-01-elder-settings');

    // Home: four plain tabs, no carousel or live/post feeds.
    await page.goto('/');
    await page.getByTestId('product-card').first().waitFor();
    const tabs = page.getByRole('navigation', { name: '主导航' }).getByRole('link');
    const labels = (await tabs.allInnerTexts()).map((s) => s.trim());
    if (labels.join(',') !== '首页,搜索,订单,我的') throw new Error(`elder tabs are ${labels.join(',')}`);
    if ((await page.getByTestId('home-banner').count()) > 0) throw new Error('the moving carousel still shows');
    await check(page, '32-02-elder-home');

    // Search from the tab bar and open the product.
    await page.getByTestId('tab-search').click();
    await page.getByRole('searchbox', { name: '搜索商品' }).fill('面霜');
    await page.getByRole('searchbox', { name: '搜索商品' }).press('Enter');
    await page.getByTestId('product-card').filter({ hasText: product.title }).first().click();
    await page.waitForURL((url) => url.pathname === `/product/${product.id}`);
    await page.getByTestId('merchant-card').waitFor();
    // 语音播报价格 is there exactly when the browser can speak.
    const canSpeak = await page.evaluate(() => 'speechSynthesis' in window);
    const speak = page.getByTestId('product-price').getByTestId('speak-price');
    if ((await speak.count()) !== (canSpeak ? 1 : 0))
      throw new Error(
        `语音播报价格 shown ${await speak.count()} times, speech synthesis ${canSpeak ? 'is' : 'is not'} available`,
      );
    await check(page, '32-03-elder-product');

    // Buy now: the SKU picker, then the one-step checkout.
    await page.getByTestId('buy-now').click();
    const picker = page.getByTestId('sku-picker');
    await picker.waitFor();
    for (const dim of product.specs) {
      const group = picker.getByRole('group', { name: dim.name, exact: true });
      await group
        .getByTestId('sku-option')
        .and(group.locator(`[data-value="${sku.specValues[dim.name]}"]`))
        .click();
    }
    await expectText(picker, `已选：${sku.specText}`);
    await check(page, '32-04-elder-sku-picker');
    await picker.getByTestId('sku-confirm').click();
    await page.waitForURL((url) => url.pathname === '/checkout');
    await page.getByTestId('quote-merchant').waitFor();
    await expectText(page.getByTestId('care-pay-method'), '沙箱支付');
    if ((await page.getByLabel('订单备注').count()) > 0) throw new Error('the elder checkout still asks for a note');
    const submit = page.getByTestId('checkout-submit');
    await expectText(submit, /立即支付/);
    await check(page, '32-05-elder-checkout');

    // 立即支付: the order is placed and paid in one tap.
    await submit.click();
    await expectText(page.getByTestId('pay-result'), '支付成功', 30_000);
    await check(page, '32-06-elder-paid');
    await page.getByTestId('pay-view-order').click();
    await page.waitForURL(/\/orders\/ord_/);
    await expectText(page.getByTestId('order-status'), '待发货');
    await expectText(page.getByTestId('order-line').first(), product.title);
    await check(page, '32-07-elder-order');

    // Back in 设置 the parent switches it off; the shop is the ordinary one again.
    await page.goto('/me/settings');
    await page.getByTestId('care-mode-switch').click();
    await page.getByText('已关闭关怀模式').waitFor();
    await page.waitForFunction(() => !document.documentElement.classList.contains('care-mode'));
    if ((await apiGet(world, '/api/v1/me/care-mode', token)).enabled)
      throw new Error('关怀模式 is still on on the server');
    await page.goto('/');
    await page.getByTestId('tab-category').waitFor();
    await world.shot(page, '32-08-elder-off-home');

    // 为家人开启: a bound family member (the demo merchant's owner as the child, bound by API setup since the
    // 亲情付 pages are another journey's) switches it on for the parent from their own 设置.
    const child = await apiLogin(world, demo.merchant);
    const parent = (await apiLogin(world, demo.consumer)) as unknown as {
      token: string;
      user: { id: string; nickname: string };
    };
    const binding = await bindFamily(world, child.token, parent.token, parent.user.id);
    const { page: childPage } = await world.shop();
    await shopLogin(childPage, demo.merchant, '/me/settings');
    const familySwitch = childPage.getByRole('switch', { name: `为 ${parent.user.nickname} 开启关怀模式` });
    await familySwitch.click();
    await childPage.getByText(`已为 ${parent.user.nickname} 开启关怀模式`).waitFor();
    await check(childPage, '32-09-elder-family-switch', false);
    // The parent's shop follows the account: on the next visit it is large, and says who switched it on.
    await page.goto('/me/settings');
    await page.waitForFunction(() => document.documentElement.classList.contains('care-mode'));
    await expectText(page.getByRole('region', { name: '关怀模式' }), '由家人为你开启');
    await page.getByTestId('care-mode-switch').click();
    await page.getByText('已关闭关怀模式').waitFor();
    if (binding.created) await apiPost(world, `/api/v1/family/bindings/${binding.id}/end`, child.token, {});

    if (found.length > 0) throw new Error(`${found.length} elder-mode problem(s):\n  - ${found.join('\n  - ')}`);
  },
};
