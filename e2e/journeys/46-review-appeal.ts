// Journey 46: appealing a held review. The demo consumer's review mentioning 好评返现 is held; the operator removes
// it; the consumer sees 审核后不展示 with the reason under 我的 → 我的评价 and appeals once; the operator reads the
// review, the signals and the appeal under 评价申诉 and reinstates it with a note; the consumer sees 申诉成功 and the
// log entries about the review on 透明度.
import { demo, type Journey, type World } from '../harness.ts';
import { apiGet, apiLogin, consoleLogin, demoSkuInStock, expectText, paidOrder, shopLogin } from './steps.ts';

const BRIBED = '商家私信说五星好评返现，我没有领，这条是真实体验：杯子保温六小时，盖子不漏。';
const REASON = '我没有领取返现，评价内容是自己用了一周后的真实感受，订单可以核实。';

/** Publishes the review on the first line of the demo consumer's received orders not reviewed yet. */
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
            ratings: { quality: 4, logistics: 4, service: 4 },
            content: BRIBED,
            images: [],
            anonymous: false,
          }),
        });
        if (res.status === 201) return ((await res.json()) as { id: string }).id;
      }
    }
  }
  // Earlier journeys may have reviewed or returned every received line: receive a fresh order (setup, via the API).
  const orderId = await paidOrder(world, await demoSkuInStock(world));
  const owner = await apiLogin(world, demo.merchant);
  await send(world, 'POST', `/api/v1/merchant/orders/${orderId}/ship`, owner.token, {
    carrier: '顺丰速运',
    trackingNo: `SF${Date.now()}`,
  });
  await send(world, 'POST', `/api/v1/orders/${orderId}/confirm-receipt`, token, {});
  const detail = await apiGet(world, `/api/v1/orders/${orderId}`, token);
  const review = await send(world, 'POST', '/api/v1/reviews', token, {
    orderLineId: (detail.lines as { id: string }[])[0]!.id,
    ratings: { quality: 4, logistics: 4, service: 4 },
    content: BRIBED,
    images: [],
    anonymous: false,
  });
  return review.id as string;
}

async function send(world: World, method: string, path: string, token: string, body: unknown): Promise<any> {
  const res = await fetch(`${world.server.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `e2e-46-${path}-${Date.now()}`,
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} failed: ${res.status} ${await res.text()}`);
  return res.json();
}

export const reviewAppeal: Journey = {
  name: '46 review appeal: held review removed → 我的评价 申诉 → operator 评价申诉 恢复展示 → 申诉成功 on 透明度',
  async run(world) {
    const reviewId = await publishBribedReview(world);

    const operator = (await world.console()).page;
    await consoleLogin(operator, demo.operator, '/console/platform/merchants');
    await operator.goto('/console/platform/review-flags');
    const flagged = operator.locator('tr', { hasText: '真实体验：杯子保温' });
    await expectText(flagged, '出现好评返现等诱导字样');
    await flagged.getByRole('button', { name: /移\s*除/ }).click();
    await expectText(operator.locator('.ant-message'), '已移除');

    const { page: phone } = await world.shop();
    await shopLogin(phone, demo.consumer, '/me');
    await phone.getByTestId('me-reviews').click();
    const mine = phone.getByTestId('my-review').filter({ hasText: '真实体验：杯子保温' });
    await expectText(mine.getByTestId('my-review-state'), '审核后不展示');
    await mine.click();
    await expectText(phone.getByTestId('review-state'), '审核后不展示');
    await expectText(phone.getByTestId('review-reasons'), '好评返现');
    await world.shot(phone, '46-00-removed');
    await phone.getByTestId('appeal-reason').fill('冤枉');
    await phone.getByTestId('appeal-submit').click();
    await expectText(phone.getByRole('alert'), '申诉理由至少 5 个字');
    await phone.getByTestId('appeal-reason').fill(REASON);
    await world.shot(phone, '46-01-appeal-form');
    await phone.getByTestId('appeal-submit').click();
    await expectText(phone.getByTestId('review-state'), '申诉处理中');
    await expectText(phone.getByTestId('review-appeal'), REASON);
    await world.shot(phone, '46-02-appeal-pending');

    await operator.goto('/console/platform/review-appeals');
    const row = operator.locator('tr', { hasText: REASON });
    await expectText(row, '出现好评返现等诱导字样');
    await expectText(row.getByTestId('appeal-age'), '已等待 0 小时');
    await world.shot(operator, '46-03-appeal-queue');
    await row.getByTestId('appeal-open').click();
    await operator.getByTestId('appeal-note').fill('核实订单真实，买家未领取返现');
    await operator.getByTestId('appeal-reinstate').click();
    await expectText(operator.locator('.ant-message'), '已恢复展示');

    await phone.reload();
    await expectText(phone.getByTestId('review-state'), '申诉成功，已恢复展示');
    await expectText(phone.getByTestId('review-appeal-outcome'), '核实订单真实');
    await world.shot(phone, '46-04-appeal-reinstated');
    await phone.getByTestId('review-log-link').click();
    await expectText(phone.getByTestId('subject-filter'), reviewId);
    await expectText(phone.getByTestId('log-entries'), '评价申诉结果');
    await expectText(phone.getByTestId('log-entries'), '恢复展示');
    await world.shot(phone, '46-05-appeal-log');
  },
};
