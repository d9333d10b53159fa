import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { deliveredOrder, shippedOrder } from '../../../test/flows.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client, loginByCode } from '../../../test/http.ts';
import { collectEverything, finishErasures } from './service.ts';

const t = await createTestApp();
// Every test here walks a whole order through the real services on a fresh database; PGlite needs the time.
vi.setConfig({ testTimeout: 180_000 });
const DAY = 86_400_000;

/** Columns that name a person: a table holding one is personal and must be declared. */
const SUBJECT_COLUMNS = [
  'user_id',
  'buyer_id',
  'author_id',
  'follower_id',
  'inviter_id',
  'invitee_id',
  'promoter_id',
  'creator_id',
  'host_user_id',
  'owner_user_id',
  'reporter_id',
  'sender_id',
  'from_user_id',
  'to_user_id',
  'viewer_id',
  'reply_to_user_id',
  'sharer_id',
  'helper_id',
  'leader_id',
  'applicant_id',
  'user_pid',
  'phone',
];

type Inventory = { items: { module: string; table: string; columns: { name: string }[] }[] };

const review = (orderLineId: string) => ({
  orderLineId,
  ratings: { quality: 5, logistics: 5, service: 5 },
  content: '质量很好，包装也仔细，推荐购买。',
  images: [],
  anonymous: false,
});

describe('the inventory is the data model', () => {
  it('declares every table that holds a person’s id or phone (a new one fails here until it is classified)', async () => {
    const inventory = (await new Client(t).get<Inventory>('/api/v1/privacy/inventory')).body;
    const declared = new Set(inventory.items.map((i) => i.table));
    const rows = await t.deps.database.db.execute<{ table_name: string }>(
      sql`select distinct table_name from information_schema.columns
          where table_schema = current_schema() and column_name = any(${sql.param(SUBJECT_COLUMNS)}::text[])`,
    );
    const personal = (rows as { rows: { table_name: string }[] }).rows.map((r) => r.table_name).sort();
    expect(personal.length).toBeGreaterThan(80);
    expect(personal.filter((table) => !declared.has(table))).toEqual([]);
  });
});

describe('consent', () => {
  it('asks for the current policy, records every change with its version, and shares the personalisation switch', async () => {
    const me = await loginByCode(t);
    const centre = (await me.get('/api/v1/me/privacy')).body;
    expect(centre.policy).toMatchObject({ accepted: null, needsConsent: true });
    const stale = await me.post('/api/v1/me/privacy/policy-consent', { version: '2020-01-01' });
    expect(stale.status).toBe(409);
    expect(stale.body.title).toBe('隐私政策已更新，请刷新后再同意');
    expect((await me.post('/api/v1/me/privacy/policy-consent', { version: centre.policy.current })).status).toBe(200);
    expect((await me.get('/api/v1/me/privacy')).body.policy.needsConsent).toBe(false);

    const off = await me.put('/api/v1/me/privacy/consents/personalisation', { granted: false });
    expect(off.body.consents.find((c: { purpose: string }) => c.purpose === 'personalisation').granted).toBe(false);
    // One setting: the recommendation page sees the same switch.
    expect((await me.get('/api/v1/me/recommendation-settings')).body.personalised).toBe(false);
    await me.put('/api/v1/me/privacy/consents/marketing', { granted: false });
    expect(
      (await me.get('/api/v1/me/privacy')).body.consents.find((c: { purpose: string }) => c.purpose === 'marketing')
        .granted,
    ).toBe(false);

    const records = (await me.get('/api/v1/me/privacy/consent-records?limit=2')).body;
    expect(records.items.map((r: { purpose: string; granted: boolean }) => [r.purpose, r.granted])).toEqual([
      ['marketing', false],
      ['personalisation', false],
    ]);
    expect(records.items[0].policyVersion).toBe(centre.policy.current);
    const rest = (await me.get(`/api/v1/me/privacy/consent-records?cursor=${records.nextCursor}`)).body;
    expect(rest.items.map((r: { purpose: string }) => r.purpose)).toEqual(['policy']);
    expect(rest.nextCursor).toBeNull();
  });

  it('a switch flipped on 账号设置 (营销消息) or 推荐设置 is in the consent history too, once', async () => {
    const me = await loginByCode(t);
    expect((await me.put('/api/v1/me/marketing-messages', { marketing: false })).status).toBe(200);
    expect((await me.put('/api/v1/me/recommendation-settings', { personalised: false })).status).toBe(200);
    expect((await me.put('/api/v1/me/recommendation-settings', { personalised: true })).status).toBe(200);
    const records = (await me.get('/api/v1/me/privacy/consent-records')).body;
    expect(records.items.map((r: { purpose: string; granted: boolean }) => [r.purpose, r.granted])).toEqual([
      ['personalisation', true],
      ['personalisation', false],
      ['marketing', false],
    ]);
    const centre = (await me.get('/api/v1/me/privacy')).body;
    expect(centre.consents.find((c: { purpose: string }) => c.purpose === 'marketing').granted).toBe(false);
  });

  it('使用情况统计 off: the shop’s events about them are not kept; on again, they are', async () => {
    const me = await loginByCode(t);
    const batch = () => ({
      deviceId: 'dev_privacy_optout',
      sessionId: 'ses_privacy_optout',
      events: [{ id: randomUUID(), type: 'view', ts: t.clock.now().toISOString(), page: 'home' }],
    });
    expect((await me.post('/api/v1/events', batch())).body).toEqual({ received: 1, dropped: 0 });

    const off = await me.put('/api/v1/me/privacy/consents/analytics', { granted: false });
    expect(off.body.consents.find((c: { purpose: string }) => c.purpose === 'analytics').granted).toBe(false);
    expect((await me.post('/api/v1/events', batch())).body).toEqual({ received: 0, dropped: 1 });
    // A visitor on the same kind of page is still counted: the switch is theirs, not everyone's.
    expect((await new Client(t).post('/api/v1/events', batch())).body).toEqual({ received: 1, dropped: 0 });

    await me.put('/api/v1/me/privacy/consents/analytics', { granted: true });
    expect((await me.post('/api/v1/events', batch())).body).toEqual({ received: 1, dropped: 0 });
  });
});

