import path from 'node:path';
import { buildApp } from './app.ts';
import { createDeps, createLogger, openConfiguredDatabase } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { seedIfEmpty } from './seed/seed.ts';

const config = loadConfig();
const log = createLogger(config);
const database = await openConfiguredDatabase(config);
const deps = createDeps(config, database, { log });
const app = await buildApp(deps);

if (config.SEED_ON_START === 'true') await seedIfEmpty(deps, (line) => log.info(line));

await app.listen({ port: config.PORT, host: config.HOST });
if (config.WORKERS_ENABLED === 'true') {
  deps.jobs.start();
  deps.events.kick();
  // Events left behind by a crash before dispatch are picked up here.
  setInterval(() => deps.events.kick(), 2000).unref();
}

const port = (app.server.address() as { port: number }).port;
const base = config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
const where = database.kind === 'pglite' ? `PGlite (${path.resolve(config.DATA_DIR, 'pglite')})` : 'PostgreSQL';
log.info({ port, database: database.kind }, `Haowu listening on ${base}`);
console.log(
  [
    '',
    `  好物 Haowu 已启动 · 数据库 ${where}`,
    `  商城 Shop:      ${base}/`,
    `  管理后台 Console: ${base}/console/`,
    `  API:           ${base}/api/v1`,
    `  API 文档:       ${base}/api/docs`,
    `  OpenAPI:       ${base}/api/openapi.json`,
    `  健康检查:        ${base}/api/health`,
    '',
  ].join('\n'),
);

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
