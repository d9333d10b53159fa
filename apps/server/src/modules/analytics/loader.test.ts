import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, freshDatabase, type TestApp } from '../../../test/harness.ts';
import type { AnalyticsEngine } from '../../platform/analytics/engine.ts';
import { DuckDbEngine } from '../../platform/analytics/duckdb.ts';
import { appendToInbox, eventRow } from './api.ts';
import { EventLoader } from './loader.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let n = 0;
const events = (count: number) =>
  Array.from({ length: count }, () =>
    eventRow({ id: `test:${n++}`, type: 'view', ts: t.clock.now(), deviceId: 'dev_loader', slot: 'home' }),
  );
const engineCount = async (engine: AnalyticsEngine) =>
  (
    await engine.query<{ n: number; distinct_ids: number }>(
      `SELECT count(*) AS n, count(DISTINCT id) AS distinct_ids FROM events`,
    )
  )[0]!;

/** An engine that dies on its `failAt`-th append, like a process killed in the middle of a load. */
function crashingOn(engine: AnalyticsEngine, failAt: number): AnalyticsEngine {
  let calls = 0;
  return new Proxy(engine, {
    get(target, prop, receiver) {
      if (prop === 'appendCsv')
        return async (...args: Parameters<AnalyticsEngine['appendCsv']>) => {
          if (++calls === failAt) throw new Error('killed');
          return target.appendCsv(...args);
        };
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

describe('the incremental loader', () => {
  it('copies every committed event exactly once across pages, repeated runs and a crash in the middle', async () => {
    const engine = await DuckDbEngine.open(undefined);
    await t.deps.database.db.transaction((tx) => appendToInbox(tx, events(25)));
    await t.deps.database.db.transaction((tx) => appendToInbox(tx, events(12)));

    const dying = new EventLoader(t.deps.database, crashingOn(engine, 3), { pageSize: 10 });
    await expect(dying.load()).rejects.toThrow('killed');
    const partial = await engineCount(engine);
    expect(partial.n).toBe(20);

    const restarted = new EventLoader(t.deps.database, engine, { pageSize: 10 });
    expect(await restarted.load()).toBe(17);
    expect(await engineCount(engine)).toEqual({ n: 37, distinct_ids: 37 });
    expect(await restarted.load()).toBe(0);

    await t.deps.database.db.transaction((tx) => appendToInbox(tx, events(3)));
    expect(await new EventLoader(t.deps.database, engine, { pageSize: 10 }).load()).toBe(3);
    expect(await engineCount(engine)).toEqual({ n: 40, distinct_ids: 40 });
    await engine.close();
  });

  it('keeps each event time to the millisecond, in UTC, through the copy out of the database', async () => {
    const engine = await DuckDbEngine.open(undefined);
    const database = await freshDatabase();
    const at = new Date('2026-03-01T23:59:58.007Z');
    const late = new Date('2026-03-02T00:00:01.990Z');
    await database.db.transaction((tx) =>
      appendToInbox(tx, [eventRow({ id: 'time:1', type: 'view', ts: at, receivedAt: late, deviceId: 'dev_time' })]),
    );
    expect(await new EventLoader(database, engine).load()).toBe(1);
    const [row] = await engine.query<{ ts: string; received: string }>(
      `SELECT strftime(ts, '%Y-%m-%dT%H:%M:%S.%g') AS ts, strftime(received_at, '%Y-%m-%dT%H:%M:%S.%g') AS received FROM events`,
    );
    expect(row).toEqual({ ts: '2026-03-01T23:59:58.007', received: '2026-03-02T00:00:01.990' });
    await database.close();
    await engine.close();
  });

  it('stores each page sorted by event type, then time, whatever order the events arrived in', async () => {
    const engine = await DuckDbEngine.open(undefined);
    const database = await freshDatabase();
    const base = Date.parse('2026-03-01T08:00:00Z');
    const types = ['pay', 'view', 'add_to_cart', 'view', 'pay', 'view'] as const;
    const arrived = types.map((type, i) =>
      eventRow({ id: `sort:${i}`, type, ts: new Date(base + (i % 3) * 60_000 - i), deviceId: 'dev_sort' }),
    );
    await database.db.transaction((tx) => appendToInbox(tx, arrived));
    expect(await new EventLoader(database, engine).load()).toBe(6);
    const stored = await engine.query<{ id: string }>(`SELECT id FROM events ORDER BY rowid`);
    const expected = [...arrived]
      .sort((a, b) => a.type.localeCompare(b.type) || a.ts.getTime() - b.ts.getTime())
      .map((e) => e.id);
    expect(stored.map((r) => r.id)).toEqual(expected);
    await database.close();
    await engine.close();
  });

  it('keeps loaded rows in the inbox for the configured days, then deletes only rows the engine has', async () => {
    const engine = await DuckDbEngine.open(undefined);
    const database = await freshDatabase();
    await database.db.transaction((tx) => appendToInbox(tx, events(5)));
    const loader = new EventLoader(database, engine);
    expect(await loader.pruneInbox(new Date(t.clock.now().getTime() + 10 * 86_400_000), 3)).toBe(0);
    await loader.load();
    expect(await loader.pruneInbox(new Date(t.clock.now().getTime() + 86_400_000), 3)).toBe(0);
    expect(await loader.pruneInbox(new Date(t.clock.now().getTime() + 4 * 86_400_000), 3)).toBe(5);
    expect((await engineCount(engine)).n).toBe(5);
    await database.close();
    await engine.close();
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'does not skip an event whose transaction commits after later events were loaded',
    async () => {
      const engine = await DuckDbEngine.open(undefined);
      const database = await freshDatabase();
      const loader = new EventLoader(database, engine);
      let commitSlow!: () => void;
      const slowMayCommit = new Promise<void>((resolve) => (commitSlow = resolve));
      let slowInserted!: () => void;
      const slowHasInserted = new Promise<void>((resolve) => (slowInserted = resolve));
      const slow = database.db.transaction(async (tx) => {
        await appendToInbox(tx, events(1));
        slowInserted();
        await slowMayCommit;
      });
      await slowHasInserted;
      await database.db.transaction((tx) => appendToInbox(tx, events(2)));
      expect(await loader.load()).toBe(0);
      commitSlow();
      await slow;
      expect(await loader.load()).toBe(3);
      expect(await engineCount(engine)).toEqual({ n: 3, distinct_ids: 3 });
      await database.close();
      await engine.close();
    },
  );
});
