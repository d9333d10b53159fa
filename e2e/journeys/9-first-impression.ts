// Journey 9: what a newcomer sees on a first start, without signing in — the home page's products are drawn product
// art (not labelled placeholder blocks) and some show real sales, the 秒杀 channel has a slot running now, and the
// live list has a room on air whose simulated viewers are labelled 演示观众.
import type { Journey } from '../harness.ts';
import { expectText } from './steps.ts';

export const firstImpression: Journey = {
  name: '9 first impression: product art, real sales, a running 秒杀 slot, a live room with labelled demo viewers',
  async run(world) {
    const { page } = await world.shop();

    await page.goto('/');
    const cards = page.getByTestId('product-card');
    await cards.first().waitFor();
    const sources = await cards.locator('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src') ?? ''));
    if (sources.length === 0 || !sources.every((s) => s.startsWith('/media/art/')))
      throw new Error(`home product pictures are not generated product art: ${sources.slice(0, 3).join(', ')}`);
    // The art loads and is a real picture (the browser decoded it at its size).
    const decoded = await cards
      .first()
      .locator('img')
      .evaluate(async (img: HTMLImageElement) => {
        await img.decode();
        return img.naturalWidth;
      });
    if (decoded < 100) throw new Error(`product art did not load (naturalWidth ${decoded})`);
    await expectText(cards, /已售 [1-9]/);
    await world.shot(page, '9-home');

    await page.goto('/flash');
    await expectText(page.getByTestId('flash-slot-tab'), '正在抢购');
    await page.getByTestId('flash-item-card').first().waitFor();
    await world.shot(page, '9-flash');

    await page.goto('/live');
    const viewers = page.getByTestId('live-card-viewers').first();
    await expectText(viewers, /[1-9]\d* 人在看/);
    await expectText(page.getByTestId('live-demo-viewers'), /含演示观众 [1-9]/);
    await world.shot(page, '9-live');
  },
};
