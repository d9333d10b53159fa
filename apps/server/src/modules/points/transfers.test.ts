import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTemplate, myCoupons, PLATFORM_TEMPLATES } from '../../../test/coupon-factories.ts';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import type { Client } from '../../../test/http.ts';
import { buyer, placeOrder, shop, signIn } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { FieldCrypto } from '../../platform/field-crypto.ts';
import { newId } from '../../platform/ids.ts';
import { checkLedgerBalance } from '../../platform/ledger.ts';
import { pointsPersonalData } from './personal-data.ts';
import { pointsRedemptions } from './schema.ts';
import { openShipTo, sealPlainShipTos } from './ship-to-seal.ts';

const t = await createTestApp();
const db = t.deps.database.db;
const admin = await operator(t);
const me = await buyer(t);
const friend = await buyer(t);
const balanceOf = async (who: Client) => (await who.get('/api/v1/points/me')).body.balance as number;
// Sessions last 30 days and the expiry tests move the clock by a year: sign in afresh after each move.
const fresh = (who: { phone: string }) => signIn(t, who.phone);

// ¥300 paid on the test clock's day (2026-11-20): 300 points that expire at the end of 2027 (Beijing time).
const s = await shop(t, { price: 30000 });
const bought = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
await payThroughSandbox(t, me, bought.checkoutId);

describe('gifts', () => {
  it('shows the masked recipient first, then moves points to the friend once per key', async () => {
    const preview = await me.post('/api/v1/points/gifts/preview', { phone: friend.phone });
    expect(preview.body.phone).toBe(`${friend.phone.slice(0, 3)}****${friend.phone.slice(-4)}`);
    expect((await me.post('/api/v1/points/gifts/preview', { phone: me.phone })).body.type).toBe('gift-to-self');
    expect((await me.post('/api/v1/points/gifts', { phone: friend.phone, points: 50 })).body.type).toBe(
      'validation-failed',
    );

    const key = newId('idem');
    const sent = await me.post(
      '/api/v1/points/gifts',
      { phone: friend.phone, points: 100, message: '生日快乐' },
      { idempotencyKey: key },
    );
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ points: 100, balance: 200 });
    const replay = await me.post(
      '/api/v1/points/gifts',
      { phone: friend.phone, points: 100, message: '生日快乐' },
      { idempotencyKey: key },
    );
    expect(replay.body.giftId).toBe(sent.body.giftId);
    expect(await balanceOf(me)).toBe(200);
    expect(await balanceOf(friend)).toBe(100);
    // Gifted points keep the giver's expiry date.
    expect((await friend.get('/api/v1/points/me')).body.nextExpiry).toEqual({
      points: 100,
      expiresAt: '2027-12-31T16:00:00.000Z',
    });

    const tooMuch = await me.post(
      '/api/v1/points/gifts',
      { phone: friend.phone, points: 500 },
      { idempotencyKey: newId('idem') },
    );
    expect(tooMuch.body).toMatchObject({ type: 'insufficient-points', detail: '当前可用 200 积分' });
  });
});

describe('charity', () => {
  it('records donations on the public charity ledger with masked donors and ledger totals', async () => {
    const project = await admin.post('/api/v1/admin/charity/projects', {
      title: '乡村图书角',
      organization: '演示公益机构',
      description: '为乡村小学建设图书角（演示数据）',
      targetPoints: 100000,
    });
    expect(project.status).toBe(201);
    const id = project.body.id;
    const donated = await me.post(
      `/api/v1/charity/projects/${id}/donations`,
      { points: 120 },
      { idempotencyKey: newId('idem') },
    );
    expect(donated.body).toMatchObject({ points: 120, balance: 80 });
    expect(
      (await friend.post(`/api/v1/charity/projects/${id}/donations`, { points: 30 }, { idempotencyKey: newId('idem') }))
        .status,
    ).toBe(200);

    const ledger = (await friend.withHeaders({}).get(`/api/v1/charity/projects/${id}/donations`)).body;
    expect(ledger.project).toMatchObject({ raisedPoints: 150, donations: 2, donors: 2 });
    expect(ledger.items.map((d: { points: number }) => d.points)).toEqual([30, 120]);
    expect(ledger.items.every((d: { donor: string }) => d.donor.includes('***') || d.donor === '*')).toBe(true);

    await admin.patch(`/api/v1/admin/charity/projects/${id}`, { active: false });
    const closed = await me.post(
      `/api/v1/charity/projects/${id}/donations`,
      { points: 10 },
      { idempotencyKey: newId('idem') },
    );
    expect(closed.body.type).toBe('project-closed');
  });
});

