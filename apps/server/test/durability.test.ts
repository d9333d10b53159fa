import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runDataKey, startServer, type ServerProcess } from '../../../bench/lib.ts';
import { createDeps } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { addAddress } from '../src/modules/accounts/addresses.ts';
import { createUser } from '../src/modules/accounts/service.ts';
import { createMerchant, createProduct } from '../src/modules/catalog/service.ts';
import { systemActor } from '../src/platform/auth.ts';
import { makeCtx } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db.ts';
import { freshDatabaseLocation } from './harness.ts';
import { merchantMembership } from '../src/modules/accounts/api.ts';

// An acknowledged order must survive `kill -9` of the server: the real server process, the real database
// (PGlite on disk, or PostgreSQL), no graceful shutdown.
const location = await freshDatabaseLocation();
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop('SIGKILL');
  await location.drop();
});

it('keeps every acknowledged order and its stock after kill -9', async () => {
  // The server opens the personal data this test seals (the buyer's address), so both hold the same key.
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_ENCRYPTION_KEY: runDataKey, ...location.env });
  const database = await openDatabase(
    location.url ? { url: location.url, poolSize: 2 } : { dataDir: path.join(location.dataDir!, 'pglite') },
  );
  const deps = createDeps(config, database, { autoDispatch: false });
  await deps.fieldCrypto.load(database.db, new Date()); // the owner's and buyer's phones are sealed before buildApp
  const system = makeCtx(deps, systemActor('test'));
  const merchant = await createMerchant(system, { name: '耐久测试店', ownerPhone: '13711110000' });
  const owner = makeCtx(deps, {
    kind: 'user',
    userId: merchant.ownerUserId,
    sessionId: 't',
    roles: ['consumer'],
    staff: [merchantMembership(merchant.id, 'owner')],
  });
  const { buildApp } = await import('../src/app.ts');
  const app = await buildApp(deps); // module init: the category tree
  const product = await createProduct(owner, {
    categoryId: 'cat_skincare',
    title: '耐久测试面霜',
    specs: [{ name: '规格', values: ['标准'] }],
    skus: [{ specValues: { 规格: '标准' }, price: 12_000, stock: 20 }],
  });
  if (!product.ok) throw new Error(product.type);
  const skuId = product.value.skuIds[0]!;
  const buyer = await createUser(deps, database.db, { phone: '13711110001', now: new Date(), password: 'haowu2026' });
  const addr = await addAddress(
    makeCtx(deps, { kind: 'user', userId: buyer.id, sessionId: 't', roles: ['consumer'], staff: [] }),
    {
      recipient: '王五',
      phone: '13711110001',
      province: '上海市',
      city: '上海市',
      district: '浦东新区',
      detail: '世纪大道 100 号',
    },
  );
  if (!addr.ok) throw new Error(addr.type);
  await app.close();
  await database.close();

  const env = { ...location.env, WORKERS_ENABLED: 'false' };
  const port = 4100 + (process.pid % 500);
  server = await startServer(env, port);
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: '13711110001', password: 'haowu2026' }),
  });
  const { token } = (await login.json()) as { token: string };
  const acknowledged: string[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await fetch(`${server.baseUrl}/api/v1/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': `crash-${i}`,
      },
      body: JSON.stringify({ items: [{ skuId, qty: 2 }], addressId: addr.value.id, expectedAmount: 24_000 }),
    });
    expect(res.status).toBe(201);
    acknowledged.push(((await res.json()) as { checkoutId: string }).checkoutId);
  }
  await server.stop('SIGKILL');

  server = await startServer(env, port);
  for (const checkoutId of acknowledged) {
    const res = await fetch(`${server.baseUrl}/api/v1/checkouts/${checkoutId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
  }
  const detail = await fetch(`${server.baseUrl}/api/v1/products/${product.value.id}`);
  const body = (await detail.json()) as { skus: { id: string; stock: number }[] };
  expect(body.skus.find((s) => s.id === skuId)?.stock).toBe(10);
}, 120_000);
