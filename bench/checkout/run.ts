// npm run bench:checkout — logged-in buyers placing and paying 2–3-line orders at a fixed rate against the
// production server on PostgreSQL. Reports p50/p99, orders/s, the trivial endpoint's req/s in the same run,
// and SQL statements per placed-and-paid order. Writes bench/results/checkout.json.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDeps } from '../../apps/server/src/bootstrap.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { addAddress } from '../../apps/server/src/modules/accounts/addresses.ts';
import { createUser } from '../../apps/server/src/modules/accounts/service.ts';
import { createMerchant, createProduct } from '../../apps/server/src/modules/catalog/service.ts';
import { systemActor } from '../../apps/server/src/platform/auth.ts';
import { makeCtx } from '../../apps/server/src/platform/context.ts';
import { openDatabase } from '../../apps/server/src/platform/db.ts';
import { merchantMembership } from '../../apps/server/src/modules/accounts/api.ts';
import {
  createScratchDatabase,
  fixedRate,
  gitCommit,
  measureHello,
  percentile,
  processCpuMs,
  repoRoot,
  startServer,
  startWorker,
} from '../lib.ts';

const adminUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BUYERS = Number(process.env.BUYERS ?? 200);
const SECONDS = Number(process.env.SECONDS ?? 20);
const PORT = Number(process.env.PORT ?? 3900);
const MERCHANTS = 4;
const SKUS_PER_MERCHANT = 10;
const PASSWORD = 'bench-2026';
// WORKER=1: the server serves only (WORKERS_ENABLED=false) and `npm run worker` dispatches events and runs jobs.
const WORKER = process.env.WORKER === '1';

