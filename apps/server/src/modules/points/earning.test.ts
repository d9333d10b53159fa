import { describe, expect, it } from 'vitest';
import { deliveredOrder } from '../../../test/flows.ts';
import { createTestApp } from '../../../test/harness.ts';
import { buyer } from '../../../test/order-factories.ts';
import { checkLedgerBalance } from '../../platform/ledger.ts';
import { reconcilePoints } from './ledger-views.ts';

const t = await createTestApp();
const db = t.deps.database.db;
const HOUR = 3_600_000;

/** Moves the clock to the next Beijing-time day at the given hour (Beijing time). */
function nextBeijingDayAt(hour: number) {
  const beijing = new Date(t.clock.now().getTime() + 8 * HOUR);
  const next = Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate() + 1, hour) - 8 * HOUR;
  t.clock.advance(next - t.clock.now().getTime());
}

describe('daily sign-in', () => {
  it('counts one sign-in per Beijing day, builds a streak, pays the 7th-day bonus and restarts after a gap', async () => {
    const me = await buyer(t);
    nextBeijingDayAt(8);
    const first = await me.post('/api/v1/points/sign-in');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ streak: 1, points: 5, balance: 5 });
    const again = await me.post('/api/v1/points/sign-in');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: 'already-signed-in', title: '今天已经签到过了' });

    // 23:30 Beijing is still the same business day even though UTC has moved on.
    t.clock.advance(15.5 * HOUR);
    expect((await me.post('/api/v1/points/sign-in')).status).toBe(409);

    const earned = [5];
    for (let day = 2; day <= 7; day++) {
      nextBeijingDayAt(0.1);
      const res = await me.post('/api/v1/points/sign-in');
      expect(res.body.streak).toBe(day);
      earned.push(res.body.points);
    }
    expect(earned).toEqual([5, 5, 5, 5, 5, 5, 35]);
    const calendar = (await me.get('/api/v1/points/sign-in')).body;
    expect(calendar).toMatchObject({ signedToday: true, streak: 7, nextPoints: 5 });

    // A missed day ends the streak; yesterday's streak still shows until today is missed.
    nextBeijingDayAt(9);
    expect((await me.get('/api/v1/points/sign-in')).body).toMatchObject({ signedToday: false, streak: 7 });
    nextBeijingDayAt(9);
    expect((await me.get('/api/v1/points/sign-in')).body).toMatchObject({
      signedToday: false,
      streak: 0,
      nextPoints: 5,
    });
    expect((await me.post('/api/v1/points/sign-in')).body).toMatchObject({ streak: 1, points: 5, balance: 70 });

    const history = (await me.get('/api/v1/points/history?limit=3')).body;
    expect(history.items[0]).toMatchObject({ kind: 'points.sign-in', label: '签到', points: 5 });
    expect(history.nextCursor).not.toBeNull();
    expect((await me.get('/api/v1/points/me')).body).toMatchObject({ balance: 70 });
  });
});

describe('share rewards', () => {
  it('rewards the first three distinct shares of a day and never the same thing twice', async () => {
    const me = await buyer(t);
    const share = (id: string) => me.post('/api/v1/points/shares', { targetType: 'product', targetId: id });
    expect((await share('p1')).body).toMatchObject({ points: 10, rewardedToday: 1, note: 'rewarded' });
    expect((await share('p1')).body).toMatchObject({ points: 0, rewardedToday: 1, note: 'already-shared-today' });
    expect((await share('p2')).body.points).toBe(10);
    expect((await share('p3')).body.points).toBe(10);
    expect((await share('p4')).body).toMatchObject({ points: 0, rewardedToday: 3, note: 'daily-cap-reached' });
    expect((await me.get('/api/v1/points/me')).body).toMatchObject({
      balance: 30,
      shares: { rewardedToday: 3, dailyCap: 3 },
    });
    nextBeijingDayAt(10);
    expect((await share('p1')).body).toMatchObject({ points: 10, rewardedToday: 1 });
  });
});

describe('review reward', () => {
  it('pays for a first review of a delivered order, not for the follow-up', async () => {
    const o = await deliveredOrder(t);
    const before = (await o.buyer.get('/api/v1/points/me')).body.balance;
    const review = await o.buyer.post('/api/v1/reviews', {
      orderLineId: o.lineIds[0],
      ratings: { quality: 5, logistics: 5, service: 5 },
      content: '质地清爽，很好吸收',
    });
    expect(review.status).toBe(201);
    await t.drain();
    const followUp = await o.buyer.post(`/api/v1/reviews/${review.body.id}/follow-up`, {
      content: '用了一个月，依旧好用',
    });
    expect(followUp.status).toBe(201);
    await t.drain();
    expect((await o.buyer.get('/api/v1/points/me')).body.balance).toBe(before + 20);
    const history = (await o.buyer.get('/api/v1/points/history')).body.items;
    expect(history.filter((h: { kind: string }) => h.kind === 'points.review')).toHaveLength(1);
  });

  it('leaves the ledger balanced and the projections in agreement', async () => {
    const ledger = await checkLedgerBalance(db);
    expect(ledger.unbalanced).toEqual([]);
    expect(ledger.total).toBe(0);
    expect(await reconcilePoints(db)).toMatchObject({ ok: true });
  });
});
