import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import type { Deps } from './deps.ts';
import { SandboxPaymentProvider } from './platform/payment-provider.ts';
import { createAnalyticsEngine } from './platform/analytics/index.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import { type Database, openDatabase } from './platform/db.ts';
import { EventBus } from './platform/events.ts';
import { JobQueue } from './platform/jobs.ts';
import { serializeRequest } from './platform/log.ts';
import { LocalMediaStore } from './platform/media.ts';
import { createRealtimeBus } from './platform/realtime.ts';
import { RedisLink } from './platform/redis.ts';
import { SandboxSms } from './platform/sms.ts';

/** The process's logger; `destination` is for tests that read what would be written. */
export function createLogger(config: Config, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.LOG_LEVEL,
    // Replaces Fastify's request serializer: the same fields, with secret query parameters redacted.
    serializers: { req: serializeRequest },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Opens the configured database (DATABASE_URL, else PGlite under DATA_DIR) and applies migrations. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  const database = await openDatabase({
    ...(config.DATABASE_URL
      ? { url: config.DATABASE_URL }
      : { dataDir: path.join(path.resolve(config.DATA_DIR), 'pglite') }),
    poolSize: config.DATABASE_POOL_SIZE,
  });
  await database.migrate();
  return database;
}

/** The production wiring of every port; main.ts, the scripts and the benchmarks share it. */
export function createDeps(
  config: Config,
  database: Database,
  opts: { log?: Logger; clock?: Clock; autoDispatch?: boolean } = {},
): Deps {
  const log = opts.log ?? createLogger(config);
  const clock = opts.clock ?? systemClock;
  return {
    config,
    database,
    clock,
    log,
    events: new EventBus(database.db, log, opts.autoDispatch ?? true),
    jobs: new JobQueue(database.db, clock, log),
    sms: new SandboxSms(log),
    payments: new SandboxPaymentProvider(config.PAYMENT_SANDBOX_SECRET),
    media: new LocalMediaStore(path.join(path.resolve(config.DATA_DIR), 'media')),
    redis: config.REDIS_URL ? new RedisLink(config.REDIS_URL, { log, role: 'rate limits' }) : undefined,
    realtime: createRealtimeBus(config.REDIS_URL, log),
    analytics: createAnalyticsEngine(config),
  };
}
