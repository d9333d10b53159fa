// node bench/checkout/use-cases.ts — the checkout's request path without HTTP, for a fair A/B on a loaded machine:
// N placed-and-paid orders (placeOrder → createPayment → sandbox callback), CONCURRENCY at a time, straight through
// the services against a scratch PostgreSQL database, with dispatch off. Reports this process's CPU (user + system)
// and SQL statements per order; unlike latency, CPU per order barely depends on what else the machine runs.
import os from 'node:os';
import { createDeps } from '../../apps/server/src/bootstrap.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { addAddress } from '../../apps/server/src/modules/accounts/addresses.ts';
import { createUser } from '../../apps/server/src/modules/accounts/service.ts';
import { createMerchant, createProduct } from '../../apps/server/src/modules/catalog/service.ts';
import { placeOrder } from '../../apps/server/src/modules/orders/checkout.ts';
import { createPayment } from '../../apps/server/src/modules/payments/charges.ts';
import { simulateSandboxPayment } from '../../apps/server/src/modules/payments/callbacks.ts';
import { type Actor, systemActor } from '../../apps/server/src/platform/auth.ts';
import { makeCtx } from '../../apps/server/src/platform/context.ts';
import { openDatabase } from '../../apps/server/src/platform/db.ts';
import { createScratchDatabase, gitCommit } from '../lib.ts';
import { merchantMembership } from '../../apps/server/src/modules/accounts/api.ts';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ORDERS = Number(process.env.ORDERS ?? 300);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);

const scratch = await createScratchDatabase(adminUrl, 'haowu_bench_usecases');
try {
  const config = loadConfig({ DATABASE_URL: scratch.url, LOG_LEVEL: 'warn' });
  const database = await openDatabase({ url: scratch.url, poolSize: 20 });
  await database.migrate();
  const deps = createDeps(config, database, { autoDispatch: false });
  const { buildApp } = await import('../../apps/server/src/app.ts');
  const app = await buildApp(deps);
  const system = makeCtx(deps, systemActor('bench'));
  const merchant = await createMerchant(system, { name: '压测商家', ownerPhone: '13700000001' });
  const owner = makeCtx(deps, {
    kind: 'user',
    userId: merchant.ownerUserId,
    sessionId: 'bench',
    roles: ['consumer'],
    staff: [merchantMembership(merchant.id, 'owner')],
  });
  const created = await createProduct(owner, {
    categoryId: 'cat_skincare',
    title: '压测商品',
    specs: [{ name: '规格', values: ['标准', '大号', '礼盒'] }],
    skus: ['标准', '大号', '礼盒'].map((v, i) => ({ specValues: { 规格: v }, price: 10_000 + i * 1_000, stock: 1e6 })),
  });
  if (!created.ok) throw new Error(created.type);
  const skus = created.value.skuIds.map((skuId, i) => ({ skuId, price: 10_000 + i * 1_000 }));
  const buyers: { actor: Actor; addressId: string }[] = [];
  for (let b = 0; b < 20; b++) {
    const phone = `1360000${String(b).padStart(4, '0')}`;
    const { id } = await createUser(deps, database.db, { phone, now: new Date(), password: 'bench-2026' });
    const actor: Actor = { kind: 'user', userId: id, sessionId: 'bench', roles: ['consumer'], staff: [] };
    const addr = await addAddress(makeCtx(deps, actor), {
      recipient: '压测',
      phone,
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路 1 号',
    });
    if (!addr.ok) throw new Error(addr.type);
    buyers.push({ actor, addressId: addr.value.id });
  }
  const placeAndPay = async (i: number) => {
    const buyer = buyers[i % buyers.length]!;
    const items = skus.slice(0, 2 + (i % 2)).map((s, k) => ({ skuId: s.skuId, qty: 1 + ((i + k) % 2) }));
    const expectedAmount = items.reduce((sum, it) => sum + skus.find((s) => s.skuId === it.skuId)!.price * it.qty, 0);
    const order = await placeOrder(makeCtx(deps, buyer.actor, { idempotencyKey: `o-${i}` }), {
      items,
      addressId: buyer.addressId,
      expectedAmount,
    });
    if (!order.ok) throw new Error(order.type);
    const payment = await createPayment(makeCtx(deps, buyer.actor, { idempotencyKey: `p-${i}` }), {
      checkoutId: order.value.checkoutId,
    });
    if (!payment.ok) throw new Error(payment.type);
    const paid = await simulateSandboxPayment(makeCtx(deps, buyer.actor), payment.value.paymentId, 'succeeded');
    if (!paid.ok) throw new Error(paid.type);
  };
  for (let i = 0; i < 30; i++) await placeAndPay(ORDERS + i); // warm-up (JIT, pool), keys of their own
  const statementsBefore = database.stats.statements;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ORDERS) await placeAndPay(next++);
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  const result = {
    benchmark: 'checkout-use-cases',
    orders: ORDERS,
    concurrency: CONCURRENCY,
    cpuMsPerOrder: Math.round(((cpu.user + cpu.system) / 1000 / ORDERS) * 100) / 100,
    statementsPerOrder: Math.round(((database.stats.statements - statementsBefore) / ORDERS) * 10) / 10,
    wallMsPerOrder: Math.round(((performance.now() - started) / ORDERS) * 100) / 100,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    commit: gitCommit(),
    date: new Date().toISOString(),
  };
  console.log(JSON.stringify(result));
  await app.close();
  await database.close();
} finally {
  await scratch.drop();
}
