import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/platform/db.ts';
import { emit, EventBus } from '../src/platform/events.ts';
import { outboxEvents } from '../src/platform/schema.ts';
import { freshDatabase } from './harness.ts';

// The outbox dispatcher runs a batch's subscribers together and, when one fails, runs the batch again with each
// subscriber isolated: what a person relies on is that every subscriber's change lands exactly once.

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  await database.db.execute(sql`create table outbox_test_effects (event_id text not null, subscriber text not null)`);
});
afterAll(() => database.close());

const effects = async () =>
  (
    (await database.db.execute(sql`select event_id, subscriber from outbox_test_effects`)) as {
      rows: { event_id: string; subscriber: string }[];
    }
  ).rows
    .map((r) => `${r.subscriber}:${r.event_id}`)
    .sort();

describe('outbox dispatch', () => {
  it('applies every subscriber once, retries only the failing one, and leaves no partial batch behind', async () => {
    const bus = new EventBus(database.db, pino({ level: 'silent' }), false);
    let flakyFails = true;
    const record = (name: string) => async (db: Database['db'], e: { payload: Record<string, unknown> }) => {
      await db.execute(sql`insert into outbox_test_effects values (${String(e.payload.n)}, ${name})`);
    };
    bus.subscribe('test.thing', 'first', record('first'));
    bus.subscribe('test.thing', 'flaky', async (db, e: { payload: Record<string, unknown> }) => {
      if (e.payload.n === 2 && flakyFails) throw new Error('flaky is down');
      await record('flaky')(db, e);
    });
    bus.subscribe('test.thing', 'last', record('last'));
    for (const n of [1, 2, 3]) await emit(database.db, 'test.thing', { n });

    await bus.drain();
    expect(await effects()).toEqual([
      'first:1',
      'first:2',
      'first:3',
      'flaky:1',
      'flaky:3',
      'last:1',
      'last:2',
      'last:3',
    ]);
    const events = await database.db.select().from(outboxEvents).where(eq(outboxEvents.type, 'test.thing'));
    const failed = events.filter((e) => e.dispatchedAt === null);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.lastError).toContain('flaky is down');

    // The flaky subscriber recovers; the event's retry is due (its back-off moved into the past).
    flakyFails = false;
    await database.db
      .update(outboxEvents)
      .set({ createdAt: new Date(Date.now() - 3_600_000) })
      .where(eq(outboxEvents.id, failed[0]!.id));
    await bus.drain();
    expect(await effects()).toEqual([
      'first:1',
      'first:2',
      'first:3',
      'flaky:1',
      'flaky:2',
      'flaky:3',
      'last:1',
      'last:2',
      'last:3',
    ]);
    const after = await database.db.select().from(outboxEvents).where(eq(outboxEvents.type, 'test.thing'));
    expect(after.every((e) => e.dispatchedAt !== null)).toBe(true);
  });
});
