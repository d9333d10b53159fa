// Journey 33: paid knowledge content. The demo merchant publishes a course (a free trial video lesson and a paid
// article lesson) with a creator share. The demo consumer finds it under 知识课程, watches the trial, is refused the
// paid lesson, buys the course and pays, then reads the paid lesson, marks it finished and sees it under 我的课程. The
// merchant's console lists the course with its sale and the creator's share.
import { randomUUID } from 'node:crypto';
import { demo, type Journey } from '../harness.ts';
import { apiGet, apiLogin, consoleLogin, expectText, reloadUntil, shopLogin } from './steps.ts';

export const paidContent: Journey = {
  name: '33 a consumer tries a course, buys it, learns a paid lesson; the merchant sees the sale',
  async run(world) {
    const owner = await apiLogin(world, demo.merchant);
    const creator = await apiLogin(world, demo.consumer);
    const merchantId = owner.user.staff[0]!.merchantId;
    const call = async (path: string, body: unknown) => {
      const res = await fetch(`${world.server.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${owner.token}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`POST ${path} failed: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const listed = await apiGet(world, `/api/v1/products?merchantId=${merchantId}&limit=5`);
    const product = await apiGet(world, `/api/v1/products/${listed.items[0].id}`);
    const skuId = product.skus.find((s: { stock: number }) => s.stock > 0).id as string;
    const me = (await apiGet(world, '/api/v1/me', creator.token)) as { id: string };
    const course = await call('/api/v1/merchant/content/courses', {
      kind: 'course',
      title: '家常菜刀工 21 讲',
      summary: '从握刀到切丝，跟着主厨练好基本功。',
      skuId,
      pricing: 'purchase',
      price: 990,
      creatorUserId: me.id,
      creatorShareBp: 3000,
    });
    await call(`/api/v1/merchant/content/courses/${course.id}/lessons`, {
      title: '第 1 讲 怎样握刀',
      media: 'video',
      mediaUrl: '/live-sample/sample.webm',
      durationSec: 30,
      trial: true,
    });
    await call(`/api/v1/merchant/content/courses/${course.id}/lessons`, {
      title: '第 2 讲 土豆切丝',
      media: 'article',
      body: '先把土豆切成薄片，再叠起来切丝。\n刀背贴着指节，手指弯曲，刀起刀落不离开案板。',
      durationSec: 300,
      trial: false,
    });

    const { page } = await world.shop();
    await shopLogin(page, demo.consumer, '/courses');
    await page.getByTestId('course-item').first().waitFor();
    await world.shot(page, '33-01-courses');
    await page.goto(`/courses/${course.id}`);
    await expectText(page.getByTestId('lesson-list'), '未解锁');
    await world.shot(page, '33-02-course-locked');

    // The trial plays for anyone; the paid lesson is refused by the server.
    await page.getByTestId('course-learn').click();
    await page.getByTestId('lesson-player').locator('video').waitFor();
    await world.shot(page, '33-03-trial-player');
    const paidLesson = (await apiGet(world, `/api/v1/content/courses/${course.id}`)).lessons[1];
    if (paidLesson.mediaUrl !== null || paidLesson.body !== '') throw new Error('a locked lesson leaked its content');
    await page.goto(`/lessons/${paidLesson.id}`);
    await expectText(page.locator('.adm-error-block'), '购买课程后才能学习该课时');
    await world.shot(page, '33-04-lesson-locked');

    // Bought and paid: the paid lesson opens, and finishing it shows under 我的课程.
    await page.goto(`/courses/${course.id}`);
    await page.getByTestId('course-buy').click();
    await page.waitForURL(/\/pay\/chk_[A-Za-z0-9]+$/);
    await page.getByTestId('pay-button').click();
    await page.waitForURL(/\/pay\/chk_[A-Za-z0-9]+\/result/);
    await expectText(page.getByTestId('pay-result'), '支付成功');
    await page.goto(`/courses/${course.id}`);
    await reloadUntil(page, page.getByTestId('course-card'), '已购买');
    await world.shot(page, '33-05-course-bought');
    await page.goto(`/lessons/${paidLesson.id}`);
    await expectText(page.getByTestId('lesson-player'), '土豆切丝');
    await page.getByTestId('lesson-done').click();
    await expectText(page.getByTestId('lesson-progress'), '已学完');
    await world.shot(page, '33-06-lesson-finished');
    await page.goto('/me/courses');
    await expectText(page.getByTestId('my-course').first(), '已学 1/2 讲');
    await world.shot(page, '33-07-my-courses');

    // The merchant sees the sale and the creator's 30% share.
    const desk = await world.console();
    await consoleLogin(desk.page, demo.merchant, '/console/merchant/dashboard');
    await desk.page.goto('/console/merchant/courses');
    await expectText(desk.page.locator('.ant-table-row').first(), '¥2.97');
    await world.shot(desk.page, '33-08-console-courses');
    await desk.page.getByTestId('new-course').click();
    await desk.page.locator('.ant-modal').waitFor();
    await world.shot(desk.page, '33-09-console-new-course');
  },
};
