// Journey 11: an operator starts the demo home-layout experiment in the console; shoppers open the home page,
// each gets a variant (two-column grid or large cards) and the page reports the exposure when the list renders;
// the operator's results page shows the exposure count grow as the server's loader brings the events in.
import type { Page } from 'playwright-core';
import { demo, type Journey } from '../harness.ts';
import { consoleLogin } from './steps.ts';

const exposuresOn = async (page: Page): Promise<number> => {
  const cells = await page.getByTestId('variant-exposures').allInnerTexts();
  return cells.reduce((sum, c) => sum + Number(c.trim() || 0), 0);
};

export const abExperiment: Journey = {
  name: '11 operator starts an A/B experiment, shoppers see both home layouts, exposures reach the results page',
  async run(world) {
    const ops = await world.console();
    const c = ops.page;
    await consoleLogin(c, demo.operator, '/console/platform/merchants');
    await c.goto('/console/platform/experiments');
    const row = c.getByRole('row').filter({ hasText: 'home-layout' }).filter({ hasText: '首页商品流' });
    await row.waitFor();
    await world.shot(c, '11-01-experiments-draft');
    await row.getByTestId('experiment-start').click();
    await c.getByRole('button', { name: /确\s*定|OK/ }).click();
    await row.getByTestId('experiment-status').filter({ hasText: '运行中' }).waitFor();
    await row.getByTestId('experiment-name').click();
    await c.getByTestId('results-table').waitFor();
    const before = await exposuresOn(c);
    await world.shot(c, '11-02-results-before');

    // Shoppers on fresh devices until both variants have been shown (the split is by a random device id).
    const seen = new Set<string>();
    for (let i = 0; i < 12 && seen.size < 2; i++) {
      const { page } = await world.shop();
      await page.goto('/');
      const grid = page.getByTestId('product-grid');
      // A cold shop on a shared machine can take a while to render its first list.
      await grid.first().waitFor({ timeout: 60_000 });
      const layout = (await grid.first().getAttribute('data-layout')) ?? '';
      if (!seen.has(layout)) {
        seen.add(layout);
        await page.getByTestId('product-card').first().scrollIntoViewIfNeeded();
        await world.shot(page, `11-03-shop-${layout}`);
      }
    }
    if (seen.size < 2) throw new Error(`only the ${[...seen].join()} layout was shown to 12 shoppers`);

    // The results page polls; the loader runs every 2 s on the server. Wait for the count to change.
    await c.waitForFunction(
      (n) =>
        Array.from(document.querySelectorAll('[data-testid="variant-exposures"]')).reduce(
          (s, el) => s + Number(el.textContent?.trim() || 0),
          0,
        ) >= n,
      before + 2,
      { timeout: 30_000 },
    );
    const after = await exposuresOn(c);
    if (after < before + 2) throw new Error(`exposures went from ${before} to ${after}`);
    await c.getByTestId('results-provisional').waitFor();
    await world.shot(c, '11-04-results-after');
  },
};
