// Journey 2: the merchant finds journey 1's order in the console and ships it; the consumer confirms receipt and
// reviews it with a photo; the merchant replies in the console; the reply shows under the product in the shop.
import { demo, type Journey } from '../harness.ts';
import { consoleLogin, expectText, need, openedDialog, pngOf, shopLogin } from './steps.ts';

export const shipAndReview: Journey = {
  name: '2 merchant ships, consumer confirms and reviews with a photo, merchant replies',
  async run(world) {
    const orderId = need(world, 'orderId');
    const productId = need(world, 'productId');
    const productTitle = need(world, 'productTitle');
    const trackingNo = `SF${Date.now()}`;
    const reviewText = `面霜很滋润，包装完好，物流也快。（e2e ${orderId.slice(-6)}）`;
    const replyText = `感谢亲的好评，欢迎再次光临花间集！（e2e ${orderId.slice(-6)}）`;

    // Merchant: find the order and ship it.
    const { page: desk } = await world.console();
    await consoleLogin(desk, demo.merchant, '/console/merchant/dashboard');
    await desk.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '订单管理' }).click();
    await desk.waitForURL('**/console/merchant/orders');
    await desk.getByRole('searchbox', { name: '搜索订单' }).fill(orderId);
    await desk.getByRole('searchbox', { name: '搜索订单' }).press('Enter');
    const row = desk.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
    await expectText(row.getByTestId('order-status'), '待发货');
    await expectText(row, productTitle);
    await world.shot(desk, '2-01-console-order-found');
    await row.getByTestId('ship-button').click();
    const shipDialog = await openedDialog(desk, '发货');
    await shipDialog.getByRole('combobox', { name: '快递公司' }).click();
    await shipDialog.getByRole('combobox', { name: '快递公司' }).fill('顺丰速运');
    await shipDialog.getByRole('combobox', { name: '快递公司' }).press('Enter');
    await shipDialog.getByRole('combobox', { name: '快递公司', expanded: false }).waitFor();
    // For the picture: the option list is gone once its closing animation ends.
    await desk.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
    await shipDialog.getByLabel('运单号').fill(trackingNo);
    await world.shot(desk, '2-02-console-ship-dialog');
    const shipped = desk.waitForResponse((r) => r.url().endsWith(`/api/v1/merchant/orders/${orderId}/ship`));
    await shipDialog.getByTestId('ship-submit').click();
    if (!(await shipped).ok())
      throw new Error(`shipping failed: ${(await shipped).status()} ${await (await shipped).text()}`);
    await shipDialog.waitFor({ state: 'hidden' });
    await expectText(row.getByTestId('order-status'), '待收货');
    await world.shot(desk, '2-03-console-shipped');

    // Consumer: the parcel is on its way; confirm receipt.
    const { page: phone } = await world.shop();
    await shopLogin(phone, demo.consumer, `/orders/${orderId}`);
    await expectText(phone.getByTestId('order-status'), '待收货');
    await expectText(phone.getByTestId('logistics'), `顺丰速运 ${trackingNo}`);
    await world.shot(phone, '2-04-shop-shipped');
    await phone.getByTestId('confirm-receipt').click();
    await phone.getByRole('dialog').getByRole('button', { name: '确认收货' }).click();
    await expectText(phone.getByTestId('order-status'), '已收货');

    // Review with a photo.
    const line = phone.getByTestId('order-line').filter({ hasText: productTitle });
    await line.getByTestId('line-review').click();
    await phone.waitForURL(new RegExp(`/orders/${orderId}/review/`));
    for (const aspect of ['quality', 'logistics', 'service']) {
      await phone.getByTestId(`review-rating-${aspect}`).getByRole('radio', { name: '5 星' }).check();
    }
    await phone.getByLabel('分享使用感受（选填）').fill(reviewText);
    await phone
      .getByTestId('review-photos-input')
      .setInputFiles({ name: 'cream.png', mimeType: 'image/png', buffer: pngOf(96, 96, [236, 120, 150]) });
    await phone.getByRole('img', { name: '评价图片第 1 张' }).waitFor();
    await world.shot(phone, '2-05-shop-review-form');
    await phone.getByTestId('review-submit').click();
    await phone.waitForURL((url) => url.pathname === `/orders/${orderId}`);
    // Reviewed: the line now offers a follow-up review (追评) instead of a first one.
    await line.getByTestId('line-follow-up').waitFor();
    if ((await line.getByTestId('line-review').count()) !== 0)
      throw new Error('the line still offers a first review after reviewing');

    // Merchant: reply to the review.
    await desk.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '评价管理' }).click();
    await desk.waitForURL('**/console/merchant/reviews');
    const review = desk.getByTestId('review-item').filter({ hasText: reviewText });
    await review.getByRole('img', { name: '评价图片 1' }).waitFor();
    await review.getByLabel('回复买家').fill(replyText);
    await world.shot(desk, '2-06-console-review-reply');
    await review.getByTestId('review-reply-submit').click();
    await desk.getByText('回复已发布').waitFor();
    await desk.getByRole('radiogroup', { name: '评价筛选' }).getByText('已回复', { exact: true }).click();
    await expectText(review.getByTestId('review-reply'), replyText);
    await world.shot(desk, '2-07-console-replied');

    // Consumer: the product's reviews show the photo and the reply.
    await phone.goto(`/product/${productId}`);
    const shown = phone.getByTestId('review-summary').getByTestId('review-item').filter({ hasText: reviewText });
    await expectText(shown, `商家回复：${replyText}`);
    await shown.getByRole('button', { name: '查看评价第 1 张图片' }).waitFor();
    await shown.getByText(replyText).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await world.shot(phone, '2-08-shop-product-review-reply');
    await phone.getByTestId('reviews-all').click();
    await phone.waitForURL(`**/product/${productId}/reviews`);
    // The product page stays on screen until the reviews page has loaded: look inside the reviews page's own list.
    await phone.getByRole('heading', { level: 1, name: '商品评价' }).waitFor();
    await expectText(
      phone.getByRole('tabpanel').getByTestId('review-item').filter({ hasText: reviewText }),
      `商家回复：${replyText}`,
    );
    await world.shot(phone, '2-09-shop-reviews-page');
  },
};