describe('download my data', () => {
  it('builds an archive covering every declared table, for its owner only, until the link expires', async () => {
    const o = await deliveredOrder(t);
    expect((await o.buyer.post('/api/v1/reviews', review(o.lineIds[0]!))).status).toBe(201);
    await o.buyer.put('/api/v1/me/privacy/consents/location', { granted: true });

    const asked = await o.buyer.post('/api/v1/me/privacy/exports');
    expect(asked.status).toBe(201);
    expect(asked.body.status).toBe('pending');
    expect((await o.buyer.post('/api/v1/me/privacy/exports')).body.title).toBe('上一份数据正在生成，请稍候');
    await t.runJobs();
    const [ready] = (await o.buyer.get('/api/v1/me/privacy/exports')).body.items;
    expect(ready).toMatchObject({ id: asked.body.id, status: 'ready' });
    expect(new Date(ready.expiresAt).getTime() - new Date(ready.readyAt).getTime()).toBe(7 * DAY);

    const stranger = await loginByCode(t);
    expect((await stranger.get(`/api/v1/me/privacy/exports/${ready.id}/download`)).status).toBe(404);
    const file = await o.buyer.get(`/api/v1/me/privacy/exports/${ready.id}/download`);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/attachment; filename="haowu-my-data-.*\.json"/);
    const archive = file.body as { modules: Record<string, Record<string, Record<string, unknown>[]>> };

    // Completeness against the classification: every declared table of every module is in the archive.
    const inventory = (await new Client(t).get<Inventory>('/api/v1/privacy/inventory')).body;
    for (const entry of inventory.items.filter((i) => !i.table.startsWith('events'))) {
      expect(archive.modules[entry.module]?.[entry.table], `${entry.module}.${entry.table}`).toBeInstanceOf(Array);
    }
    expect(archive.modules.accounts!.users![0]).toMatchObject({ id: o.buyer.userId, phone: o.buyer.phone });
    expect(archive.modules.accounts!.addresses).toHaveLength(1);
    // Sealed at rest, found by blind index, opened in the archive.
    expect(archive.modules.accounts!.login_codes![0]).toMatchObject({ phone: o.buyer.phone });
    expect(archive.modules.orders!.orders![0]).toMatchObject({ id: o.orderId });
    expect(archive.modules.payments!.payments).toHaveLength(1);
    expect(archive.modules.reviews!.reviews![0]!.content).toBe('质量很好，包装也仔细，推荐购买。');
    expect(archive.modules.privacy!.privacy_consent_records![0]).toMatchObject({ purpose: 'location', granted: true });
    expect(archive.modules.analytics!.events).toBeInstanceOf(Array);

    t.clock.advance(7 * DAY + 1000);
    await t.runJobs();
    const gone = await o.buyer.get(`/api/v1/me/privacy/exports/${ready.id}/download`);
    expect(gone.status).toBe(410);
    expect(gone.body.title).toBe('下载链接已过期，请重新申请');
  });
});

