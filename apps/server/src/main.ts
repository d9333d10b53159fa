import cluster from 'node:cluster';
import path from 'node:path';
import { buildApp } from './app.ts';
import { createDeps, createLogger, openConfiguredDatabase } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { modules } from './modules/index.ts';
import { seedIfEmpty } from './seed/seed.ts';

const config = loadConfig();
const log = createLogger(config);

// Several processes share one port (node:cluster) when SERVER_PROCESSES > 1. They must share the database too, so
// only PostgreSQL qualifies; the primary migrates and seeds once, then only supervises.
if (config.SERVER_PROCESSES > 1 && cluster.isPrimary) {
  if (!config.DATABASE_URL) throw new Error('SERVER_PROCESSES > 1 needs DATABASE_URL: PGlite is one process only');
  const setup = await openConfiguredDatabase(config);
  if (config.SEED_ON_START === 'true') {
    const setupDeps = createDeps(config, setup, { log, autoDispatch: false });
    const setupApp = await buildApp(setupDeps);
    await seedIfEmpty(setupDeps, (line) => log.info(line));
    await setupApp.close();
  }
  await setup.close();
  for (let i = 0; i < config.SERVER_PROCESSES; i++) cluster.fork({ SEED_ON_START: 'false' });
  cluster.on('exit', (worker, code, signal) =>
    log.error({ pid: worker.process.pid, code, signal }, 'server process exited'),
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
      process.exit(0);
    });
  }
} else {
  await serve();
}

async function serve() {
  const database = await openConfiguredDatabase(config);
  const deps = createDeps(config, database, { log });
  const app = await buildApp(deps);

  if (config.SEED_ON_START === 'true') await seedIfEmpty(deps, (line) => log.info(line));

  await app.listen({ port: config.PORT, host: config.HOST });
  const stops = modules.map((m) => m.start?.(deps)).filter((stop) => stop !== undefined);
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
  const banner = (lines: string[]) =>
    cluster.isWorker && cluster.worker?.id !== 1 ? undefined : console.log(lines.join('\n'));
  banner([
    '',
    `  好物 Haowu 已启动 · 数据库 ${where}`,
    `  商城 Shop:      ${base}/`,
    `  管理后台 Console: ${base}/console/`,
    `  API:           ${base}/api/v1`,
    `  API 文档:       ${base}/api/docs`,
    `  OpenAPI:       ${base}/api/openapi.json`,
    `  健康检查:        ${base}/api/health`,
    '',
  ]);

  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      deps.jobs.stop();
      for (const stop of stops) stop();
      void app
        .close()
        .then(() => database.close())
        .finally(() => process.exit(0));
    });
  }
}
