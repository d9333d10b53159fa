import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { Client, loginByCode, nextPhone } from '../../../test/http.ts';
import { analyticsLoader, appendToInbox, eventRow, forgetUser, pseudonym, queryEvents } from './api.ts';
import { pruneExpiredEvents } from './privacy.ts';
import { analyticsInbox } from './schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ ANALYTICS_RETENTION_DAYS: '30' });
});
afterAll(() => t.close());

const views = (n: number, at = t.clock.now()) =>
  Array.from({ length: n }, () => ({ id: randomUUID(), type: 'view', ts: at.toISOString(), page: 'home' }));
const batch = (deviceId: string, events: Record<string, unknown>[]) => ({
  deviceId,
  sessionId: 'ses_privacy_1',
  events,
});

describe('forgetting a user', () => {
  it('deletes their behaviour (signed in and on their device) everywhere, keeps their payments anonymous', async () => {
    const shopper = await loginByCode(t, nextPhone());
    const other = await loginByCode(t, nextPhone());
    const pid = pseudonym(t.deps.config.ANALYTICS_PSEUDONYM_SECRET, shopper.userId);
    // Before signing in, on the same device; then signed in; someone else meanwhile.
    expect((await new Client(t).post('/api/v1/events', batch('dev_forget_me', views(2)))).status).toBe(202);
    expect((await shopper.post('/api/v1/events', batch('dev_forget_me', views(3)))).status).toBe(202);
    expect((await other.post('/api/v1/events', batch('dev_someone_else', views(4)))).status).toBe(202);
    await appendToInbox(t.deps.database.db, [
      eventRow({ id: 'pay:forget:1', type: 'pay', ts: t.clock.now(), userPid: pid, orderId: 'ord_x', amount: 12_900 }),
    ]);
    await analyticsLoader(t.deps).load();
    // Some of it is still only in the inbox when the request comes.
    expect((await shopper.post('/api/v1/events', batch('dev_forget_me', views(1)))).status).toBe(202);

    const result = await forgetUser(t.deps, shopper.userId);
    expect(result.inbox).toBe(7);

    const mine = await queryEvents<{ n: number }>(
      t.deps,
      `SELECT count(*) AS n FROM events WHERE user_pid = $pid OR device_id = 'dev_forget_me'`,
      { pid },
    );
    expect(mine[0]!.n).toBe(0);
    const pay = await queryEvents<{ actor: string; user_pid: string | null; amount: number }>(
      t.deps,
      `SELECT actor, user_pid, amount FROM events WHERE type = 'pay' AND order_id = 'ord_x'`,
    );
    expect(pay).toEqual([{ actor: 'forgotten', user_pid: null, amount: 12_900 }]);
    const others = await queryEvents<{ n: number }>(
      t.deps,
      `SELECT count(*) AS n FROM events WHERE device_id = 'dev_someone_else'`,
    );
    expect(others[0]!.n).toBe(4);
    // The 大屏's table of the last days (recent.ts) lets them go too: only the anonymous payment is left of them.
    const recent = await queryEvents<{ actor: string; type: string }>(
      t.deps,
      `SELECT actor, type FROM events_recent WHERE actor IN ($pid, 'd:dev_forget_me', 'forgotten')`,
      { pid },
    );
    expect(recent).toEqual([{ actor: 'forgotten', type: 'pay' }]);

    // Nothing comes back with the next load, and the inbox keeps no trace either.
    await analyticsLoader(t.deps).load();
    const again = await queryEvents<{ n: number }>(t.deps, `SELECT count(*) AS n FROM events WHERE user_pid = $pid`, {
      pid,
    });
    expect(again[0]!.n).toBe(0);
    const inbox = await t.deps.database.db.select().from(analyticsInbox);
    expect(inbox.filter((r) => r.userPid === pid || r.deviceId === 'dev_forget_me')).toEqual([]);
  });
});

describe('retention', () => {
  it('drops events older than ANALYTICS_RETENTION_DAYS from the engine and the inbox', async () => {
    const now = t.clock.now();
    const old = new Date(now.getTime() - 31 * 86_400_000);
    const recent = new Date(now.getTime() - 29 * 86_400_000);
    await appendToInbox(t.deps.database.db, [
      eventRow({ id: 'retention:old', type: 'view', ts: old, deviceId: 'dev_retention' }),
      eventRow({ id: 'retention:recent', type: 'view', ts: recent, deviceId: 'dev_retention' }),
    ]);
    await analyticsLoader(t.deps).load();
    await pruneExpiredEvents(t.deps, now);
    const left = await queryEvents<{ id: string }>(t.deps, `SELECT id FROM events WHERE device_id = 'dev_retention'`);
    expect(left.map((r) => r.id)).toEqual(['retention:recent']);
    const inbox = await t.deps.database.db.select({ id: analyticsInbox.id }).from(analyticsInbox);
    expect(inbox.map((r) => r.id)).not.toContain('retention:old');
  });
});
