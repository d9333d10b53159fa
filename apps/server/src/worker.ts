import { loadConfig, StartupError } from './config.ts';

// `npm run worker`: the job worker and the outbox dispatcher in a process of their own, for deployments whose API
// processes run with WORKERS_ENABLED=false (campaign peaks: background work then never competes with requests for
// the API processes' event loop). PostgreSQL only: PGlite is one process. Realtime publishes made by subscribers
// reach sockets of other processes through Redis (REDIS_URL), as they do between API processes.

const POLL_MS = 250;

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
  if (!config.DATABASE_URL) throw new StartupError('npm run worker needs DATABASE_URL (PGlite is one process only).');
} catch (err) {
  if (!(err instanceof StartupError)) throw err;
  console.error(`Haowu worker cannot start: ${err.message}`);
  process.exit(1);
}
const { createDeps, createLogger, openConfiguredDatabase } = await import('./bootstrap.ts');
const { modules } = await import('./modules/index.ts');
const log = createLogger(config);
const database = await openConfiguredDatabase(config);
const deps = createDeps(config, database, { log });
// Subscribers and job handlers only: reference data, routes and per-process background work belong to the API.
for (const mod of modules) mod.wire?.(deps);
deps.jobs.start();
deps.events.kick();
// Events are written by other processes: poll often (an idle poll is one short transaction).
const poll = setInterval(() => deps.events.kick(), POLL_MS);
log.info({ pollMs: POLL_MS }, 'Haowu worker: jobs and outbox dispatch running');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    clearInterval(poll);
    deps.jobs.stop();
    void database.close().finally(() => process.exit(0));
  });
}
