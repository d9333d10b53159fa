// Journey 24: least privilege for platform staff. The super-admin invites a 客服; the 客服 signs in with an SMS
// code, is sent to enrol two-step verification (TOTP from a QR code), opens a customer's order, unmasks the phone
// with a reason, finds a customer by phone on 用户查询 (shown masked), and finds the finance page closed with a
// Chinese 403. The super-admin exports the customer's orders as CSV, sees the accesses on 访问记录, and the customer
// sees in the shop's privacy centre that a 客服 looked.
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { demo, type Journey, type World } from '../harness.ts';
import { apiGet, apiLogin, consoleLogin, expectText, shopLogin } from './steps.ts';

/** RFC 6238 written out here, independently of the server's library: what any authenticator app computes. */
function totp(base32: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of base32.replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

async function lastCode(world: World, phone: string): Promise<string> {
  const lines = (await readFile(world.smsOutbox, 'utf8')).trim().split('\n');
  const mine = lines.map((l) => JSON.parse(l) as { phone: string; code: string }).filter((m) => m.phone === phone);
  if (mine.length === 0) throw new Error(`no code was sent to ${phone}`);
  return mine.at(-1)!.code;
}

export const staffAccess: Journey = {
  name: '24 a 客服 enrols TOTP, unmasks a phone with a reason, cannot open finance; the super-admin audits it',
  async run(world) {
    // Setup look-up: one of the demo consumer's orders, which the 客服 will handle.
    const admin = await apiLogin(world, demo.operator);
    const consumer = (await apiLogin(world, demo.consumer)) as unknown as { user: { id: string } };
    const orders = await apiGet(world, `/api/v1/admin/orders?userId=${consumer.user.id}&limit=1`, admin.token);
    const orderId = (orders.items as { id: string }[])[0]?.id;
    if (!orderId) throw new Error('the demo consumer has no order');

    // The super-admin invites a 客服 by phone.
    const phone = `1390024${String(Date.now() % 10000).padStart(4, '0')}`;
    const { page: boss } = await world.console();
    await consoleLogin(boss, demo.operator, '/console/platform/merchants');
    await boss.goto('/console/platform/staff');
    await boss.getByTestId('invite-staff').click();
    await boss.getByTestId('staff-phone').fill(phone);
    await boss.getByTestId('staff-nickname').fill('客服小李');
    await boss.getByTestId('role-support').click();
    // antd spaces two-character Chinese button labels (邀 请), so the button is found by its test id.
    await boss.getByTestId('invite-submit').click();
    await expectText(boss.getByRole('table', { name: '平台员工' }), '客服小李');
    await world.shot(boss, '24-01-staff-invited');

    // The 客服 signs in with an SMS code and is sent to two-step verification before any platform page.
    const { page } = await world.console();
    await page.goto('/console/login');
    await page.getByRole('tab', { name: '验证码登录' }).click();
    await page.getByTestId('login-code-phone').fill(phone);
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sms-codes') && r.ok());
    await page.getByTestId('login-send-code').click();
    await sent;
    await page.getByTestId('login-code').fill(await lastCode(world, phone));
    await page.getByTestId('login-code-submit').click();
    await page.waitForURL((url) => url.pathname === '/console/platform/two-step');
    await page.getByTestId('totp-start').click();
    await page.getByTestId('totp-qr').waitFor();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    await world.shot(page, '24-02-totp-enrol');
    await page.getByTestId('totp-confirm').fill(totp(secret));
    await page.getByTestId('totp-confirm-submit').click();
    await page.getByTestId('recovery-codes').waitFor();
    await world.shot(page, '24-03-recovery-codes');
    await page.getByTestId('recovery-saved').click();
    await page.waitForURL((url) => url.pathname === '/console/platform/orders');

    // The order: the phone is masked until the 客服 gives a reason.
    await page.goto(`/console/platform/orders/${orderId}`);
    await page.getByTestId('unmask-phone').click();
    await page.getByTestId('unmask-reason').fill('买家来电要求修改收货时间，需回拨确认');
    await page.getByTestId('unmask-submit').click();
    await expectText(page.getByTestId('full-phone'), /^1\d{10}$/);
    await world.shot(page, '24-04-phone-unmasked');

    // Finance is not the 客服's job: a 403 page in Chinese, and no menu entry for it.
    await page.goto('/console/platform/reconciliation');
    await expectText(page.locator('.ant-result'), '你的岗位（客服）不能查看这个页面');
    if ((await page.getByRole('link', { name: '账务对账' }).count()) > 0)
      throw new Error('客服 sees 账务对账 in the menu');
    await world.shot(page, '24-05-finance-forbidden');

    // 用户查询: the 客服 finds the demo customer by their exact phone, giving a reason; the phone stays masked.
    await page.getByRole('link', { name: '用户查询' }).click();
    await page.waitForURL((url) => url.pathname === '/console/platform/user-lookup');
    await page.getByTestId('lookup-phone').fill('1380000');
    await page.getByTestId('lookup-reason').fill('用户来电咨询账号');
    await page.getByTestId('lookup-search').click();
    await expectText(page.getByText('请输入 11 位手机号'), '请输入 11 位手机号');
    await page.getByTestId('lookup-phone').fill(demo.consumer.phone);
    await page.getByTestId('lookup-search').click();
    const found = page.getByTestId('lookup-result');
    await expectText(
      found.getByTestId('masked-phone'),
      `${demo.consumer.phone.slice(0, 3)}****${demo.consumer.phone.slice(-4)}`,
    );
    await expectText(found, consumer.user.id);
    await world.shot(page, '24-05a-user-lookup');
    // Seeing the number in full takes its own reason (the 客服 holds personal.unmask).
    await found.getByTestId('unmask-phone').click();
    await page.getByTestId('unmask-reason').fill('用户要求核对绑定的手机号');
    await page.getByTestId('unmask-submit').click();
    await expectText(found.getByTestId('full-phone'), demo.consumer.phone);
    // A phone with no account says so (and is recorded too).
    await page.getByTestId('lookup-phone').fill('13900000000');
    await page.getByTestId('lookup-search').click();
    await expectText(page.getByTestId('lookup-not-found'), '未找到该手机号的用户');

    // The super-admin exports one of the customer's orders from 全部订单: a confirm says the export is recorded.
    await boss.goto(`/console/platform/orders?q=${orderId}`);
    await boss.getByTestId('orders-export').click();
    await expectText(boss.locator('.ant-popconfirm'), '记入访问记录');
    const download = boss.waitForEvent('download');
    await boss.getByTestId('orders-export-confirm').click();
    const csv = await readFile(await (await download).path(), 'utf8');
    if (!csv.startsWith('\uFEFF') || csv.split('\r\n').length < 3)
      throw new Error(`not an order export: ${csv.slice(0, 200)}`);

    // The super-admin finds the accesses on 访问记录: who, what and why.
    await boss.goto('/console/platform/access-log');
    const trail = boss.getByRole('table', { name: '访问记录' });
    await expectText(trail, '买家来电要求修改收货时间，需回拨确认');
    await expectText(trail, '客服小李');
    await expectText(trail, '用户来电咨询账号');
    await expectText(trail, '用户要求核对绑定的手机号');
    await boss.locator('.ant-card').getByRole('combobox').click();
    await boss.getByTitle('导出订单').click();
    await boss.getByTestId('access-search').click();
    await expectText(trail, '导出含收货地址的订单');
    await world.shot(boss, '24-06-access-log');

    // The customer sees that a 客服 looked — the role, never the person.
    const { page: shop } = await world.shop();
    await shopLogin(shop, demo.consumer, '/me/privacy');
    const list = shop.getByTestId('staff-access-list');
    await expectText(list, '查看收货人完整手机号');
    await list.scrollIntoViewIfNeeded();
    await world.shot(shop, '24-07-privacy-centre-access');
  },
};