describe('account cancellation', () => {
  it('can be revoked during the cooling-off period, and is refused to staff', async () => {
    const me = await loginByCode(t);
    expect((await me.post('/api/v1/me/privacy/cancellation', {})).status).toBe(400);
    const asked = await me.post('/api/v1/me/privacy/cancellation', { confirm: true });
    expect(asked.status).toBe(201);
    expect(new Date(asked.body.eraseAt).getTime() - new Date(asked.body.requestedAt).getTime()).toBe(15 * DAY);
    expect((await me.post('/api/v1/me/privacy/cancellation', { confirm: true })).status).toBe(409);
    expect((await me.delete('/api/v1/me/privacy/cancellation')).body).toEqual({ revoked: true });
    expect((await me.get('/api/v1/me/privacy')).body.cancellation).toBeNull();
    t.clock.advance(16 * DAY);
    await t.runJobs();
    expect((await me.get('/api/v1/me')).status).toBe(200);

    const o = await deliveredOrder(t);
    const staff = await o.owner.post('/api/v1/me/privacy/cancellation', { confirm: true });
    expect(staff.status).toBe(409);
    expect(staff.body.title).toBe('商家或平台工作人员账号不能自助注销');
  });

  it('waits for orders on the road: refused while one is shipped, accepted once it is received', async () => {
    const o = await shippedOrder(t);
    const early = await o.buyer.post('/api/v1/me/privacy/cancellation', { confirm: true });
    expect(early.status).toBe(409);
    expect(early.body.title).toBe('还有未完成的订单，暂不能注销');
    expect(early.body.detail).toContain('1 个订单');
    expect((await o.buyer.get('/api/v1/me/privacy')).body.cancellation).toBeNull();

    expect((await o.buyer.post(`/api/v1/orders/${o.orderId}/confirm-receipt`)).status).toBe(200);
    expect((await o.buyer.post('/api/v1/me/privacy/cancellation', { confirm: true })).status).toBe(201);
    // Withdrawn again, so the next test's erasure is the only one due.
    expect((await o.buyer.delete('/api/v1/me/privacy/cancellation')).body).toEqual({ revoked: true });
  });

  it('erases after 15 days: the phone registers anew, reviews read 匿名用户, orders keep amounts, the ledger balances', async () => {
    const o = await deliveredOrder(t);
    expect((await o.buyer.post('/api/v1/reviews', review(o.lineIds[0]!))).status).toBe(201);
    await o.buyer.put('/api/v1/me/privacy/consents/analytics', { granted: false });
    const before = (await o.owner.get(`/api/v1/merchant/orders/${o.orderId}`)).body;
    expect((await o.buyer.post('/api/v1/me/privacy/cancellation', { confirm: true })).status).toBe(201);

    // Still the same account during the cooling-off period.
    t.clock.advance(14 * DAY);
    await t.runJobs();
    expect((await o.buyer.get('/api/v1/me')).body.phone).toBe(o.buyer.phone);

    t.clock.advance(DAY + 1000);
    await t.runJobs();
    expect((await o.buyer.get('/api/v1/me')).status).toBe(401);

    const again = await loginByCode(t, o.buyer.phone);
    expect(again.userId).not.toBe(o.buyer.userId);
    expect((await again.get('/api/v1/me')).body.nickname).toBe(`好物用户${o.buyer.phone.slice(-4)}`);
    expect((await again.get('/api/v1/me/addresses')).body).toMatchObject({ items: [] });

    const reviews = (await new Client(t).get(`/api/v1/products/${o.productId}/reviews`)).body;
    expect(reviews.items[0].author).toMatchObject({ nickname: '匿名用户', avatarUrl: null });
    expect(reviews.items[0].content).toBe('质量很好，包装也仔细，推荐购买。');

    const after = (await o.owner.get(`/api/v1/merchant/orders/${o.orderId}`)).body;
    expect(after.payAmount).toBe(before.payAmount);
    expect(after.address).toMatchObject({
      recipient: '匿名用户',
      phone: '',
      detail: '',
      province: before.address.province,
    });
    expect(JSON.stringify(after)).not.toContain(o.buyer.phone);

    const admin = await operator(t);
    expect((await admin.get('/api/v1/admin/reconciliation')).body.ok).toBe(true);

    // The analytics engine's part runs after the job committed (a serving process does it every 10 s).
    expect(await finishErasures(t.deps)).toBe(1);
    expect(await finishErasures(t.deps)).toBe(0);

    // Nothing personal is left under the old id: every declared table is empty or kept without contact details.
    const left = await collectEverything(t.deps, t.deps.database.db, { userId: o.buyer.userId, phone: o.buyer.phone });
    expect(left.accounts!.users![0]).toMatchObject({ nickname: '匿名用户', avatarUrl: null, passwordHash: null });
    expect((left.accounts!.users![0] as { phone: string }).phone).not.toBe(o.buyer.phone);
    // (login_codes has the new account's code: the phone signed up again above.)
    for (const table of ['addresses', 'sessions']) expect(left.accounts![table], table).toEqual([]);
    expect(left.privacy!.privacy_consents).toEqual([]);
    expect(left.privacy!.account_cancellations![0]).toMatchObject({ status: 'erased' });
  });
});