describe('points mall', () => {
  it('redeems within stock and the per-user limit; a cancelled redemption gives points and stock back', async () => {
    const item = (
      await admin.post('/api/v1/admin/points/mall-items', {
        title: '好物帆布袋',
        description: '演示商品',
        pointsCost: 40,
        stock: 1,
        perUserLimit: 1,
      })
    ).body;
    const redeem = (who: typeof me) =>
      who.post(
        `/api/v1/points/mall/${item.id}/redeem`,
        { addressId: who.addressId },
        { idempotencyKey: newId('idem') },
      );
    const mine = await redeem(me);
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ status: 'pending', points: 40 });
    expect(await balanceOf(me)).toBe(40);
    expect((await redeem(me)).body.type).toBe('redeem-limit-reached');
    expect((await redeem(friend)).body.type).toBe('mall-sold-out');

    const queue = (await admin.get('/api/v1/admin/points/redemptions?status=pending')).body.items;
    expect(queue[0].shipTo.phone).toMatch(/\*\*\*\*/);
    const cancelled = await admin.post(`/api/v1/admin/points/redemptions/${mine.body.id}/decision`, {
      action: 'cancel',
      note: '库存盘点有误',
    });
    expect(cancelled.body.status).toBe('cancelled');
    expect(await balanceOf(me)).toBe(80);
    const friendsTurn = await redeem(friend);
    expect(friendsTurn.status).toBe(201);
    const shipped = await admin.post(`/api/v1/admin/points/redemptions/${friendsTurn.body.id}/decision`, {
      action: 'ship',
      note: '顺丰 SF1234567890123',
    });
    expect(shipped.body).toMatchObject({ status: 'shipped', fulfilNote: '顺丰 SF1234567890123' });
    expect((await friend.get('/api/v1/points/redemptions')).body.items[0].status).toBe('shipped');
  });

  it('keeps the shipping address sealed at rest, opened for the buyer; rows from before are sealed once', async () => {
    const item = (
      await admin.post('/api/v1/admin/points/mall-items', {
        title: '好物水杯',
        description: '演示',
        pointsCost: 1,
        stock: 5,
      })
    ).body;
    const got = await me.post(
      `/api/v1/points/mall/${item.id}/redeem`,
      { addressId: me.addressId },
      { idempotencyKey: newId('idem') },
    );
    expect(got.status).toBe(201);
    const raw = async () =>
      (await db.select().from(pointsRedemptions).where(eq(pointsRedemptions.id, got.body.id)))[0]!.shipTo!;
    const sealed = await raw();
    for (const f of ['recipient', 'phone', 'address']) expect(FieldCrypto.isSealed(sealed[f]!)).toBe(true);
    expect(JSON.stringify(sealed)).not.toContain(got.body.shipTo.phone);
    const mine = (await me.get('/api/v1/points/redemptions')).body.items[0];
    expect(mine.shipTo).toEqual(got.body.shipTo);
    expect(mine.shipTo.phone).toMatch(/^1\d{10}$/);

    // As an older version wrote it: plain. The start-up backfill seals it once; readers see the same address.
    await db
      .update(pointsRedemptions)
      .set({ shipTo: openShipTo(t.deps, sealed) })
      .where(eq(pointsRedemptions.id, got.body.id));
    expect(await sealPlainShipTos(t.deps)).toBe(1);
    expect(await sealPlainShipTos(t.deps)).toBe(0);
    expect(FieldCrypto.isSealed((await raw()).phone!)).toBe(true);
    expect((await me.get('/api/v1/points/redemptions')).body.items[0].shipTo).toEqual(got.body.shipTo);
    // Points' own declaration is what the privacy archive collects for this module.
    const archive = await pointsPersonalData.collect(t.deps, db, { userId: me.userId, phone: me.phone });
    const rows = archive.points_redemptions as { id: string; shipTo: unknown }[];
    expect(rows.find((r) => r.id === got.body.id)!.shipTo).toEqual(openShipTo(t.deps, sealed));
    // Points back, so the expiry totals below stay as they were.
    const back = { action: 'cancel', note: '测试兑换，退回积分' };
    expect((await admin.post(`/api/v1/admin/points/redemptions/${got.body.id}/decision`, back)).status).toBe(200);
  });
});

