// Journey 5: two real accounts complete a group buy. On a first start the product page already shows groups forming
// (seeded demo consumers opened and paid one each, 还差 1 人 — real accounts, no padded seats). The demo consumer
// opens a 2-person group of the demo shop's demo campaign from the product page and pays; the group page shows it forming, with the share poster. A friend
// (the demo operator account, shopping as a consumer) opens the share link, joins and pays: the group succeeds for
// both, and the merchant console shows it complete.
import { demo, type Journey } from '../harness.ts';
import { apiGet, apiLogin, consoleLogin, expectText, reloadUntil, shopLogin } from './steps.ts';

export const groupBuy: Journey = {
  name: '5 two users complete a group buy through the share link',
  async run(world) {
    // Setup: the friend needs a delivery address; the campaign is the one the seed created.
    const friend = await apiLogin(world, demo.operator);
    const added = await fetch(`${world.server.baseUrl}/api/v1/me/addresses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${friend.token}` },
      body: JSON.stringify({
        recipient: '李好友',
        phone: '13700137000',
        province: '上海市',
        city: '上海市',
        district: '徐汇区',
        detail: '漕溪北路 1 号',
        isDefault: true,
      }),
    });
    if (!added.ok) throw new Error(`adding the friend's address failed: ${added.status} ${await added.text()}`);
    const owner = await apiLogin(world, demo.merchant);
    const campaigns = await apiGet(world, '/api/v1/merchant/group-buy/campaigns', owner.token);
    const campaign = (campaigns.items as { id: string; productId: string; live: boolean; groupSize: number }[]).find(
      (c) => c.live && c.groupSize === 2,
    );
    if (!campaign) throw new Error('the seed created no live 2-person group-buy campaign');

    // The leader opens a group from the product page and pays.
    const { page } = await world.shop();
    await shopLogin(page, demo.consumer, `/product/${campaign.productId}`);
    const section = page.getByTestId('group-buy-section');
    await expectText(section, '2人团');
    // Groups forming on first start: each seeded group waits for one more real member.
    await section.getByTestId('join-existing-group').first().waitFor();
    await expectText(section, '还差 1 人');
    await world.shot(page, '5-01-product-group-buy');
    await section.getByTestId('open-group').click();
    await page.waitForURL(`**/group-buy/open/${campaign.id}`);
    await page.getByTestId('campaign-quote').waitFor();
    await world.shot(page, '5-02-open-confirm');
    await page.getByTestId('campaign-submit').click();
    await page.waitForURL(/\/pay\/chk_[A-Za-z0-9]+$/);
    await page.getByTestId('pay-button').click();
    await page.waitForURL(/\/pay\/chk_[A-Za-z0-9]+\/result/);
    await expectText(page.getByTestId('pay-result'), '支付成功');

    // My group buys → the group page: forming, one real member, one empty seat, countdown and poster.
    await page.goto('/me/group-buys');
    await page.getByTestId('my-group-buy').first().click();
    await page.waitForURL(/\/group-buy\/gbg_[A-Za-z0-9]+$/);
    const groupUrl = new URL(page.url()).pathname;
    await reloadUntil(page, page.getByTestId('group-status'), '拼团中');
    await expectText(page.getByTestId('group-page').locator('..'), '还差 1 人成团');
    await world.shot(page, '5-03-group-forming');
    await page.getByTestId('share-poster').click();
    const poster = page.getByRole('img', { name: '拼团分享海报，含二维码' });
    await poster.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('img.gb-poster');
      return Boolean(img && img.complete && img.naturalWidth > 0);
    });
    await world.shot(page, '5-04-share-poster');
    await page.getByRole('dialog', { name: '分享海报' }).getByRole('button', { name: '关闭' }).click();

    // The friend opens the share link, joins and pays.
    const second = await world.shop();
    await shopLogin(second.page, demo.operator, groupUrl);
    await expectText(second.page.getByTestId('group-status'), '拼团中');
    await second.page.getByTestId('join-group').click();
    await second.page.waitForURL(/\/join$/);
    await second.page.getByTestId('campaign-quote').waitFor();
    await world.shot(second.page, '5-05-join-confirm');
    await second.page.getByTestId('campaign-submit').click();
    await second.page.waitForURL(/\/pay\/chk_[A-Za-z0-9]+$/);
    await second.page.getByTestId('pay-button').click();
    await second.page.waitForURL(/\/pay\/chk_[A-Za-z0-9]+\/result/);
    await expectText(second.page.getByTestId('pay-result'), '支付成功');
    await second.page.goto(groupUrl);
    await reloadUntil(second.page, second.page.getByTestId('group-status'), '已成团');
    await expectText(second.page.getByTestId('my-seat'), '你已参团');
    await world.shot(second.page, '5-06-group-succeeded-friend');

    // The leader sees it complete too.
    await reloadUntil(page, page.getByTestId('group-status'), '已成团');
    await world.shot(page, '5-07-group-succeeded-leader');

    // The merchant console lists the complete group with its two real members.
    const desk = await world.console();
    await consoleLogin(desk.page, demo.merchant, '/console/merchant/dashboard');
    await desk.page.goto('/console/merchant/group-buys');
    await desk.page.getByTestId('watch-groups').first().click();
    const drawer = desk.page.locator('.ant-drawer');
    const done = drawer.locator('.ant-table-row').filter({ hasText: '已成团' }).first();
    await done.waitFor();
    // Beside the seeded groups still forming, the complete one; its members' orders show human order numbers.
    await expectText(drawer.locator('.ant-table-row'), '拼团中');
    await done.locator('.ant-table-row-expand-icon').click();
    await expectText(drawer.locator('.ant-table-row'), /\b\d{14}\b/);
    await world.shot(desk.page, '5-08-console-groups');
  },
};
