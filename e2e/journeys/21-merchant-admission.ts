// Journey 21: a person applies to open a shop in the console (商家入驻), the operator asks for more information,
// the applicant resubmits, the operator approves, and the applicant lands in the merchant console as the owner.
// The demo consumer is the applicant: the only seeded account without a shop that can sign in with a password.
import type { Page } from 'playwright-core';
import { demo, type Journey } from '../harness.ts';
import { consoleLogin, expectText, pngOf } from './steps.ts';

const SHOP = '山野小食铺';

async function fillApplication(page: Page, creditCode: string) {
  await page.getByTestId('apply-shop-name').fill(SHOP);
  await page.getByTestId('apply-category').click();
  await page.getByTitle(/食品生鲜/).click();
  await page.getByTestId('apply-licence-name').fill('杭州山野食品有限公司');
  await page.getByTestId('apply-credit-code').fill(creditCode);
  const uploads = page.locator('input[type=file]');
  await uploads
    .nth(0)
    .setInputFiles({ name: 'licence.png', mimeType: 'image/png', buffer: pngOf(200, 140, [210, 60, 50]) });
  // The licence has no expiry (长期); the food licence is valid until a date the daily run will warn about later.
  await page.getByTestId('apply-licence-permanent').check();
  await page.getByTestId('apply-qual-food-licence').fill('JY13301060012345');
  const foodValid = page.getByTestId('apply-qual-valid-food-licence');
  await foodValid.click();
  await foodValid.fill('2030-06-30');
  await foodValid.press('Enter');
  await uploads
    .nth(1)
    .setInputFiles({ name: 'food.png', mimeType: 'image/png', buffer: pngOf(200, 140, [60, 140, 80]) });
  await page.locator('.ant-upload-list-item-done').nth(1).waitFor();
  await page.getByTestId('apply-rep-name').fill('王小明');
  await page.getByTestId('apply-id-number').fill('11010519491231002X');
  await page.getByTestId('apply-bank').fill('招商银行杭州分行');
  await page.getByTestId('apply-holder').fill('杭州山野食品有限公司');
  await page.getByTestId('apply-account').fill('6214 8301 2345 6789');
}

export const merchantAdmission: Journey = {
  name: '21 merchant admission: apply → more information requested → resubmit → approved → merchant console',
  async run(world) {
    const applicant = (await world.console()).page;
    await consoleLogin(applicant, demo.consumer, '/console/creator');
    await applicant.getByRole('link', { name: '商家入驻' }).click();
    await applicant.getByRole('heading', { name: '商家入驻' }).waitFor();
    await applicant.getByTestId('apply-start').click();
    // A mistyped code fails its GB 32100 check character before anyone has to look at it.
    await fillApplication(applicant, '91330100716105852G');
    await world.shot(applicant, '21-01-application-form');
    await applicant.getByTestId('apply-submit').click();
    await expectText(applicant.getByRole('alert'), '统一社会信用代码不正确');
    await applicant.getByTestId('apply-credit-code').fill('91330100716105852F');
    await applicant.getByTestId('apply-submit').click();
    await expectText(applicant.getByTestId('application-status'), '审核中');
    await expectText(applicant.locator('body'), /平台审核中，预计 .* 前给出结果/);
    await world.shot(applicant, '21-02-application-submitted');

    const operator = (await world.console()).page;
    await consoleLogin(operator, demo.operator, '/console/platform/merchants');
    await operator.goto('/console/platform/merchant-applications');
    const row = operator.locator('tr', { hasText: SHOP });
    await expectText(row, /剩余 /);
    await world.shot(operator, '21-03-review-queue');
    await row.getByTestId('application-open').click();
    await operator.getByTestId('application-request-info').click();
    await operator.getByTestId('application-reason-input').fill('食品经营许可证照片看不清，请重新拍摄上传');
    await operator
      .getByRole('button', { name: '确 定' })
      .or(operator.getByRole('button', { name: '确定' }))
      .click();
    await expectText(operator.locator('.ant-message'), '已要求补充资料');

    await applicant.reload();
    await expectText(applicant.getByTestId('application-status'), '待补充资料');
    await expectText(applicant.getByTestId('application-reason'), '食品经营许可证照片看不清');
    await expectText(applicant.getByTestId('application-history'), /要求补充资料[\s\S]*平台审核/);
    await world.shot(applicant, '21-04-needs-info');
    // The representative's name, ID and account numbers are kept only masked, so they are typed again.
    await applicant.getByTestId('apply-rep-name').fill('王小明');
    await applicant.getByTestId('apply-id-number').fill('11010519491231002X');
    await applicant.getByTestId('apply-account').fill('6214 8301 2345 6789');
    await applicant.getByTestId('apply-submit').click();
    await expectText(applicant.getByTestId('application-status'), '审核中');

    // The operator's queue was left open; a reload shows the resubmission waiting again.
    await operator.reload();
    const again = operator.locator('tr', { hasText: SHOP });
    await expectText(again, '第 2 次提交');
    await again.getByTestId('application-open').click();
    await expectText(operator.getByTestId('application-history'), /补充资料后重新提交/);
    // Hovering waits for the button to stop moving, i.e. for the drawer to finish sliding in.
    await operator.getByTestId('application-approve').hover();
    await world.shot(operator, '21-05-review-drawer');
    await operator.getByTestId('application-approve').click();
    // The confirmation pops in with a zoom: a click aimed at its button mid-animation can land nowhere (the full run
    // once stopped here with the popover still open), so wait until it rests, as openedDialog does for dialogs.
    const confirm = operator.locator('.ant-popover').filter({ hasText: '通过并开通店铺' });
    await confirm.waitFor();
    await operator.waitForFunction(
      (el) =>
        el !== null &&
        !/-(appear|enter)(-|\b)/.test(el.className) &&
        el.getAnimations({ subtree: true }).every((a) => a.playState !== 'running'),
      await confirm.elementHandle(),
    );
    await confirm.getByRole('button', { name: /通\s*过/ }).click();
    await expectText(operator.locator('.ant-message'), '已通过，店铺已开通');

    await applicant.reload();
    await expectText(applicant.getByTestId('application-status'), '已通过');
    await world.shot(applicant, '21-06-approved');
    await applicant.getByTestId('apply-open-shop').click();
    await applicant.waitForURL((url) => url.pathname === '/console/merchant/dashboard');
    await expectText(applicant.locator('.console-header'), SHOP);

    // The operator warns the new shop from 商家管理; the shop reads the warning next to its unpaid deposit.
    await operator.goto('/console/platform/merchants');
    await operator.locator('tr', { hasText: SHOP }).getByTestId('merchant-deposit').click();
    await expectText(operator.getByTestId('deposit-status'), '正常经营');
    await operator.getByTestId('penalty-open').click();
    await operator.locator('.ant-modal textarea').fill('商品主图与实物不符，限期整改');
    await operator
      .getByRole('button', { name: '确 定' })
      .or(operator.getByRole('button', { name: '确定' }))
      .click();
    await expectText(operator.getByTestId('penalty-list'), '商品主图与实物不符');
    await world.shot(operator, '21-07-operator-deposit-penalty');
    await applicant.goto('/console/merchant/deposit');
    await expectText(applicant.getByTestId('penalty-list'), /警告[\s\S]*商品主图与实物不符/);
    await expectText(applicant.locator('body'), /保证金尚差 ¥10,000\.00/);
    await world.shot(applicant, '21-08-merchant-deposit');
  },
};
