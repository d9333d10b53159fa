import { z } from 'zod';

// Every setting, validated once at start. `.env.example` at the repo root lists them all.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  REDIS_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional(),
  SEED_ON_START: z.enum(['true', 'false']).default('true'),
  SMS_PROVIDER: z.enum(['sandbox']).default('sandbox'),
  PAYMENT_SANDBOX_SECRET: z.string().min(16).default('haowu-sandbox-secret-change-me'),
  ORDER_PAYMENT_TIMEOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  AUTO_CONFIRM_RECEIPT_DAYS: z.coerce.number().int().min(1).default(10),
  AFTER_SALE_MERCHANT_RESPONSE_HOURS: z.coerce.number().int().min(1).default(48),
  SETTLEMENT_DELAY_DAYS: z.coerce.number().int().min(0).default(7),
  /** Server processes sharing the port (node:cluster); more than 1 needs DATABASE_URL. */
  SERVER_PROCESSES: z.coerce.number().int().min(1).max(32).default(1),
  /** How long a process may reuse a resolved session (seconds); 0 looks every request up. */
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  RATE_LIMIT_ENABLED: z.enum(['true', 'false']).default('true'),
  WORKERS_ENABLED: z.enum(['true', 'false']).default('true'),
  ATTRIBUTION_WINDOW_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** Live commerce: merchants below this credit score cannot start a session. */
  LIVE_MIN_CREDIT_SCORE: z.coerce.number().int().min(0).max(100).default(60),
  /** The host's deposit (保证金) in fen, held on the ledger; it backs the 假一赔十 badge. */
  LIVE_DEPOSIT_AMOUNT: z.coerce.number().int().min(1).default(200_000),
  /** The media server's playback base (…/<streamKey>.m3u8); unset: the bundled sample video plays. */
  LIVE_PLAYBACK_BASE_URL: z.string().url().optional(),
  /** The media server's ingest base (rtmp://…/live); shown to the host with the stream key. */
  LIVE_INGEST_BASE_URL: z.string().url().optional(),
  /** ClickHouse (http://user:pass@host:8123/db) for behaviour analytics at scale; unset: embedded DuckDB. */
  ANALYTICS_URL: z.string().url().optional(),
  /** The embedded DuckDB file; default DATA_DIR/analytics/events.duckdb, `:memory:` keeps it in memory (tests). */
  ANALYTICS_DUCKDB_PATH: z.string().optional(),
  /** Threads DuckDB may use for one query; default: every core. */
  ANALYTICS_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  /** Key of the keyed hash that names users in behaviour events (pseudonymous ids). */
  ANALYTICS_PSEUDONYM_SECRET: z.string().min(16).default('haowu-analytics-pseudonym-change-me'),
  /** Behaviour events older than this are deleted from the engine. */
  ANALYTICS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
  /** Loaded events stay this long in PostgreSQL's landing table (a queue, not a store). */
  ANALYTICS_INBOX_DAYS: z.coerce.number().int().min(1).max(90).default(3),
  /** How often each process copies new events into its engine (ms); 0: only when asked (tests). */
  ANALYTICS_LOAD_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
  /** Anomaly alerts learn each hour's expected band from this many previous weeks (docs/ANALYTICS.md). */
  ALERTS_HISTORY_WEEKS: z.coerce.number().int().min(3).max(26).default(8),
  /** When set, every new alert is POSTed here as signed JSON (X-Haowu-Signature). */
  ALERTS_WEBHOOK_URL: z.string().url().optional(),
  /** Key of the HMAC-SHA256 signature on alert webhooks; required with ALERTS_WEBHOOK_URL. */
  ALERTS_WEBHOOK_SECRET: z.string().min(16).optional(),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
