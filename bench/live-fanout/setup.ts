// The world of bench/live-fanout, written straight into a fresh database (PGlite in a temp dir, or a scratch
// PostgreSQL database when DATABASE_URL is set): one merchant, one session already live (hosted by the merchant's
// owner, as `start` would leave it), and chat accounts signed in beforehand (users + sessions, as a login leaves them).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDeps } from '../../apps/server/src/bootstrap.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { sessions, users } from '../../apps/server/src/modules/accounts/schema.ts';
import { createMerchant } from '../../apps/server/src/modules/catalog/service.ts';
import { liveSessions } from '../../apps/server/src/modules/live/schema.ts';
import { hashToken, newSessionToken, systemActor } from '../../apps/server/src/platform/auth.ts';
import { bulkInsert } from '../../apps/server/src/platform/bulk.ts';
import { makeCtx } from '../../apps/server/src/platform/context.ts';
import { openDatabase } from '../../apps/server/src/platform/db.ts';
import { newId } from '../../apps/server/src/platform/ids.ts';
import { createScratchDatabase, runDataKey } from '../lib.ts';

export interface LiveWorld {
  /** Environment for the server process: the same database. */
  env: Record<string, string>;
  database: 'pglite' | 'postgres';
  sessionId: string;
  /** Session tokens of the chat accounts. */
  tokens: string[];
  drop(): Promise<void>;
}

export async function prepareLiveWorld(opts: {
  senders: number;
  databaseUrl?: string | undefined;
}): Promise<LiveWorld> {
  const scratch = opts.databaseUrl ? await createScratchDatabase(opts.databaseUrl, 'haowu_bench_live') : undefined;
  const dataDir = scratch ? undefined : await mkdtemp(path.join(os.tmpdir(), 'haowu-bench-live-'));
  const env: Record<string, string> = {
    ...(scratch ? { DATABASE_URL: scratch.url } : { DATA_DIR: dataDir! }),
    // Phones are sealed (field encryption): the server started on this world must open them with the same key.
    DATA_ENCRYPTION_KEY: runDataKey,
  };
  const config = loadConfig({ ...env, LOG_LEVEL: 'warn', SMS_PROVIDER: 'sandbox' });
  const database = await openDatabase(
    scratch ? { url: scratch.url, poolSize: 4 } : { dataDir: path.join(dataDir!, 'pglite') },
  );
  await database.migrate();
  const deps = createDeps(config, database, { autoDispatch: false });
  await deps.fieldCrypto.load(database.db, new Date());
  const system = makeCtx(deps, systemActor('bench'));
  const merchant = await createMerchant(system, { name: '压测直播店', ownerPhone: '13700008888' });

  const now = new Date();
  const sessionId = newId('lsn');
  const streamKey = newId('key');
  await database.db.insert(liveSessions).values({
    id: sessionId,
    merchantId: merchant.id,
    hostUserId: merchant.ownerUserId,
    title: '压测直播间',
    status: 'live',
    scheduledAt: now,
    startedAt: now,
    streamKey,
    playbackUrl: '/live-sample/sample.webm',
    createdBy: merchant.ownerUserId,
    createdAt: now,
  });

  const tokens: string[] = [];
  const accounts = Array.from({ length: opts.senders }, (_, i) => {
    const token = newSessionToken();
    tokens.push(token);
    return { i, token, userId: newId('usr'), phone: `136${String(i).padStart(8, '0')}` };
  });
  await database.db.transaction(async (tx) => {
    await bulkInsert(
      tx,
      users,
      accounts.map((a) => ({ id: a.userId, phone: a.phone, nickname: `压测观众${a.i}`, createdAt: now })),
    );
    await bulkInsert(
      tx,
      sessions,
      accounts.map((a) => ({
        id: newId('ses'),
        userId: a.userId,
        tokenHash: hashToken(a.token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + 86_400_000),
      })),
    );
  });
  await database.close();
  return {
    env,
    database: scratch ? 'postgres' : 'pglite',
    sessionId,
    tokens,
    drop: async () => {
      await scratch?.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
