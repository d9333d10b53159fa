// Journey 23: trust you can check. A buyer's review that mentions 好评返现 is held for an operator, who sees it with
// the signal that fired; a shopper opens 透明度, verifies a review in the browser (hashes, inclusion proof, Ed25519
// signature) and reads 已验证，未被篡改; a merchant saving a title with 全网第一 sees the 广告法 finding.
import { demo, type Journey, type World } from '../harness.ts';
import { apiGet, apiLogin, consoleLogin, expectText, shopLogin } from './steps.ts';

const BRIBED = '商家说五星好评返现5元，所以给了五星，东西其实一般。';

/** Publishes the bribed review on the first line of the demo consumer's received orders not reviewed yet. */
async function publishBribedReview(world: World): Promise<string> {
  const { token } = await apiLogin(world, demo.consumer);
  for (const status of ['delivered', 'completed']) {
    const orders = await apiGet(world, `/api/v1/orders?status=${status}&limit=50`, token);
    for (const order of orders.items as { id: string }[]) {
      const detail = await apiGet(world, `/api/v1/orders/${order.id}`, token);
      for (const line of detail.lines as { id: string }[]) {
        const res = await fetch(`${world.server.baseUrl}/api/v1/reviews`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            orderLineId: line.id,
            ratings: { quality: 5, logistics: 5, service: 5 },
            content: BRIBED,
            images: [],
            anonymous: false,
          }),
        });
        if (res.status === 201) return ((await res.json()) as { id: string }).id;
      }
    }
  }
  throw new Error('the demo consumer has no received, unreviewed order line to review');
}

export const trustTransparency: Journey = {
  name: '23 trust: held fake review → operator queue; 透明度 verifies a review in the browser; 广告法 finding on save',
  async run(world) {
    const flaggedId = await publishBribedReview(world);

    const operator = (await world.console()).page;
    await consoleLogin(operator, demo.operator, '/console/platform/merchants');
    await operator.goto('/console/platform/review-flags');
    const row = operator.locator('tr', { hasText: '好评返现' });
    await expectText(row, '出现好评返现等诱导字样');
    await world.shot(operator, '23-01-review-flags');

    const { page: phone } = await world.shop();
    await shopLogin(phone, demo.consumer, '/me');
    await phone.getByTestId('me-transparency').click();
    await expectText(phone.getByTestId('tree-head'), '签名树头');
    // A public review (not the held one, whose text is not shown while under review).
    const entry = phone
      .getByTestId('log-entry')
      .filter({ hasText: '评价' })
      .filter({ hasNotText: flaggedId })
      .filter({ hasNotText: '审核结论' })
      .first();
    await entry.getByRole('button', { name: '在本机核验' }).click();
    await expectText(entry.getByTestId('verify-verdict'), '已验证，未被篡改');
    await expectText(entry, '树头的 Ed25519 签名有效');
    await entry.scrollIntoViewIfNeeded();
    await world.shot(phone, '23-02-transparency-verified');

    const merchant = (await world.console()).page;
    await consoleLogin(merchant, demo.merchant, '/console/merchant/dashboard');
    await merchant.goto('/console/merchant/products');
    await merchant.getByTestId('product-row').first().getByRole('link').first().click();
    const title = merchant.getByTestId('product-title');
    await title.fill('全网第一 加厚保温杯');
    await merchant.getByTestId('product-info-save').click();
    await expectText(merchant.getByTestId('adlaw-findings'), '全网第一');
    await expectText(merchant.getByTestId('adlaw-findings'), '第九条');
    await world.shot(merchant, '23-03-adlaw-finding');
  },
};
