// Journey 8: in the demo live room, the host pins a product from the console's control panel; a viewer watching in
// the shop sees the pinned card appear, buys it in a sheet over the video without leaving the room, and the live
// dashboard's GMV figure changes.
import { demo, type Journey } from '../harness.ts';
import { apiGet, apiLogin, consoleLogin, expectText, shopLogin } from './steps.ts';

interface LiveCard {
  id: string;
  title: string;
  merchant: { id: string };
}
interface LiveDetail {
  products: { productId: string; title: string }[];
  pinned: { productId: string } | null;
}
interface Product {
  specs: { name: string; values: string[] }[];
  skus: { id: string; specValues: Record<string, string>; stock: number }[];
}

export const liveRoom: Journey = {
  name: '8 host pins a product, a viewer buys it inside the live room, the live GMV changes',
  async run(world) {
    // Setup look-ups: the demo shop's session that is live now, and a product in its bag that is in stock and not pinned.
    const host = await apiLogin(world, demo.merchant);
    const merchantId = host.user.staff[0]!.merchantId;
    const live = (await apiGet(world, '/api/v1/live/sessions?tab=live')).items as LiveCard[];
    const session = live.find((s) => s.merchant.id === merchantId);
    if (!session) throw new Error('the demo shop has no session live now');
    const detail = (await apiGet(world, `/api/v1/live/sessions/${session.id}`)) as LiveDetail;
    let chosen: { productId: string; title: string; product: Product } | undefined;
    for (const p of detail.products) {
      if (p.productId === detail.pinned?.productId) continue;
      const product = (await apiGet(world, `/api/v1/products/${p.productId}`)) as Product;
      if (product.skus.some((s) => s.stock > 2)) {
        chosen = { ...p, product };
        break;
      }
    }
    if (!chosen) throw new Error('the demo live session has no unpinned product in stock');
    const sku = chosen.product.skus.find((s) => s.stock > 2)!;

    // The host watches the dashboard and opens the control panel.
    const hostSide = await world.console();
    await consoleLogin(hostSide.page, demo.merchant, '/console/merchant/dashboard');
    const dashboard = await hostSide.context.newPage();
    await dashboard.goto(`/console/merchant/live/${session.id}/dashboard`);
    const gmv = dashboard.getByTestId('live-gmv');
    await gmv.waitFor();
    const gmvBefore = (await gmv.innerText()).trim();
    const control = hostSide.page;
    await control.goto(`/console/merchant/live/${session.id}/control`);

    // The viewer is in the room before the pin.
    const viewer = await world.shop();
    const v = viewer.page;
    await shopLogin(v, demo.consumer, `/live/${session.id}`);
    await v.getByTestId('live-room').waitFor();
    await world.shot(v, '8-01-room');

    // The host pins the product; the viewer's pinned card changes to it.
    await control.getByTestId(`live-pin-${chosen.productId}`).click();
    await world.shot(control, '8-02-control-pinned');
    const card = v.locator(`[data-testid="live-pinned-card"][data-product-id="${chosen.productId}"]`);
    await card.waitFor({ timeout: 10_000 });
    await expectText(card, chosen.title.slice(0, 8));
    await world.shot(v, '8-03-pinned-card');

    // Buy inside the room: 抢购 on the card → SKU → confirm → pay in the sheet; the room never goes away.
    await card.getByTestId('live-pinned-buy').click();
    const picker = v.getByTestId('sku-picker');
    await picker.waitFor();
    for (const dim of chosen.product.specs) {
      const group = picker.getByRole('group', { name: dim.name, exact: true });
      await group
        .getByTestId('sku-option')
        .and(group.locator(`[data-value="${sku.specValues[dim.name]}"]`))
        .click();
    }
    await picker.getByTestId('sku-confirm').click();
    await v.getByTestId('live-pay-button').click();
    await expectText(v.getByTestId('live-paid'), '支付成功');
    if (!new URL(v.url()).pathname.endsWith(`/live/${session.id}`))
      throw new Error(`the viewer left the room: ${v.url()}`);
    await world.shot(v, '8-04-paid-in-room');

    // The dashboard's GMV moves without a reload (the staff socket, or its periodic refresh).
    await gmv.filter({ hasNotText: gmvBefore }).waitFor({ timeout: 20_000 });
    await world.shot(dashboard, '8-05-dashboard-gmv');
  },
};
