// Journey 13: the operator opens 异常告警. The journeys seed no behaviour history (E2E_SEED_EVENTS=0),
// so the detector cannot judge any metric yet: the page must say so per metric (历史不足 …, or 尚未检查 before the
// first minute is checked) and show an honest empty list under every state filter. No alert is fabricated: the
// server offers no way to check a chosen minute, and without eight weeks of history no minute can alert.
import { demo, type Journey } from '../harness.ts';
import { apiGet, apiLogin, consoleLogin, expectText, reloadUntil } from './steps.ts';

const FILTERS = ['未处理', '已确认', '已解决', '全部'] as const;

export const anomalyAlerts: Journey = {
  name: '13 operator opens 异常告警: every watched metric says its verdict or why it is not judged, no alerts yet',
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
      // Without history no metric can be judged; the reason names how many weeks there are and how many it needs.
      await expectText(row, /未判断.*历史不足：仅有 \d+ 周同时段数据（至少 \d+ 周）/);
      await expectText(row, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    }
    await world.shot(page, '13-01-alerts-status-panel');

    // Every state filter shows the same clear empty state, not a spinner or a blank table.
    const list = page.getByTestId('alert-list');
    for (const filter of FILTERS) {
      await page.getByText(filter, { exact: true }).click();
      await expectText(list, '暂无');
      if ((await list.locator('[data-testid="alert-open"]').count()) !== 0) {
        throw new Error(`the ${filter} filter lists alerts, but none can have been raised without history`);
      }
    }
    await page.getByText('未处理', { exact: true }).click();
    await expectText(list, '暂无');
    await page.evaluate(() => window.scrollTo(0, 0));
    await world.shot(page, '13-02-alerts-empty-list');
  },
};