describe('coupons in the points mall', () => {
  it('issues a platform coupon at once for points; when none can be issued nothing is spent', async () => {
    const template = await createTemplate(t, admin, PLATFORM_TEMPLATES, {
      name: '积分兑换券',
      totalQuantity: 1,
      perUserLimit: 1,
      audience: 'targeted',
    });
    const item = (
      await admin.post('/api/v1/admin/points/mall-items', {
        title: '满200减30 平台券',
        pointsCost: 20,
        stock: 10,
        perUserLimit: 5,
        couponTemplateId: template.id,
      })
    ).body;
    expect(item.couponTemplateId).toBe(template.id);
    const before = await balanceOf(me);
    const got = await me.post(`/api/v1/points/mall/${item.id}/redeem`, {}, { idempotencyKey: newId('idem') });
    expect(got.status, JSON.stringify(got.body)).toBe(201);
    expect(got.body).toMatchObject({ status: 'issued', shipTo: null, points: 20 });
    expect((await myCoupons(me, 'available')).items).toHaveLength(1);
    expect(await balanceOf(me)).toBe(before - 20);
    // The template's only coupon is gone: the friend's redemption is refused and costs nothing.
    const friendBefore = await balanceOf(friend);
    const refused = await friend.post(`/api/v1/points/mall/${item.id}/redeem`, {}, { idempotencyKey: newId('idem') });
    expect(refused.body.type).toBe('coupon-unavailable');
    expect(await balanceOf(friend)).toBe(friendBefore);
    // Goods still need an address.
    const goods = (
      await admin.post('/api/v1/admin/points/mall-items', {
        title: '好物贴纸',
        pointsCost: 10,
        stock: 5,
        perUserLimit: 1,
      })
    ).body;
    expect(
      (await me.post(`/api/v1/points/mall/${goods.id}/redeem`, {}, { idempotencyKey: newId('idem') })).status,
    ).toBe(400);
  });
});

describe('expiry', () => {
  it('expires what is left of 2026 points at the end of 2027, by the daily job', async () => {
    const day = 86_400_000;
    // 2027-12-31 12:00 Beijing: nothing has expired yet.
    t.clock.advance(Date.parse('2027-12-31T04:00:00Z') - t.clock.now().getTime());
    await t.runJobs();
    expect(await balanceOf(await fresh(me))).toBe(60);
    t.clock.advance(day);
    await t.runJobs();
    const meNow = await fresh(me);
    expect(await balanceOf(meNow)).toBe(0);
    expect(await balanceOf(await fresh(friend))).toBe(0);
    const history = (await meNow.get('/api/v1/points/history?limit=1')).body.items;
    expect(history[0]).toMatchObject({ kind: 'points.expired', label: '过期', points: -60 });
    // The job keeps itself scheduled: a second run the next day finds nothing more.
    t.clock.advance(day);
    await t.runJobs();
    expect(await balanceOf(await fresh(me))).toBe(0);
  });

  it('totals issued = outstanding + redeemed + expired + donated, straight from the ledger', async () => {
    const stats = (await (await operator(t)).get('/api/v1/admin/points/stats')).body;
    expect(stats.issued).toBe(300);
    expect(stats).toMatchObject({ outstanding: 0, redeemed: 60, donated: 150, expired: 90 });
    expect(stats.issued).toBe(stats.outstanding + stats.redeemed + stats.expired + stats.donated);
    expect(stats.reconciliation.ok).toBe(true);
    t.clock.advanceMinutes(5);
    expect((await (await fresh(me)).get('/api/v1/admin/points/stats')).status).toBe(403);
    const ledger = await checkLedgerBalance(db);
    expect(ledger.unbalanced).toEqual([]);
    expect(ledger.total).toBe(0);
  });
});
