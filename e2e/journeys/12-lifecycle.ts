// Journey 12: lifecycle automation. The operator opens 用户运营, sees the segment counts and the customer list (phones
// masked), sets the churned-recall rule to at most one message per person every 14 days and switches it on; the demo
// consumer turns 营销消息 off in the shop's settings, and it stays off after a reload (the server keeps it).
import { demo, type Journey } from '../harness.ts';
import { apiGet, apiLogin, consoleLogin, expectText, openedDialog, shopLogin } from './steps.ts';

export const lifecycle: Journey = {
  name: '12 operator switches on churned recall with a cap; a consumer opts out of marketing messages',
  async run(world) {
    const { page: ops } = await world.console();
    await consoleLogin(ops, demo.operator, '/console/platform/merchants');
    await ops.goto('/console/platform/lifecycle');
    const counts = ops.getByTestId('segment-counts');
    await expectText(counts, '新客');
    await expectText(counts, '流失预警');
    const firstPhone = ops.getByRole('table', { name: '客户列表' }).locator('tbody tr').first();
    await firstPhone.waitFor();
    if (/\d{11}/.test(await firstPhone.innerText())) throw new Error('the customer list shows a whole phone number');
    await world.shot(ops, '12-01-segments');

    // The churned-recall rule: cap 14 days, switched on in its settings.
    const rules = ops.getByTestId('lifecycle-rules');
    await ops.getByTestId('rule-edit-churned_recall').click();
    const dialog = await openedDialog(ops, '设置：流失召回');
    // The form is filled from the rule as the dialog opens: act once it shows the rule's cap, and see the switch
    // turn on before saving (under load a click during the opening was lost, and the rule was saved off).
    await ops.waitForFunction(
      () => document.querySelector<HTMLInputElement>('[role="dialog"] [data-testid="rule-cap"]')?.value,
    );
    await dialog.getByTestId('rule-cap').fill('14');
    await dialog.getByRole('switch').click();
    await dialog.getByRole('switch', { checked: true }).waitFor();
    await world.shot(ops, '12-02-rule-settings');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = rules.locator('tr', { hasText: '流失召回' });
    await expectText(row, '每人每 14 天最多 1 次');
    if ((await ops.getByTestId('rule-switch-churned_recall').getAttribute('aria-checked')) !== 'true')
      throw new Error('the churned-recall rule is not shown as on');
    await expectText(row, '样本不足');
    await world.shot(ops, '12-03-rule-on');
    // Another rule's dialog opens with that rule's own settings, not the ones just saved.
    await ops.getByTestId('rule-edit-loyal_care').click();
    const other = await openedDialog(ops, /^设置：/);
    if ((await other.getByTestId('rule-cap').inputValue()) === '14')
      throw new Error("another rule's dialog shows the churned-recall rule's cap");
    await other.getByRole('button', { name: /取\s*消/ }).click();
    await other.waitFor({ state: 'hidden' });

    // The consumer turns marketing messages off; a reload shows what the server kept.
    const { page } = await world.shop();
    await shopLogin(page, demo.consumer, '/me/settings');
    const toggle = page.getByTestId('marketing-switch');
    await toggle.waitFor();
    if ((await toggle.getAttribute('aria-checked')) !== 'true') throw new Error('marketing messages start off');
    await toggle.click();
    await expectText(page.locator('body'), '已关闭营销消息');
    await page.reload();
    await page.getByTestId('marketing-switch').waitFor();
    if ((await page.getByTestId('marketing-switch').getAttribute('aria-checked')) !== 'false')
      throw new Error('营销消息 did not stay off after a reload');
    await world.shot(page, '12-04-marketing-off');
    const me = await apiLogin(world, demo.consumer);
    const pref = (await apiGet(world, '/api/v1/me/marketing-messages', me.token)) as { marketing: boolean };
    if (pref.marketing) throw new Error('the server still sends this consumer marketing messages');
  },
};
