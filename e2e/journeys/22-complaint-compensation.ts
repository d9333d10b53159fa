// Journey 22: the demo consumer complains about an order and asks for 先行赔付 from the order page; the operator
// answers and upholds the complaint, approves the compensation (paid from the guarantee fund, recovered from the
// shop); the consumer sees the money back on the claim, and the merchant sees the credit deduction on 信用分.
// Then the consumer complains about the demo shop's live room from its 更多 menu, and the shop finds it, named by
// the room, in 顾客投诉.
// The 2 h / 24 h escalation runs on an injected clock in the server tests (trust/cases.test.ts), not here.
import { demo, type Journey } from '../harness.ts';
import { apiGet, apiLogin, consoleLogin, expectText, idFromUrl, paidOrder, reloadUntil, shopLogin } from './steps.ts';

interface LiveCard {
  id: string;
  title: string;
  merchant: { id: string };
}

export const complaintCompensation: Journey = {
  name: '22 consumer complains and claims 先行赔付; operator answers and pays; consumer paid back; merchant credit drops; live-room complaint',
  async run(world) {
    const orderId = await paidOrder(world);

    // Consumer: a complaint from the order page.
    const { page: phone } = await world.shop();
    await shopLogin(phone, demo.consumer, `/orders/${orderId}`);
    await reloadUntil(phone, phone.getByTestId('order-status'), '待发货');
    await phone.getByTestId('order-more').click();
    await phone.getByTestId('order-complain').click();
    await phone.getByTestId('complaint-option-not-as-described').check();
    await phone.getByTestId('case-description').fill('收到的面霜容量只有 30ml，详情页写的是 50ml。');
    await world.shot(phone, '22-01-shop-complaint-form');
    await phone.getByTestId('case-submit').click();
    await phone.waitForURL(/\/complaints\/cpl_[A-Za-z0-9]+$/);
    const complaintId = idFromUrl(phone, '/complaints/');
    await expectText(phone.getByTestId('case-status'), '等待平台回复');
    await world.shot(phone, '22-02-shop-complaint-status');

    // Consumer: 先行赔付 for the same order.
    await phone.goto(`/orders/${orderId}`);
    await phone.getByTestId('order-more').click();
    await phone.getByTestId('order-claim').click();
    await phone.getByTestId('claim-option-not-as-described').check();
    await phone.getByTestId('claim-amount').fill('20');
    await phone.getByTestId('case-description').fill('货不对板，商家不回复，申请平台先行赔付 20 元。');
    await world.shot(phone, '22-03-shop-claim-form');
    await phone.getByTestId('case-submit').click();
    await phone.waitForURL(/\/compensation-claims\/clm_[A-Za-z0-9]+$/);
    const claimId = idFromUrl(phone, '/compensation-claims/');
    await expectText(phone.getByTestId('case-status'), '平台审核中');
    await world.shot(phone, '22-04-shop-claim-pending');

    // Operator: answer and uphold the complaint, then approve the claim.
    const { page: ops } = await world.console();
    await consoleLogin(ops, demo.operator, '/console/platform/merchants');
    await ops.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '投诉处理' }).click();
    await ops.waitForURL('**/console/platform/complaints');
    const complaintRow = ops.locator('tr', { hasText: orderId });
    await expectText(complaintRow, /剩余 /);
    await world.shot(ops, '22-05-console-complaints');
    await complaintRow.getByTestId('complaint-open').click();
    await ops.getByTestId('complaint-message').fill('已核实：实物容量与详情页不符，投诉成立，已责令商家整改。');
    await ops.getByLabel('办结：投诉成立').check();
    await world.shot(ops, '22-06-console-complaint-drawer');
    await ops.getByTestId('complaint-submit').click();
    await expectText(ops.locator('.ant-message'), '已保存');

    await ops.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '先行赔付' }).click();
    await ops.waitForURL('**/console/platform/compensation-claims');
    const claimRow = ops.locator('tr', { hasText: orderId });
    await expectText(claimRow, /剩余 /);
    await world.shot(ops, '22-07-console-claims');
    await claimRow.getByTestId('claim-open').click();
    await ops.getByTestId('claim-note').fill('商家未回应，平台先行赔付 20 元，并从商家保证金/余额追偿。');
    await world.shot(ops, '22-08-console-claim-drawer');
    await ops.getByTestId('claim-submit').click();
    await expectText(ops.locator('.ant-message'), '已同意');

    // Consumer: the money is back (the refund job runs in the server's job loop).
    await phone.goto(`/compensation-claims/${claimId}`);
    await reloadUntil(phone, phone.getByTestId('case-status'), '已赔付 ¥20.00');
    await world.shot(phone, '22-09-shop-claim-paid');
    await phone.goto(`/complaints/${complaintId}`);
    await expectText(phone.getByTestId('case-status'), '投诉成立');

    // Operator: the patrol, run now instead of at 00:30 (the hand-opened demo shops have no qualification on record).
    await ops.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '巡检结果' }).click();
    await ops.waitForURL('**/console/platform/patrol-findings');
    await ops.getByTestId('patrol-run').click();
    await expectText(ops.locator('.ant-message'), '巡检完成');
    await expectText(ops.locator('.ant-table'), '类目资质缺失');
    await world.shot(ops, '22-11-console-patrol-findings');

    // Merchant: the deduction on 信用分, with the compensation as its reason.
    const { page: desk } = await world.console();
    await consoleLogin(desk, demo.merchant, '/console/merchant/dashboard');
    await desk.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '信用分' }).click();
    await desk.waitForURL('**/console/merchant/credit');
    await expectText(desk.getByTestId('credit-compensation'), /-10/);
    await expectText(desk.getByTestId('credit-complaint'), /-4/);
    await world.shot(desk, '22-12-console-merchant-credit');

    // Consumer: 投诉 from the live room's 更多 menu; the form and the shop's queue name the room.
    const host = await apiLogin(world, demo.merchant);
    const rooms = (await apiGet(world, '/api/v1/live/sessions?tab=live')).items as LiveCard[];
    const room = rooms.find((r) => r.merchant.id === host.user.staff[0]!.merchantId);
    if (!room) throw new Error('the demo shop has no session live now');
    await phone.goto(`/live/${room.id}`);
    await phone.getByTestId('live-room').waitFor();
    await world.shot(phone, '22-13-shop-live-room');
    await phone.getByTestId('live-more').click();
    await phone.getByTestId('live-complain').waitFor();
    await world.shot(phone, '22-14-shop-live-more-menu');
    await phone.getByTestId('live-complain').click();
    await expectText(phone.getByTestId('complaint-subject'), `直播间「${room.title}」`);
    await phone.getByTestId('complaint-option-counterfeit').check();
    await phone.getByTestId('case-description').fill('主播说是专柜正品，但拿不出品牌授权。');
    await world.shot(phone, '22-15-shop-live-complaint-form');
    await phone.getByTestId('case-submit').click();
    await phone.waitForURL(/\/complaints\/cpl_[A-Za-z0-9]+$/);
    await expectText(phone.getByTestId('complaint-subject-link'), `直播间「${room.title}」`);

    await desk.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '顾客投诉' }).click();
    await desk.waitForURL('**/console/merchant/complaints');
    await expectText(
      desk.locator('tr', { hasText: room.title }).getByTestId('complaint-subject'),
      `直播间「${room.title}」`,
    );
    await world.shot(desk, '22-16-console-merchant-live-complaint');
  },
};
