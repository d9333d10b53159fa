import cluster from 'node:cluster';
import path from 'node:path';
import { type Config, loadConfig, StartupError } from './config.ts';
import type { Deps } from './deps.ts';

// A setting the operator can fix is one clear line and a non-zero exit, never a stack trace.
const failStartup = (err: unknown): never => {
  if (!(err instanceof StartupError)) throw err;
  console.error(`Haowu cannot start: ${err.message}`);
  process.exit(1);
};

const config: Config = (() => {
  try {
    return loadConfig();
  } catch (err) {
    return failStartup(err);
  }
})();
// The settings and the database are checked before the application's hundreds of files load, so a setting that
// cannot work is reported in about a second rather than after the whole import graph.
const { createDeps, createLogger, openConfiguredDatabase } = await import('./bootstrap.ts');
const log = createLogger(config);
const loadApplication = async () => ({
  ...(await import('./app.ts')),
  ...(await import('./modules/index.ts')),
  ...(await import('./seed/seed.ts')),
});

// Several processes share one port (node:cluster) when SERVER_PROCESSES > 1. They must share the database too, so
// only PostgreSQL qualifies; the primary migrates and seeds once, then only supervises.
if (config.SERVER_PROCESSES > 1 && cluster.isPrimary) {
  if (!config.DATABASE_URL)
    failStartup(
      new StartupError(
        'SERVER_PROCESSES > 1 needs DATABASE_URL (PGlite is one process only). Set DATABASE_URL or SERVER_PROCESSES=1.',
      ),
    );
  const setup = await openConfiguredDatabase(config).catch(failStartup);
  const { buildApp, seedIfEmpty } = await loadApplication();
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
  await serve().catch(failStartup);
}

async function serve() {
  const database = await openConfiguredDatabase(config);
  const { buildApp, modules, seedIfEmpty, demoAccountsIn } = await loadApplication();
  // With WORKERS_ENABLED=false a separate `npm run worker` dispatches events and runs jobs; this process only serves.
  const deps = createDeps(config, database, { log, autoDispatch: config.WORKERS_ENABLED === 'true' });
  const app = await buildApp(deps);

  if (config.SEED_ON_START === 'true') await seedIfEmpty(deps, (line) => log.info(line));

  await app.listen({ port: config.PORT, host: config.HOST });
  // The banner goes out the moment the port accepts connections: every URL in it works when it is read.
  await printBanner(deps, app.server.address() as { port: number }, database.kind, demoAccountsIn);
  const stops = modules.map((m) => m.start?.(deps)).filter((stop) => stop !== undefined);
  if (config.WORKERS_ENABLED === 'true') {
    deps.jobs.start();
    deps.events.kick();
    // Events left behind by a crash before dispatch are picked up here.
    setInterval(() => deps.events.kick(), 2000).unref();
  }

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

/** The URLs, and the demo accounts when this database has them, as plain lines (not JSON logs). */
async function printBanner(
  deps: Deps,
  address: { port: number },
  kind: 'pglite' | 'postgres',
  demoAccountsIn: (deps: Deps) => Promise<readonly { role: string; phone: string; password: string }[]>,
) {
  const port = address.port;
  const base = config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  log.info({ port, database: kind }, `Haowu listening on ${base}`);
  // With several processes on one port, the first worker speaks for all of them.
  if (cluster.isWorker && cluster.worker?.id !== 1) return;
  const where = kind === 'pglite' ? `PGlite (${path.resolve(config.DATA_DIR, 'pglite')})` : 'PostgreSQL';
  const demo = config.SEED_ON_START === 'true' ? await demoAccountsIn(deps) : [];
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
      ...(demo.length > 0
        ? [
            '',
            '  演示账号 Demo accounts (演示数据):',
            ...demo.map((a) => `    ${a.role}  手机号 ${a.phone}  密码 ${a.password}`),
          ]
        : []),
      '',
    ].join('\n'),
  );
}
