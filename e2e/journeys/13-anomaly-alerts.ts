// Journey 13: the operator opens 异常告警. The journeys seed no behaviour history (E2E_SEED_EVENTS=0) but the demo
// orders span 90 days, so each metric either says why it is not judged (历史不足 …, 样本不足, 量太小; 尚未检查 before
// the first minute is checked) or gives an honest verdict against that history. No alert is fabricated: one is
// listed exactly when a metric's verdict is 异常.
import { demo, type Journey } from '../harness.ts';
import { apiGet, apiLogin, consoleLogin, expectText, reloadUntil } from './steps.ts';

const FILTERS = ['未处理', '已确认', '已解决', '全部'] as const;

export const anomalyAlerts: Journey = {
  name: '13 operator opens 异常告警: every watched metric says its verdict or why it is not judged',
  async run(world) {
    const { token } = await apiLogin(world, demo.operator);
    const metrics = (await apiGet(world, '/api/v1/admin/alerts/metrics', token)) as {
      items: { metric: string; label: string }[];
    };
    if (metrics.items.length !== 7)
      throw new Error(`expected 7 watched metrics, the server lists ${metrics.items.length}`);

    const { page } = await world.console();
    await consoleLogin(page, demo.operator, '/console/platform/merchants');
    await page.goto('/console/platform/alerts');
    await page.getByRole('heading', { name: '异常告警' }).waitFor();

    // The minute job checks the hour two minutes after it ends; until then every row honestly says 尚未检查.
    const panel = page.getByTestId('alert-metrics');
    await reloadUntil(page, panel.locator('tbody tr').first(), /历史不足|样本不足|量太小|正常|异常/, 240_000);
    for (const m of metrics.items) {
      const row = panel.locator(`tr[data-row-key="${m.metric}"]`);
      await expectText(row, m.label);
      // Each metric says its verdict, or why it is not judged (which weeks of history it has and needs, or too
      // little volume): after the earlier journeys' purchases a metric with enough demo history may be judged.
      await expectText(row, /正常|异常|未判断.*(历史不足：仅有 \d+ 周同时段数据（至少 \d+ 周）|样本不足|量太小)/);
      await expectText(row, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    }
    await world.shot(page, '13-01-alerts-status-panel');

    // Every state filter shows its alerts or a clear empty state, never a spinner or a blank table. (Whether an
    // alert is open depends on the minute job's timing against the journeys' own purchases, so either is right.)
    const list = page.getByTestId('alert-list');
    for (const filter of FILTERS) {
      // The segmented filter by its title: an open alert's state tag carries the same word (未处理).
      await page.getByTitle(filter, { exact: true }).click();
      await expectText(list, /暂无|查看/);
    }
    await page.getByTitle('未处理', { exact: true }).click();
    await expectText(list, /暂无|查看/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await world.shot(page, '13-02-alerts-empty-list');
  },
};
