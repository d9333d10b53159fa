import path from 'node:path';
import pino from 'pino';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import type { Deps } from './deps.ts';
import { SandboxPaymentProvider } from './modules/payments/provider.ts';
import { seedIfEmpty } from './seed/seed.ts';
import { systemClock } from './platform/clock.ts';
import { openDatabase } from './platform/db.ts';
import { EventBus } from './platform/events.ts';
import { JobQueue } from './platform/jobs.ts';
import { LocalMediaStore } from './platform/media.ts';
import { SandboxSms } from './platform/sms.ts';

const config = loadConfig();
const log = pino({
  level: config.LOG_LEVEL,
  redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], censor: '[redacted]' },
});

const dataDir = path.resolve(config.DATA_DIR);
const database = await openDatabase({
  ...(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: path.join(dataDir, 'pglite') }),
  poolSize: config.DATABASE_POOL_SIZE,
});
await database.migrate();

const deps: Deps = {
  config,
  database,
  clock: systemClock,
  log,
  events: new EventBus(database.db, log, true),
  jobs: new JobQueue(database.db, systemClock, log),
  sms: new SandboxSms(log),
  payments: new SandboxPaymentProvider(config.PAYMENT_SANDBOX_SECRET),
  media: new LocalMediaStore(path.join(dataDir, 'media')),
};
const app = await buildApp(deps);

if (config.SEED_ON_START === 'true') await seedIfEmpty(deps, (line) => log.info(line));

await app.listen({ port: config.PORT, host: config.HOST });
if (config.WORKERS_ENABLED === 'true') {
  deps.jobs.start();
  deps.events.kick();
  // Events left by a crash before dispatch are picked up here.
  setInterval(() => deps.events.kick(), 2000).unref();
}

const base = config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${(app.server.address() as { port: number }).port}`;
log.info(`好物 Haowu is running on ${database.kind === 'pglite' ? `PGlite (${path.join(dataDir, 'pglite')})` : 'PostgreSQL'}`);
console.log(`\n  好物 Haowu 已启动\n  API:      ${base}/api/v1\n  健康检查: ${base}/api/health\n  API 文档: ${base}/api/docs\n  OpenAPI:  ${base}/api/openapi.json\n`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    deps.jobs.stop();
    void app
      .close()
      .then(() => database.close())
      .finally(() => process.exit(0));
  });
}
