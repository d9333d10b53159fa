// npm run bench:flash-sale-crash — runs the flash-sale load, sends kill -9 to the server mid-sale, restarts it, and
// checks that every purchase the load tool saw acknowledged exists as an order and that sold + remaining = stock.
// PGlite by default (on-disk data dir), PostgreSQL with DATABASE_URL. Writes bench/results/flash-sale-crash.json.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runFlashLoad } from '../flash-sale/load.ts';
import { openWorldDatabase, prepareFlashWorld } from '../flash-sale/setup.ts';
import { verifyFlashOutcome } from '../flash-sale/verify.ts';
import { gitCommit, repoRoot, startServer } from '../lib.ts';

const STOCK = Number(process.env.STOCK ?? 5_000);
const BUYERS = Number(process.env.BUYERS ?? 10_000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 64);
const KILL_AFTER = Number(process.env.KILL_AFTER ?? Math.floor(STOCK * 0.3));
const PORT = Number(process.env.PORT ?? 3920);

console.log(
  `[bench:flash-sale-crash] ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'} · stock ${STOCK} · buyers ${BUYERS} · kill -9 after ${KILL_AFTER} acknowledged purchases`,
);
const world = await prepareFlashWorld({ stock: STOCK, buyers: BUYERS, databaseUrl: process.env.DATABASE_URL });
try {
  let server = await startServer(world.env, PORT);
  let killedAt: number | undefined;
  const load = await runFlashLoad({
    baseUrl: server.baseUrl,
    itemId: world.itemId,
    tokens: world.tokens,
    connections: CONNECTIONS,
    onProgress: (wins) => {
      if (wins >= KILL_AFTER && killedAt === undefined) {
        killedAt = wins;
        server.child.kill('SIGKILL');
      }
    },
  });
  console.log(
    `[bench:flash-sale-crash] killed after ${killedAt} acknowledgements; the load tool saw ${load.wins} in all (${load.errors} failed requests after the kill)`,
  );
  server = await startServer(world.env, PORT);
  const health = await fetch(`${server.baseUrl}/api/v1/flash-sales/items/${world.itemId}`);
  const item = (await health.json()) as { sold: number; remaining: number };
  await server.stop();
  const db = await openWorldDatabase(world);
  const outcome = await verifyFlashOutcome(db, world.itemId, world.skuId, load.acknowledged);
  await db.close();
  const result = {
    killedAfterAcknowledged: killedAt ?? null,
    acknowledged: load.wins,
    acknowledgedMissing: outcome.acknowledgedMissing,
    sold: outcome.sold,
    remaining: outcome.remaining,
    stock: STOCK,
    soldPlusRemainingEqualsStock: outcome.sold + outcome.remaining === STOCK,
    liveUnitsEqualSold: outcome.liveUnits === outcome.sold,
    ordersPlaced: outcome.orders,
    oversold: outcome.oversold,
    duplicatePerUser: outcome.duplicatePerUser,
    skuStockLeft: outcome.skuStockLeft,
    servedAfterRestart: item,
    database: world.database,
    date: new Date().toISOString(),
    commit: gitCommit(),
  };
  console.log(JSON.stringify(result, null, 2));
  const dir = path.join(repoRoot, 'bench/results');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `flash-sale-crash-${world.database}.json`), `${JSON.stringify(result, null, 2)}\n`);
  const ok =
    killedAt !== undefined &&
    outcome.acknowledgedMissing === 0 &&
    result.soldPlusRemainingEqualsStock &&
    result.liveUnitsEqualSold &&
    outcome.oversold === 0 &&
    outcome.duplicatePerUser === 0;
  if (!ok) {
    console.error('[bench:flash-sale-crash] FAILED: see the result above');
    process.exitCode = 1;
  }
} finally {
  await world.drop();
}
