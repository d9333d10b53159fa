import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import pino, { type Logger } from 'pino';
import { type Config, StartupError } from './config.ts';
import type { Deps } from './deps.ts';
import { existsSync, readFileSync } from 'node:fs';
import { AlipayProvider } from './platform/payment-alipay.ts';
import { type PaymentProvider, PaymentProviders, SandboxPaymentProvider } from './platform/payment-provider.ts';
import { WechatPayProvider } from './platform/payment-wechatpay.ts';
import { createAnalyticsEngine } from './platform/analytics/index.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import { type Database, openDatabase } from './platform/db.ts';
import { EventBus } from './platform/events.ts';
import { configuredMasterKey, FieldCrypto } from './platform/field-crypto.ts';
import { JobQueue } from './platform/jobs.ts';
import { serializeRequest } from './platform/log.ts';
import { LocalMediaStore } from './platform/media.ts';
import { createRealtimeBus } from './platform/realtime.ts';
import { RedisLink } from './platform/redis.ts';
import { createSmsSender } from './platform/sms-aliyun.ts';
import { createTrackingProvider } from './platform/tracking.ts';
import { createWechatIdentityProvider } from './platform/wechat-login.ts';

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

/**
 * Opens the configured database (DATABASE_URL, else PGlite under DATA_DIR) and applies migrations. A setting that
 * cannot work becomes a StartupError naming the variable; a PostgreSQL that does not answer yet is retried first.
 */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (config.DATABASE_URL) {
    await waitForPostgres(config.DATABASE_URL, config.DATABASE_CONNECT_TIMEOUT_SECONDS);
    const database = await openDatabase({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
    await database.migrate();
    return database;
  }
  const dataDir = path.join(path.resolve(config.DATA_DIR), 'pglite');
  let database: Database;
  try {
    database = await openDatabase({ dataDir });
  } catch (err) {
    throw new StartupError(
      `cannot open the embedded database in ${dataDir} (DATA_DIR): ${(err as Error).message}. ` +
        'Point DATA_DIR at a writable directory, or move the damaged one aside to start afresh.',
    );
  }
  await database.migrate();
  return database;
}

// Refusals that retrying cannot fix, by PostgreSQL SQLSTATE or Node's socket error code.
const PERMANENT = new Set(['3D000', '28P01', '28000', 'ENOTFOUND']);

/** One probe connection, retried with backoff while the failure looks transient, for at most `seconds`. */
async function waitForPostgres(url: string, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (PERMANENT.has(code) || Date.now() >= deadline)
        throw new StartupError(describePostgresFailure(url, err, seconds));
      if (attempt === 0)
        console.error(
          `[db] PostgreSQL at ${where(url)} does not answer yet (${code || (err as Error).message}); retrying for up to ${seconds} s (DATABASE_CONNECT_TIMEOUT_SECONDS)…`,
        );
      await delay(Math.min(200 * 2 ** attempt, 5000));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

const where = (url: string) => {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}`;
};

/** What went wrong, which variable to change and how, in one line; never the password. */
function describePostgresFailure(url: string, err: unknown, seconds: number): string {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.slice(1)) || decodeURIComponent(u.username) || 'postgres';
  const user = decodeURIComponent(u.username) || 'the default user';
  const code = (err as { code?: string }).code ?? '';
  switch (code) {
    case '3D000':
      return `database "${database}" does not exist on ${where(url)} (DATABASE_URL). Create it (createdb -h ${u.hostname} -p ${u.port || '5432'} ${database}) or point DATABASE_URL at an existing database.`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${where(url)} refused user "${user}" (DATABASE_URL): ${(err as Error).message}. Fix the user and password in DATABASE_URL.`;
    case 'ENOTFOUND':
      return `the host "${u.hostname}" in DATABASE_URL does not resolve. Fix the host in DATABASE_URL.`;
    case 'ECONNREFUSED':
      return `nothing accepts connections at ${where(url)} (DATABASE_URL), retried for ${seconds} s. Start PostgreSQL there, or fix the host and port in DATABASE_URL.`;
    default:
      return `cannot connect to PostgreSQL at ${where(url)} (DATABASE_URL) within ${seconds} s: ${(err as Error).message || code}. Check that it runs and that DATABASE_URL is right.`;
  }
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
    sms: createSmsSender(config, log, clock),
    wechatLogin: createWechatIdentityProvider(config, log),
    payments: configuredPaymentProviders(config),
    tracking: createTrackingProvider(config),
    media: new LocalMediaStore(path.join(path.resolve(config.DATA_DIR), 'media')),
    redis: config.REDIS_URL ? new RedisLink(config.REDIS_URL, { log, role: 'rate limits' }) : undefined,
    realtime: createRealtimeBus(config.REDIS_URL, log),
    analytics: createAnalyticsEngine(config),
    fieldCrypto: new FieldCrypto(configuredMasterKey(config, log)),
  };
}

/** A key setting holds the key itself (PEM or bare base64) or the path of a file holding it. */
function keyText(value: string | undefined): string {
  if (!value) throw new StartupError('a payment provider key is missing (docs/PAYMENTS.md)');
  return !value.includes('-----BEGIN') && existsSync(value) ? readFileSync(value, 'utf8') : value;
}

/** The cashier's payment methods, from PAYMENT_PROVIDERS (loadConfig has checked each one's settings). */
function configuredPaymentProviders(config: Config): PaymentProviders {
  const notifyBase = (config.PAYMENT_NOTIFY_BASE_URL ?? config.PUBLIC_URL ?? '').replace(/\/$/, '');
  const retries = { attempts: config.PAYMENT_PROVIDER_ATTEMPTS, delayMs: config.PAYMENT_PROVIDER_RETRY_DELAY_MS };
  const build = (name: Config['PAYMENT_PROVIDERS'][number]): PaymentProvider => {
    switch (name) {
      case 'sandbox':
        return new SandboxPaymentProvider(config.PAYMENT_SANDBOX_SECRET);
      case 'alipay':
        return new AlipayProvider({
          appId: config.ALIPAY_APP_ID!,
          privateKey: keyText(config.ALIPAY_PRIVATE_KEY),
          alipayPublicKey: keyText(config.ALIPAY_PUBLIC_KEY),
          gateway: config.ALIPAY_GATEWAY,
          notifyUrl: `${notifyBase}/api/v1/payments/callbacks/alipay`,
          product: config.ALIPAY_PRODUCT,
          timeoutMinutes: config.ORDER_PAYMENT_TIMEOUT_MINUTES,
          retries,
        });
      case 'wechatpay':
        return new WechatPayProvider({
          mchId: config.WECHATPAY_MCH_ID!,
          appId: config.WECHATPAY_APP_ID!,
          merchantSerialNo: config.WECHATPAY_MCH_SERIAL_NO!,
          privateKey: keyText(config.WECHATPAY_PRIVATE_KEY),
          apiV3Key: config.WECHATPAY_APIV3_KEY!,
          platformPublicKey: keyText(config.WECHATPAY_PLATFORM_PUBLIC_KEY),
          platformSerial: config.WECHATPAY_PLATFORM_SERIAL!,
          baseUrl: config.WECHATPAY_BASE_URL,
          notifyUrl: `${notifyBase}/api/v1/payments/callbacks/wechatpay`,
          tradeType: config.WECHATPAY_TRADE_TYPE,
          timeoutMinutes: config.ORDER_PAYMENT_TIMEOUT_MINUTES,
          retries,
        });
    }
  };
  return new PaymentProviders(config.PAYMENT_PROVIDERS.map(build));
}
