import { afterAll, expect, it } from 'vitest';
import { prepareFlashWorld, openWorldDatabase, type FlashWorld } from '../../../../../bench/flash-sale/setup.ts';
import { verifyFlashOutcome } from '../../../../../bench/flash-sale/verify.ts';
import { startServer, type ServerProcess } from '../../../../../bench/lib.ts';

// Two real server processes on one PostgreSQL database, each with its own in-process gate and group commit:
// the database alone must keep the flash pool and the per-buyer limit. (PGlite is one process by nature.)
const adminUrl = process.env.TEST_DATABASE_URL;
const servers: ServerProcess[] = [];
let world: FlashWorld | undefined;
afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL');
  await world?.drop();
});

it.skipIf(!adminUrl)(
  'never oversells and never sells one buyer twice across two server processes',
  async () => {
    world = await prepareFlashWorld({ stock: 20, buyers: 60, databaseUrl: adminUrl });
    const port = 4600 + (process.pid % 300) * 2;
    for (const p of [port, port + 1]) servers.push(await startServer({ ...world.env, WORKERS_ENABLED: 'false' }, p));
    const tap = (server: ServerProcess, token: string, key: string) =>
      fetch(`${server.baseUrl}/api/v1/flash-sales/items/${world!.itemId}/purchase`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
        body: '{}',
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as { orderId?: string; type?: string } }));

    // Every buyer taps on both processes at once, with different keys: two real attempts, one allowed.
    const results = await Promise.all(
      world.tokens.flatMap((token, i) => [tap(servers[0]!, token, `a-${i}`), tap(servers[1]!, token, `b-${i}`)]),
    );
    const won = results.filter((r) => r.status === 201);
    expect(won).toHaveLength(20);
    const refused = results.filter((r) => r.status !== 201);
    const kinds = [...new Set(refused.map((r) => `${r.status} ${r.body.type}`))];
    expect(kinds.filter((k) => k !== '409 flash-sold-out' && k !== '409 flash-limit-reached')).toEqual([]);
    const db = await openWorldDatabase(world);
    const outcome = await verifyFlashOutcome(
      db,
      world.itemId,
      world.skuId,
      won.map((r) => r.body.orderId!),
    );
    await db.close();
    expect(outcome).toMatchObject({
      sold: 20,
      liveUnits: 20,
      orders: 20,
      oversold: 0,
      duplicatePerUser: 0,
      acknowledgedMissing: 0,
    });
  },
  180_000,
);
