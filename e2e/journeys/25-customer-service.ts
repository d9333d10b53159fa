// Journey 25: the consumer presses 联系客服 on an order of the demo shop, the assistant answers where the order is
// from the real order and starts a refund only after the consumer confirms, then the consumer asks for a person
// (转人工); an agent of
// that shop picks it up in the console's 客服工作台 and answers within the 5-minute SLA (the answer arrives in the
// shop over the WebSocket, without a reload), closes it with a reason, and the consumer rates the service.
import { demo, type Journey } from '../harness.ts';
import { apiGet, apiLogin, consoleLogin, expectText, idFromUrl, openedDialog, paidOrder, shopLogin } from './steps.ts';

const ANSWER = '您好，我是店铺客服，已经看到这个订单了，请问需要什么帮助？';

export const customerService: Journey = {
  name: '25 consumer asks a person from an order, the shop answers within 5 minutes, the consumer rates it',
  async run(world) {
    // Setup: a fresh paid order with the demo shop (waiting to ship), so what the assistant may do is known.
    const consumer = await apiLogin(world, demo.consumer);
    const orderId = await paidOrder(world);

    // Consumer: 联系客服 from the order; the order card opens the conversation.
    const { page: phone } = await world.shop();
    await shopLogin(phone, demo.consumer, `/orders/${orderId}`);
    await phone.getByTestId('contact-service').click();
    await phone.waitForURL(/\/service\/conv_[A-Za-z0-9]+$/);
    const conversationId = idFromUrl(phone, '/service/');
    const messages = phone.getByTestId('service-messages');
    await messages.locator('.svc-card').first().waitFor();
    await world.shot(phone, '25-01-shop-service-opened');

    // The assistant answers first, from the real order: its state is the one the order API reports.
    const order = (await apiGet(world, `/api/v1/orders/${orderId}`, consumer.token)) as { statusLabel: string };
    await phone.getByPlaceholder('请输入你的问题').fill('我的订单现在到哪了？');
    await phone.getByTestId('service-send').click();
    await expectText(messages, `当前状态：${order.statusLabel}`);
    await world.shot(phone, '25-01b-shop-assistant-answered');

    // Asked for a refund, it proposes the after-sale and starts it only when the consumer confirms.
    await phone.getByPlaceholder('请输入你的问题').fill('不想要了，我要退款');
    await phone.getByTestId('service-send').click();
    const confirm = messages.getByRole('button', { name: /^申请/ });
    await confirm.waitFor();
    const salesBefore = (await apiGet(world, '/api/v1/after-sales?limit=50', consumer.token)) as {
      items: { orderId: string }[];
    };
    if (salesBefore.items.some((a) => a.orderId === orderId))
      throw new Error('an after-sale existed before confirming');
    await world.shot(phone, '25-01c-shop-assistant-proposes-refund');
    await confirm.click();
    await expectText(messages, '已提交售后申请');
    const salesAfter = (await apiGet(world, '/api/v1/after-sales?limit=50', consumer.token)) as {
      items: { orderId: string }[];
    };
    if (!salesAfter.items.some((a) => a.orderId === orderId))
      throw new Error('confirming did not start the after-sale');

    await phone.getByTestId('service-human').click();
    await expectText(phone.getByTestId('service-status'), '正在为你转接人工客服');
    await world.shot(phone, '25-02-shop-service-waiting');

    // Merchant agent: the conversation waits in the queue with its wait time; pick it up and answer.
    const { page: desk } = await world.console();
    await consoleLogin(desk, demo.merchant, '/console/merchant/dashboard');
    await desk.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '客服工作台' }).click();
    await desk.waitForURL('**/console/merchant/service');
    const queued = desk.getByTestId('service-queue-item').first();
    await expectText(queued, /已等 \d+:\d\d/);
    await queued.click();
    await desk.getByTestId('service-claim').click();
    await world.shot(desk, '25-03-console-workbench-picked-up');
    await expectText(desk.getByTestId('service-customer'), '会员等级');
    await desk.getByTestId('service-reply').fill(ANSWER);
    await desk.getByTestId('service-send').click();
    await expectText(desk.getByTestId('service-desk-messages'), ANSWER);

    // Consumer: the answer arrives live, and the consumer's own messages show 已读.
    await expectText(messages, ANSWER);
    await expectText(phone.getByTestId('service-status'), '人工客服接待中');
    await expectText(messages, '已读');
    await world.shot(phone, '25-04-shop-agent-answered');

    // The SLA: the first answer came within 5 minutes of the hand-over.
    const after = (await apiGet(world, `/api/v1/service/conversations/${conversationId}`, consumer.token)) as {
      conversation: { handedOverAt: string; firstResponseAt: string; slaBreached: boolean };
    };
    const seconds =
      (Date.parse(after.conversation.firstResponseAt) - Date.parse(after.conversation.handedOverAt)) / 1000;
    if (!(seconds >= 0 && seconds <= 300) || after.conversation.slaBreached)
      throw new Error(`the first answer took ${seconds}s after the hand-over (SLA 300s)`);

    // Agent: close it with a reason.
    await desk.getByTestId('service-close').click();
    const closing = await openedDialog(desk, '结束会话');
    await closing.getByRole('radio', { name: '问题已解决' }).check();
    // antd spaces out a two-character button label (结 束).
    await closing.getByRole('button', { name: /^结\s?束$/ }).click();
    await closing.waitFor({ state: 'hidden' });
    await world.shot(desk, '25-05-console-closed');

    // Consumer: rate the service.
    const rating = phone.getByTestId('service-rating');
    await rating.waitFor();
    await phone.getByTestId('service-stars-5').check({ force: true });
    await rating.getByRole('textbox').fill('回复很快，问题解决了');
    await world.shot(phone, '25-06-shop-rating');
    await phone.getByTestId('service-rate-submit').click();
    await expectText(phone.getByTestId('service-rated'), '你已评价：5 星');
    await world.shot(phone, '25-07-shop-rated');

    // Agent: the metrics count it.
    await desk.goto('/console/merchant/service/metrics');
    const figures = desk.getByTestId('service-metrics');
    await expectText(figures, '满意度');
    await expectText(figures, /5 \/ 5/);
    await world.shot(desk, '25-08-console-service-metrics');
  },
};
