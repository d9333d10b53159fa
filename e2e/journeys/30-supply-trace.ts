// Journey 30: the demo merchant opens 销量预测与补货 (forecast chart from the seeded 演示 history, reorder
// suggestions) and a received purchase order's lot shows its 溯源码; a consumer opens that batch code in the shop
// and reads each production, inspection and logistics event checked in the browser: 已验证，未被篡改.
import { demo, type Journey } from '../harness.ts';
import { apiLogin, consoleLogin, expectText } from './steps.ts';

export const supplyTrace: Journey = {
  name: '30 supply: forecast and reorder suggestions; a consumer scans a batch code and sees the verified trace',
  async run(world) {
    const merchant = (await world.console()).page;
    await consoleLogin(merchant, demo.merchant, '/console/merchant/dashboard');
    await merchant.goto('/console/merchant/supply/forecast');
    await expectText(merchant.getByRole('heading', { level: 1 }), '销量预测与补货');
    await merchant.getByTestId('chart-forecast').waitFor();
    await expectText(merchant.locator('.ant-alert'), '含演示历史');
    await expectText(merchant.locator('.ant-table-row'), /建议补货|缺货风险|已缺货|库存积压|正常/);
    await world.shot(merchant, '30-console-forecast');

    const { token, user } = await apiLogin(world, demo.merchant);
    const merchantId = user.staff[0]!.merchantId;
    const get = async (path: string) => {
      const res = await fetch(`${world.server.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${token}`, 'x-merchant-id': merchantId },
      });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
      return res.json();
    };
    const pos = (await get('/api/v1/merchant/supply/purchase-orders')).items as { id: string; status: string }[];
    const received = pos.find((p) => p.status === 'received');
    if (!received) throw new Error('the seed has no received purchase order');
    const detail = await get(`/api/v1/merchant/supply/purchase-orders/${received.id}`);
    const code = (detail.lots as { traceCode: string | null }[]).find((l) => l.traceCode)?.traceCode;
    if (!code) throw new Error('the received lots have no trace code');

    const shopper = (await world.shop()).page;
    await shopper.goto(`/trace/${code}`);
    await expectText(shopper.getByRole('heading', { level: 1 }), '商品溯源');
    await expectText(shopper.getByTestId('trace-verdict'), '已验证，未被篡改', 20_000);
    const events = await shopper.getByTestId('trace-event').allInnerTexts();
    if (events.length !== 3 || !events.every((e) => /已验证：日志第 \d+ 条/.test(e)))
      throw new Error(
        `expected three verified events (生产, 到货检验, 入库); the page shows ${JSON.stringify(events)}`,
      );
    await world.shot(shopper, '30-shop-trace-verified');
    await shopper.getByTestId('trace-event').last().scrollIntoViewIfNeeded();
    await world.shot(shopper, '30-shop-trace-events');
  },
};
