import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, expect, it } from 'vitest';
import { runDataKey, startServer, type ServerProcess } from '../../../../../bench/lib.ts';
import { freshDatabaseLocation, type TestApp } from '../../../test/harness.ts';
import { liveRoom, STAFF } from '../../../test/live-interaction-factories.ts';
import { buyer, signIn } from '../../../test/order-factories.ts';
import { buildApp } from '../../app.ts';
import { createDeps } from '../../bootstrap.ts';
import { loadConfig } from '../../config.ts';
import { ManualClock } from '../../platform/clock.ts';
import { openDatabase } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import type { SandboxSms } from '../../platform/sms.ts';

// Two real server processes on one PostgreSQL database and one Redis: a room's chat reaches viewers on either
// process, and a live flash sale tapped through both sells exactly its quantity. (PGlite is one process by nature.)
const adminUrl = process.env.TEST_DATABASE_URL;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PORTS = [4111, 4112] as const;

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

/** The world is written through the services by a test app on the same database the servers use. */
async function worldOn(url: string): Promise<TestApp> {
  const database = await openDatabase({ url, poolSize: 8 });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
    DATA_DIR: path.join(os.tmpdir(), 'haowu-test-data'),
    // The servers open the personal data this app seals, so all of them hold the same key.
    DATA_ENCRYPTION_KEY: runDataKey,
  });
  // The servers run on the real clock, so the world does too (a hand clock started at now, never moved).
  const clock = new ManualClock(new Date());
  const deps = createDeps(config, database, { log: pino({ level: 'silent' }), clock, autoDispatch: false });
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    clock,
    sms: deps.sms as SandboxSms,
    payments: deps.payments.get('sandbox') as TestApp['payments'],
    drain: () => deps.events.drain(),
    runJobs: () => deps.jobs.runDue(),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

type Frame = { type: string; events?: { type: string; message?: { text: string; userId: string } }[] };

/** A viewer's socket; `until` resolves with the first frame that satisfies the test. */
async function viewerSocket(server: ServerProcess, sessionId: string, token: string) {
  const issued = await fetch(`${server.baseUrl}/api/v1/socket-tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  const { ticket } = (await issued.json()) as { ticket: string };
  const ws = new WebSocket(
    `${server.baseUrl.replace('http', 'ws')}/api/v1/live/sessions/${sessionId}/socket?ticket=${ticket}`,
  );
  const waiting: { test: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  ws.addEventListener('message', (e) => {
    const frame = JSON.parse(String(e.data)) as Frame;
    for (const w of [...waiting]) {
      if (!w.test(frame)) continue;
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(frame);
    }
  });
  const until = (test: (f: Frame) => boolean) => new Promise<Frame>((resolve) => waiting.push({ test, resolve }));
  const ready = until((f) => f.type === 'ready');
  return { ws, until, ready };
}

it.skipIf(!adminUrl)(
  'chat crosses processes and a live flash sale never oversells across them',
  async () => {
    const location = await freshDatabaseLocation();
    cleanup.push(() => location.drop());
    const t = await worldOn(location.url!);
    cleanup.push(() => t.close());
    const room = await liveRoom(t, { stock: 100 });
    const [alice, bob] = [await signIn(t), await signIn(t)];
    const buyers = await Promise.all(Array.from({ length: 24 }, () => buyer(t)));

    const servers: ServerProcess[] = [];
    for (const port of PORTS)
      servers.push(await startServer({ ...location.env, REDIS_URL, WORKERS_ENABLED: 'false' }, port));
    cleanup.push(async () => {
      for (const s of servers) await s.stop('SIGKILL');
    });
    const [a, b] = servers as [ServerProcess, ServerProcess];

    // Alice watches through process A, Bob through process B.
    const onA = await viewerSocket(a, room.sessionId, alice.token!);
    const onB = await viewerSocket(b, room.sessionId, bob.token!);
    cleanup.push(async () => {
      onA.ws.close();
      onB.ws.close();
    });
    await Promise.all([onA.ready, onB.ready]);
    const text = `来自 A 的问候 ${newId('m').slice(-6)}`;
    const heardOnB = onB.until(
      (f) => f.type === 'batch' && (f.events ?? []).some((e) => e.type === 'chat' && e.message?.text === text),
    );
    const acked = onA.until((f) => f.type === 'ack' || f.type === 'error');
    onA.ws.send(JSON.stringify({ type: 'chat', clientId: 'c1', text }));
    expect((await acked).type).toBe('ack');
    const frame = await heardOnB;
    expect(frame.events!.find((e) => e.type === 'chat' && e.message?.text === text)!.message!.userId).toBe(
      alice.userId,
    );

    // The host starts a live flash sale on process A; buyers tap on both processes at once.
    const started = await fetch(`${a.baseUrl}${STAFF}/sessions/${room.sessionId}/flash`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${room.host.token!}`,
        'idempotency-key': newId('idem'),
      },
      body: JSON.stringify({
        skuId: room.skuId,
        flashPrice: 5900,
        quantity: 10,
        perUserLimit: 1,
        countdownSeconds: 0,
        durationSeconds: 600,
      }),
    });
    const flash = (await started.json()) as { itemId: string; type?: string };
    expect(started.status, JSON.stringify(flash)).toBe(201);
    const tap = (server: ServerProcess, token: string, key: string) =>
      fetch(`${server.baseUrl}/api/v1/flash-sales/items/${flash.itemId}/purchase`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
        body: '{}',
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as { orderId?: string; type?: string } }));
    const results = await Promise.all(
      buyers.flatMap((who, i) => [tap(a, who.token!, `a-${i}`), tap(b, who.token!, `b-${i}`)]),
    );
    const won = results.filter((r) => r.status === 201);
    expect(won).toHaveLength(10);
    expect(new Set(won.map((r) => r.body.orderId)).size).toBe(10);
    // Each buyer tapped once on each process: never more than one unit each (perUserLimit 1).
    buyers.forEach((_, i) =>
      expect([results[2 * i]!, results[2 * i + 1]!].filter((r) => r.status === 201).length).toBeLessThanOrEqual(1),
    );
    const refusals = [...new Set(results.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body.type}`))];
    expect(
      refusals.filter((k) => !['409 flash-sold-out', '409 flash-limit-reached', '409 flash-in-progress'].includes(k)),
    ).toEqual([]);
    const item = (await (await fetch(`${b.baseUrl}/api/v1/flash-sales/items/${flash.itemId}`)).json()) as {
      sold: number;
      remaining: number;
    };
    expect(item).toMatchObject({ sold: 10, remaining: 0 });
  },
  300_000,
);
