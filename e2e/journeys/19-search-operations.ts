// Journey 19: a shopper searches 暖壶, which the demo catalogue has no word for: the page says so and offers
// 你可能喜欢. The operator finds 暖壶 under 搜索洞察's 无结果搜索词, tries to add it with 保温杯 (refused: 保温杯 is
// already in a synonym group, and the error says which), adds 暖壶 to that group from 搜索词库 instead, and the
// shopper's next search for 暖壶 finds the vacuum flasks — no restart. Deleting the group is undone from the toast.
import { demo, type Journey } from '../harness.ts';
import { consoleLogin, expectText, openedDialog, reloadUntil } from './steps.ts';

const QUERY = '暖壶';

export const searchOperations: Journey = {
  name: '19 a no-result search shows in 搜索洞察; the operator gives it a synonym in 搜索词库 and the same search finds products',
  async run(world) {
    const shop = await world.shop();
    await shop.page.goto(`/products?q=${encodeURIComponent(QUERY)}`);
    await shop.page.getByText(`没有找到“${QUERY}”相关的商品`).waitFor();
    const recommended = shop.page.getByTestId('rec-section');
    await expectText(recommended, '你可能喜欢');
    await recommended.getByTestId('rec-grid').waitFor();
    await world.shot(shop.page, '19-01-no-results-you-might-like');
    // Leaving the page sends the search event (a beacon on page hide).
    await shop.page.goto('/');

    const { page } = await world.console();
    await consoleLogin(page, demo.operator, '/console/platform/merchants');
    await page.getByRole('menuitem', { name: '搜索洞察' }).click();
    await page.getByRole('heading', { name: '搜索洞察' }).waitFor();
    // The loader copies new events into the analytics engine every few seconds.
    await reloadUntil(page, page.locator(`tr[data-query="${QUERY}"]`), QUERY, 60_000);
    await expectText(page.getByTestId('search-zero-rate'), /\d+\.\d%/);
    await world.shot(page, '19-02-search-insights-zero-results');
    // The other views: nothing was found often enough to judge its click-through; 暖壶 is among the searches.
    await page.getByTitle('低点击率搜索词', { exact: true }).click();
    await page.getByText('这段时间没有达到会话数的搜索词').waitFor();
    await page.getByTitle('热门搜索词', { exact: true }).click();
    await page.locator(`tr[data-query="${QUERY}"]`).waitFor();
    await page.getByTitle('无结果搜索词', { exact: true }).click();
    await page.locator(`tr[data-query="${QUERY}"]`).waitFor();

    // 加到词库 opens 搜索词库's add dialog with the query already in it.
    await page.locator(`tr[data-query="${QUERY}"]`).getByTestId('search-insight-add-word').click();
    await page.getByRole('heading', { name: '搜索词库' }).waitFor();
    const dialog = await openedDialog(page, '添加同义词组');
    await expectText(dialog, QUERY);
    const words = dialog.getByTestId('search-word-words').locator('input');
    await words.fill('保温杯');
    await words.press('Enter');
    await dialog.getByText('添加同义词组', { exact: true }).click(); // closes the word suggestions
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expectText(dialog.getByTestId('search-word-error'), '「保温杯」已在另一组同义词里');
    await expectText(dialog.getByTestId('search-word-error'), '保温瓶');
    await world.shot(page, '19-03-search-words-conflict');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();

    // Add 暖壶 to the group that has 保温杯.
    await page.getByTestId('search-word-search').locator('input').fill('保温杯');
    await page.getByTestId('search-word-search').locator('input').press('Enter');
    const row = page.getByTestId('search-word-row').filter({ hasText: '保温杯' });
    await row.waitFor();
    await row.getByTestId('search-word-edit').click();
    const edit = await openedDialog(page, '编辑同义词组');
    await expectText(edit, '保温瓶');
    const editWords = edit.getByTestId('search-word-words').locator('input');
    await editWords.fill(QUERY);
    await editWords.press('Enter');
    await edit.getByText('编辑同义词组', { exact: true }).click();
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存，搜索立即生效').waitFor();
    await expectText(row, QUERY);
    await world.shot(page, '19-04-search-words-list');

    // The shopper's same search now finds the flasks.
    await shop.page.goto(`/products?q=${encodeURIComponent(QUERY)}`);
    await expectText(shop.page.getByTestId('product-card'), '保温杯');
    await world.shot(shop.page, '19-05-search-finds-after-synonym');

    // Delete, then undo from the toast: the group is back with 暖壶 in it, and its history names each change.
    await row.getByTestId('search-word-delete').click();
    await page
      .getByRole('button', { name: /删\s*除/ })
      .last()
      .click();
    await page.getByTestId('search-word-undo').click();
    await page.getByText(/已恢复「保温杯/).waitFor();
    await expectText(page.getByTestId('search-word-row'), QUERY);
    await row.getByRole('button', { name: '修改记录' }).click();
    const changes = page.getByTestId('search-word-change');
    await expectText(changes, '修改');
    await expectText(changes, '删除');
    await expectText(changes, '撤销删除');
    await world.shot(page, '19-06-search-word-history');
    await page.keyboard.press('Escape');

    // Category words: each names the categories its word stands for.
    await page.getByTestId('search-word-search').locator('input').fill('');
    await page.getByTestId('search-word-search').locator('input').press('Enter');
    await page.getByTitle('类目词', { exact: true }).click();
    await expectText(page.getByTestId('search-word-row'), /零食.*休闲零食|零食/);
    await world.shot(page, '19-07-search-words-categories');
  },
};