console.log(`[bench:checkout] scratch PostgreSQL database on ${new URL(adminUrl).host}`);
const scratch = await createScratchDatabase(adminUrl, 'haowu_bench_checkout');
try {
  // ---- data, through the real services ----
  const config = loadConfig({
    DATABASE_URL: scratch.url,
    LOG_LEVEL: 'warn',
    DATA_DIR: path.join(os.tmpdir(), 'haowu-bench'),
  });
  const database = await openDatabase({ url: scratch.url, poolSize: 4 });
  await database.migrate();
  const deps = createDeps(config, database, { autoDispatch: false });
  const { buildApp } = await import('../../apps/server/src/app.ts');
  const setupApp = await buildApp(deps); // runs module init (category tree)
  const system = makeCtx(deps, systemActor('bench'));
  const skus: { skuId: string; price: number }[] = [];
  for (let m = 0; m < MERCHANTS; m++) {
    const phone = `1370000${String(m).padStart(4, '0')}`;
    const merchant = await createMerchant(system, { name: `压测商家 ${m + 1}`, ownerPhone: phone });
    const owner = makeCtx(deps, {
      kind: 'user',
      userId: merchant.ownerUserId,
      sessionId: 'bench',
      roles: ['consumer'],
      staff: [merchantMembership(merchant.id, 'owner')],
    });
    for (let p = 0; p < SKUS_PER_MERCHANT / 2; p++) {
      const prices = [10_000 + p * 1_000, 12_000 + p * 1_000];
      const created = await createProduct(owner, {
        categoryId: 'cat_skincare',
        title: `压测商品 ${m + 1}-${p + 1}`,
        specs: [{ name: '规格', values: ['标准', '大号'] }],
        skus: [
          { specValues: { 规格: '标准' }, price: prices[0]!, stock: 1_000_000 },
          { specValues: { 规格: '大号' }, price: prices[1]!, stock: 1_000_000 },
        ],
      });
      if (!created.ok) throw new Error(created.type);
      created.value.skuIds.forEach((skuId, i) => skus.push({ skuId, price: prices[i]! }));
    }
  }
  const buyers: { phone: string; addressId: string; token?: string }[] = [];
  for (let b = 0; b < BUYERS; b++) {
    const phone = `1360000${String(b).padStart(4, '0')}`;
    const { id } = await createUser(deps, database.db, { phone, now: new Date(), password: PASSWORD });
    const ctx = makeCtx(deps, { kind: 'user', userId: id, sessionId: 'bench', roles: ['consumer'], staff: [] });
    const addr = await addAddress(ctx, {
      recipient: '压测',
      phone,
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路 1 号',
    });
    if (!addr.ok) throw new Error(addr.type);
    buyers.push({ phone, addressId: addr.value.id });
  }
  const operatorPhone = '13599990000';
  await createUser(deps, database.db, {
    phone: operatorPhone,
    now: new Date(),
    password: PASSWORD,
    roles: ['consumer', 'operator'],
  });
  await setupApp.close();
  await database.close();
  console.log(`[bench:checkout] ${skus.length} SKUs, ${BUYERS} buyers ready`);

  // ---- the production server ----
  const server = await startServer(
    { DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: '20', ...(WORKER ? { WORKERS_ENABLED: 'false' } : {}) },
    PORT,
  );
  const worker = WORKER ? startWorker({ DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: '10' }) : undefined;
  const post = async (token: string, url: string, body: unknown, key?: string) => {
    const res = await fetch(`${server.baseUrl}${url}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${url} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const login = async (phone: string) => {
    const res = await fetch(`${server.baseUrl}/api/v1/auth/login/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone, password: PASSWORD }),
    });
    return ((await res.json()) as { token: string }).token;
  };
  for (const b of buyers) b.token = await login(b.phone);
  const operatorToken = await login(operatorPhone);
  const statements = async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/admin/metrics`, {
      headers: { authorization: `Bearer ${operatorToken}` },
    });
    return ((await res.json()) as { sqlStatements: number }).sqlStatements;
  };

  // ---- reference: the trivial endpoint ----
  const helloPerSec = await measureHello(server.baseUrl);
  const rate = Number(process.env.RATE ?? Math.max(5, Math.min(1000, Math.floor(helloPerSec * 0.05))));
  console.log(`[bench:checkout] hello ${helloPerSec.toFixed(0)} req/s → order rate ${rate}/s for ${SECONDS}s`);

  // ---- place and pay ----
  const placeAndPay = async (i: number) => {
    const buyer = buyers[i % buyers.length]!;
    // A 2–3-line basket from one shop, so one checkout is one placed-and-paid order.
    const lineCount = 2 + (i % 2);
    const shop = i % MERCHANTS;
    const items = Array.from({ length: lineCount }, (_, k) => ({
      skuId: skus[shop * SKUS_PER_MERCHANT + ((i + k * 3) % SKUS_PER_MERCHANT)]!.skuId,
      qty: 1 + ((i + k) % 2),
    }));
    // Every SKU costs ≥ ¥100, so the default shipping template ships free and the amount is the items' sum.
    const expectedAmount = items.reduce((sum, it) => sum + skus.find((s) => s.skuId === it.skuId)!.price * it.qty, 0);
    const order = await post(
      buyer.token!,
      '/api/v1/orders',
      { items, addressId: buyer.addressId, expectedAmount },
      `bench-${i}`,
    );
    const payment = await post(buyer.token!, '/api/v1/payments', { checkoutId: order.checkoutId }, `bench-pay-${i}`);
    await post(buyer.token!, `/api/v1/sandbox/pay/${String(payment.paymentId)}`, { outcome: 'succeeded' });
  };
  await placeAndPay(0); // warm-up (JIT, pools)
  const before = await statements();
  const cpu = () => processCpuMs(server.child.pid!) + (worker ? processCpuMs(worker.child.pid!) : 0);
  const cpuBefore = cpu();
  const run = await fixedRate({ rate, seconds: SECONDS, maxInFlight: 512, task: (i) => placeAndPay(i + 1) });
  const after = await statements();
  const cpuAfter = cpu();
  await server.stop();
  await worker?.stop();
  // The worker's statements are counted over its whole life (warm-up order and idle polls included).
  const statementsPerOrder =
    Math.round(((after - before + (worker?.statements() ?? 0)) / Math.max(1, run.completed)) * 10) / 10;

  const result = {
    benchmark: 'checkout',
    database: 'postgres',
    processes: 1,
    worker: WORKER ? 'separate process (WORKERS_ENABLED=false + npm run worker)' : 'in the server process',
    targetRate: rate,
    seconds: SECONDS,
    ordersPerSec: Math.round((run.completed / run.elapsed) * 10) / 10,
    completed: run.completed,
    failures: run.failures,
    dropped: run.dropped,
    p50Ms: Math.round(percentile(run.latencies, 50) * 10) / 10,
    p99Ms: Math.round(percentile(run.latencies, 99) * 10) / 10,
    latencyIs: 'whole flow: create order + create payment + sandbox pay (3 HTTP requests)',
    helloPerSec: Math.round(helloPerSec),
    ratioToHello: Math.round((run.completed / run.elapsed / helloPerSec) * 10000) / 10000,
    statementsPerOrder,
    /** Server (and worker) CPU, user + system, per completed order: independent of the machine's other load. */
    cpuMsPerOrder: Math.round(((cpuAfter - cpuBefore) / Math.max(1, run.completed)) * 100) / 100,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    date: new Date().toISOString(),
    commit: gitCommit(),
  };
  console.log(JSON.stringify(result, null, 2));
  const out = process.env.RESULT_FILE ?? 'checkout.json';
  await writeFile(path.join(repoRoot, 'bench/results', out), JSON.stringify(result, null, 2) + '\n');
} finally {
  await scratch.drop();
}
