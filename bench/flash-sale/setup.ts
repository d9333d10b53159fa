// Shared by bench/flash-sale and bench/flash-sale-crash: a database with one merchant, one SKU, a flash slot of
// STOCK units that is open, and BUYERS buyers with live sessions (as a login leaves them), each with a default address.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDeps } from '../../apps/server/src/bootstrap.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { addresses, sessions, users } from '../../apps/server/src/modules/accounts/schema.ts';
import { createMerchant, createProduct } from '../../apps/server/src/modules/catalog/service.ts';
import { createFlashSale } from '../../apps/server/src/modules/flashsale/service.ts';
import { hashToken, newSessionToken, systemActor } from '../../apps/server/src/platform/auth.ts';
import { bulkInsert } from '../../apps/server/src/platform/bulk.ts';
import { makeCtx } from '../../apps/server/src/platform/context.ts';
import { openDatabase } from '../../apps/server/src/platform/db.ts';
import { newId } from '../../apps/server/src/platform/ids.ts';
import { createScratchDatabase, runDataKey } from '../lib.ts';
import { merchantMembership } from '../../apps/server/src/modules/accounts/api.ts';

export interface FlashWorld {
  /** Environment for the server process: the same database. */
  env: Record<string, string>;
  database: 'pglite' | 'postgres';
  url: string | undefined;
  dataDir: string | undefined;
  itemId: string;
  skuId: string;
  tokens: string[];
  stock: number;
  drop(): Promise<void>;
}

export async function prepareFlashWorld(opts: {
  stock: number;
  buyers: number;
  databaseUrl?: string | undefined;
}): Promise<FlashWorld> {
  const scratch = opts.databaseUrl ? await createScratchDatabase(opts.databaseUrl, 'haowu_bench_flash') : undefined;
  const dataDir = scratch ? undefined : await mkdtemp(path.join(os.tmpdir(), 'haowu-bench-flash-'));
  const env: Record<string, string> = {
    ...(scratch ? { DATABASE_URL: scratch.url } : { DATA_DIR: dataDir! }),
    // The servers started on this world open what it sealed, so they share its key.
    DATA_ENCRYPTION_KEY: runDataKey,
  };
  const config = loadConfig({ ...env, LOG_LEVEL: 'warn', SMS_PROVIDER: 'sandbox' });
  const database = await openDatabase(
    scratch ? { url: scratch.url, poolSize: 16 } : { dataDir: path.join(dataDir!, 'pglite') },
  );
  await database.migrate();
  const deps = createDeps(config, database, { autoDispatch: false });
  const { buildApp } = await import('../../apps/server/src/app.ts');
  const setupApp = await buildApp(deps); // module init: the category tree
  const system = makeCtx(deps, systemActor('bench'));
  const merchant = await createMerchant(system, { name: '压测秒杀店', ownerPhone: '13700009999' });
  const owner = makeCtx(deps, {
    kind: 'user',
    userId: merchant.ownerUserId,
    sessionId: 'bench',
    roles: ['consumer'],
    staff: [merchantMembership(merchant.id, 'owner')],
  });
  const product = await createProduct(owner, {
    categoryId: 'cat_skincare',
    title: '压测秒杀面霜',
    specs: [{ name: '规格', values: ['标准'] }],
    skus: [{ specValues: { 规格: '标准' }, price: 19_900, stock: opts.stock }],
  });
  if (!product.ok) throw new Error(product.type);
  const skuId = product.value.skuIds[0]!;

  // Buyers "logged in beforehand": users, sessions (the same opaque token, stored hashed, as a login issues) and a
  // default address each, written in bulk — logging 20,000 buyers in one by one would take longer than the sale.
  const tokens: string[] = [];
  const started = performance.now();
  for (let from = 0; from < opts.buyers; from += 2000) {
    const chunk = Array.from({ length: Math.min(2000, opts.buyers - from) }, (_, k) => {
      const i = from + k;
      const token = newSessionToken();
      tokens.push(token);
      return { i, token, userId: newId('usr'), phone: `135${String(i).padStart(8, '0')}` };
    });
    const now = new Date();
    await database.db.transaction(async (tx) => {
      await bulkInsert(
        tx,
        users,
        chunk.map((b) => ({ id: b.userId, phone: b.phone, nickname: `压测买家${b.i}`, createdAt: now })),
      );
      await bulkInsert(
        tx,
        sessions,
        chunk.map((b) => ({
          id: newId('ses'),
          userId: b.userId,
          tokenHash: hashToken(b.token),
          createdAt: now,
          expiresAt: new Date(now.getTime() + 86_400_000),
        })),
      );
      await bulkInsert(
        tx,
        addresses,
        chunk.map((b) => ({
          id: newId('adr'),
          userId: b.userId,
          recipient: `买家${b.i}`,
          phone: b.phone,
          province: '浙江省',
          city: '杭州市',
          district: '西湖区',
          detail: `文三路 ${b.i} 号`,
          isDefault: true,
          createdAt: now,
        })),
      );
    });
  }
  console.log(
    `[bench:flash-sale] ${opts.buyers} buyers with sessions and addresses (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );

  const now = new Date();
  const sale = await createFlashSale(owner, {
    title: '压测秒杀场',
    startsAt: new Date(now.getTime() + 1000),
    endsAt: new Date(now.getTime() + 3 * 3_600_000),
    items: [{ skuId, flashPrice: 9_900, quantity: opts.stock, perUserLimit: 1 }],
  });
  if (!sale.ok) throw new Error(`flash sale: ${sale.type} ${sale.detail ?? ''}`);
  await setupApp.close();
  await database.close();
  return {
    env,
    database: scratch ? 'postgres' : 'pglite',
    url: scratch?.url,
    dataDir,
    itemId: sale.value.items[0]!.itemId,
    skuId,
    tokens,
    stock: opts.stock,
    drop: async () => {
      await scratch?.drop();
    },
  };
}

/** Opens the world's database from the bench process (the server must be stopped first when it is PGlite). */
export async function openWorldDatabase(world: FlashWorld) {
  return openDatabase(world.url ? { url: world.url, poolSize: 4 } : { dataDir: path.join(world.dataDir!, 'pglite') });
}
