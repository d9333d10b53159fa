// Journey 6: a creator posts with a tagged product; a follower sees it in the following feed and buys from the post
// in three steps (post → SKU sheet → pay); the creator centre in the console shows the attributed order.
import { demo, type Journey } from '../harness.ts';
import { apiGet, apiLogin, consoleLogin, expectText, pngOf, shopLogin } from './steps.ts';

interface Product {
  id: string;
  title: string;
  specs: { name: string; values: string[] }[];
  skus: { id: string; specValues: Record<string, string>; stock: number }[];
}

export const postToPurchase: Journey = {
  name: '6 creator posts a tagged product, a follower buys from the post, the creator centre shows the order',
  async run(world) {
    // Setup look-ups: the creator is the demo shop owner (a shop owner posting about her own goods), the follower the demo consumer.
    const creator = await apiLogin(world, demo.merchant);
    const creatorId = ((await apiGet(world, '/api/v1/me', creator.token)) as { id: string }).id;
    const merchantId = creator.user.staff[0]!.merchantId;
    const hits = (await apiGet(world, `/api/v1/products?merchantId=${merchantId}&limit=20`)).items as { id: string }[];
    let product: Product | undefined;
    for (const hit of hits) {
      const p = (await apiGet(world, `/api/v1/products/${hit.id}`)) as Product;
      if (p.skus.some((s) => s.stock > 5)) {
        product = p;
        break;
      }
    }
    if (!product) throw new Error('the demo shop has no product in stock');
    const sku = product.skus.find((s) => s.stock > 5)!;
    const keyword = product.title.slice(0, 6);

    // The follower follows the creator from her profile page.
    const follower = await world.shop();
    await shopLogin(follower.page, demo.consumer, `/users/${creatorId}`);
    const followButton = follower.page.getByRole('button', { name: /^(关注|已关注)$/ });
    await followButton.waitFor();
    if ((await followButton.innerText()).trim() === '关注') await followButton.click();
    await follower.page.getByRole('button', { name: '已关注' }).waitFor();

    // The creator writes a post with a photo and the tagged product.
    const { page } = await world.shop();
    await shopLogin(page, demo.merchant, '/posts/new');
    await page
      .getByTestId('post-photos-input')
      .setInputFiles({ name: 'look.png', mimeType: 'image/png', buffer: pngOf(240, 320, [120, 160, 220]) });
    await page.getByTestId('post-photos').locator('img').first().waitFor();
    const title = `店主实测：${product.title}`.slice(0, 40);
    await page.getByTestId('post-title').fill(title);
    await page.getByTestId('post-body').fill('用了两周，说说真实感受，链接在下方商品卡片 #好物分享#');
    await page.getByPlaceholder('搜索要标记的商品').fill(keyword);
    await page.getByPlaceholder('搜索要标记的商品').press('Enter');
    await page.getByTestId('tag-candidate').filter({ hasText: product.title }).first().click();
    await expectText(page.getByTestId('tagged-choice'), product.title);
    await world.shot(page, '6-01-compose');
    await page.getByTestId('post-submit').click();
    await page.waitForURL(/\/posts\/pst_[A-Za-z0-9]+$/);
    const postId = new URL(page.url()).pathname.split('/').pop()!;
    await expectText(page.getByTestId('tagged-product'), product.title);

    // The follower finds it in the following feed (发现 → 关注).
    const f = follower.page;
    await f.goto('/');
    await f.getByTestId('tab-discover').click();
    await f.getByRole('tab', { name: '关注' }).click();
    const tile = f.getByTestId('post-tile').filter({ hasText: title.slice(0, 10) });
    await tile.first().waitFor();
    await world.shot(f, '6-02-following-feed');
    await tile.first().click();
    await f.waitForURL(`**/posts/${postId}`);
    await world.shot(f, '6-03-post');

    // Buy from the post: 1) 购买 on the product card, 2) choose the SKU and confirm, 3) pay.
    await f.getByTestId('tagged-product').filter({ hasText: product.title }).getByTestId('post-buy').click();
    const picker = f.getByTestId('sku-picker');
    await picker.waitFor();
    for (const dim of product.specs) {
      const group = picker.getByRole('group', { name: dim.name, exact: true });
      await group
        .getByTestId('sku-option')
        .and(group.locator(`[data-value="${sku.specValues[dim.name]}"]`))
        .click();
    }
    await world.shot(f, '6-04-sku-sheet');
    await picker.getByTestId('sku-confirm').click();
    await f.waitForURL(/\/pay\/chk_[A-Za-z0-9]+$/);
    await f.getByTestId('pay-button').click();
    await f.waitForURL(/\/pay\/chk_[A-Za-z0-9]+\/result/);
    await expectText(f.getByTestId('pay-result'), '支付成功');
    await world.shot(f, '6-05-paid');

    // The creator centre credits the order to the post.
    const centre = await world.console();
    await consoleLogin(centre.page, demo.merchant, '/console/merchant/dashboard');
    await centre.page.goto('/console/creator');
    await expectText(centre.page.getByTestId('creator-orders-table'), product.title);
    await expectText(centre.page.getByTestId('creator-orders-table'), '已付款');
    await world.shot(centre.page, '6-06-creator-centre');
    world.shared.postId = postId;
  },
};
