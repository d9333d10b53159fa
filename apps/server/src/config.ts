import { z } from 'zod';

/**
 * Settings whose default is public (it is printed in this repository): fine on a laptop, a hole anywhere else.
 * With NODE_ENV=production the server refuses to start while any of them still has its default.
 */
const PUBLIC_DEFAULT_SECRETS = {
  PAYMENT_SANDBOX_SECRET: 'haowu-sandbox-secret-change-me',
  ANALYTICS_PSEUDONYM_SECRET: 'haowu-analytics-pseudonym-change-me',
} as const;

// Every setting, validated once at start. `.env.example` at the repo root lists them all.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .url('DATABASE_URL is not a URL: use postgres://user:password@host:5432/database')
    .refine((u) => /^postgres(ql)?:\/\//.test(u), 'DATABASE_URL must start with postgres:// (or postgresql://)')
    .optional(),
  /** How long start-up keeps retrying a PostgreSQL that does not answer yet (restarting, failing over). */
  DATABASE_CONNECT_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  REDIS_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional(),
  /**
   * Proxies whose X-Forwarded-For / -Proto / -Host are believed: a comma-separated list of addresses, CIDRs or
   * proxy-addr names (loopback, linklocal, uniquelocal). Empty (the default): no proxy, the socket's peer is the client.
   */
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Other origins (scheme://host[:port]) the shop or console are served from, allowed to send cookie-authenticated writes. */
  PUBLIC_ORIGINS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const out: string[] = [];
      for (const part of v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        try {
          out.push(new URL(part).origin);
        } catch {
          ctx.addIssue({ code: 'custom', message: `不是有效的来源：${part}` });
        }
      }
      return out;
    }),
  SEED_ON_START: z.enum(['true', 'false']).default('true'),
  /** Demo behaviour events the first-start seed generates (90 days, marked demo); 0 skips them. */
  SEED_EVENTS: z.coerce.number().int().min(0).max(20_000_000).default(1_200_000),
  /** sandbox (codes logged, nothing sent) or aliyun (阿里云短信 SendSms; docs/PROVIDERS.md). */
  SMS_PROVIDER: z.enum(['sandbox', 'aliyun']).default('sandbox'),
  /** RAM user AccessKey with only AliyunDysmsFullAccess; required with SMS_PROVIDER=aliyun. */
  ALIYUN_SMS_ACCESS_KEY_ID: z.string().min(1).optional(),
  ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().min(1).optional(),
  /** 短信签名 as approved in the console (e.g. 好物); required with aliyun. */
  ALIYUN_SMS_SIGN_NAME: z.string().min(1).optional(),
  /** 验证码模板 CODE (one variable ${code}, e.g. SMS_123456789); required with aliyun. */
  ALIYUN_SMS_CODE_TEMPLATE: z.string().min(1).optional(),
  /** 通知模板 CODE with one variable ${content}; unset: notices (live reminders, webhook disabled) are not sent by SMS. */
  ALIYUN_SMS_NOTICE_TEMPLATE: z.string().min(1).optional(),
  /** 推广短信模板 CODE with one variable ${content}; unset: lifecycle marketing SMS are not sent. */
  ALIYUN_SMS_MARKETING_TEMPLATE: z.string().min(1).optional(),
  /** The SendSms endpoint; tests point it at a local fake. */
  ALIYUN_SMS_ENDPOINT: z.string().url().default('https://dysmsapi.aliyuncs.com'),
  /** Sandbox only: also append each login code to this file (the browser journeys sign new phones up with it). */
  SMS_SANDBOX_OUTBOX: z.string().optional(),
  /** 微信登录: sandbox (our own 沙箱 consent page) or wechat (open.weixin.qq.com / api.weixin.qq.com; docs/PROVIDERS.md). */
  WECHAT_LOGIN_PROVIDER: z.enum(['sandbox', 'wechat']).default('sandbox'),
  /** 开放平台 网站应用 AppID/AppSecret (扫码登录, snsapi_login). */
  WECHAT_LOGIN_APPID: z.string().min(1).optional(),
  WECHAT_LOGIN_SECRET: z.string().min(1).optional(),
  /** 公众号 AppID/AppSecret (网页授权 inside WeChat, snsapi_base / snsapi_userinfo); optional. */
  WECHAT_LOGIN_MP_APPID: z.string().min(1).optional(),
  WECHAT_LOGIN_MP_SECRET: z.string().min(1).optional(),
  /** The sns API; tests point it at a local fake. */
  WECHAT_LOGIN_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  PAYMENT_SANDBOX_SECRET: z.string().min(16).default(PUBLIC_DEFAULT_SECRETS.PAYMENT_SANDBOX_SECRET),
  /**
   * The payment methods the cashier offers, in order (the first is preselected): sandbox, alipay, wechatpay.
   * Each real provider needs its settings below; docs/PAYMENTS.md lists them.
   */
  PAYMENT_PROVIDERS: z
    .string()
    .default('sandbox')
    .transform((v, ctx) => {
      const names = [
        ...new Set(
          v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      for (const n of names)
        if (!['sandbox', 'alipay', 'wechatpay'].includes(n))
          ctx.addIssue({ code: 'custom', message: `未知的支付渠道 ${n}（可选 sandbox, alipay, wechatpay）` });
      if (names.length === 0) ctx.addIssue({ code: 'custom', message: '至少配置一个支付渠道' });
      return names as ('sandbox' | 'alipay' | 'wechatpay')[];
    }),
  /** Where providers send asynchronous notifications: PUBLIC_URL is used when unset. Must be public HTTPS. */
  PAYMENT_NOTIFY_BASE_URL: z.string().url().optional(),
  ALIPAY_APP_ID: z.string().optional(),
  /** 应用私钥: PEM, bare base64, or a path to a file holding either. */
  ALIPAY_PRIVATE_KEY: z.string().optional(),
  /** 支付宝公钥 (from the open platform's 接口加签方式 page): PEM, bare base64, or a file path. */
  ALIPAY_PUBLIC_KEY: z.string().optional(),
  ALIPAY_GATEWAY: z.string().url().default('https://openapi.alipay.com/gateway.do'),
  ALIPAY_PRODUCT: z.enum(['wap', 'app']).default('wap'),
  WECHATPAY_MCH_ID: z.string().optional(),
  WECHATPAY_APP_ID: z.string().optional(),
  WECHATPAY_MCH_SERIAL_NO: z.string().optional(),
  /** apiclient_key.pem: PEM or a file path. */
  WECHATPAY_PRIVATE_KEY: z.string().optional(),
  WECHATPAY_APIV3_KEY: z.string().optional(),
  /** 微信支付公钥 (pub_key.pem) or the platform certificate: PEM or a file path. */
  WECHATPAY_PLATFORM_PUBLIC_KEY: z.string().optional(),
  /** 微信支付公钥ID (PUB_KEY_ID_…) or the platform certificate's serial number. */
  WECHATPAY_PLATFORM_SERIAL: z.string().optional(),
  WECHATPAY_BASE_URL: z.string().url().default('https://api.mch.weixin.qq.com'),
  WECHATPAY_TRADE_TYPE: z.enum(['h5', 'native']).default('h5'),
  /** Calls answered with a system error (SYSTEM_ERROR, ACQ.SYSTEM_ERROR) are sent again this many times in all. */
  PAYMENT_PROVIDER_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** Pause before the first resend; it grows linearly with each attempt. */
  PAYMENT_PROVIDER_RETRY_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(300),
  ORDER_PAYMENT_TIMEOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  /** 附近: how far the shop's nearby list reaches by default, in metres. */
  LOCAL_NEARBY_RADIUS_M: z.coerce.number().int().min(100).max(50_000).default(3000),
  AUTO_CONFIRM_RECEIPT_DAYS: z.coerce.number().int().min(1).default(10),
  AFTER_SALE_MERCHANT_RESPONSE_HOURS: z.coerce.number().int().min(1).default(48),
  SETTLEMENT_DELAY_DAYS: z.coerce.number().int().min(0).default(7),
  /** Optional OpenAI-compatible endpoint the customer-service assistant uses only to phrase grounded answers. */
  LLM_BASE_URL: z.string().url().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().default('gpt-4o-mini'),
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
  /** Ed25519 private key (PKCS#8 PEM) that signs transparency-log tree heads; unset: DATA_DIR/transparency-ed25519.pem. */
  TRANSPARENCY_SIGNING_KEY: z.string().optional(),
  /** Customer service: `off` hands every conversation straight to a person, without the assistant (docs/SERVICE.md). */
  SERVICE_ASSISTANT: z.enum(['on', 'off']).default('on'),
  /** ClickHouse (http://user:pass@host:8123/db) for behaviour analytics at scale; unset: embedded DuckDB. */
  ANALYTICS_URL: z.string().url().optional(),
  /** The embedded DuckDB file; default DATA_DIR/analytics/events.duckdb, `:memory:` keeps it in memory (tests). */
  ANALYTICS_DUCKDB_PATH: z.string().optional(),
  /** Threads DuckDB may use for one query; default: every core. */
  ANALYTICS_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  /** Key of the keyed hash that names users in behaviour events (pseudonymous ids). */
  ANALYTICS_PSEUDONYM_SECRET: z.string().min(16).default(PUBLIC_DEFAULT_SECRETS.ANALYTICS_PSEUDONYM_SECRET),
  /**
   * Master key of field encryption (docs/SECURITY.md "Field encryption"): 32 bytes as 64 hex or base64 characters.
   * Unset: a key is generated into DATA_DIR/keys/master.key (embedded database only; production with DATABASE_URL
   * refuses to start without it, since every process must share it).
   */
  DATA_ENCRYPTION_KEY: z
    .string()
    .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, 'DATA_ENCRYPTION_KEY must be 32 bytes: openssl rand -hex 32')
    .optional(),
  /** The master key being rotated away from, read only by `npm run rotate-keys`. */
  DATA_ENCRYPTION_KEY_PREVIOUS: z
    .string()
    .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, 'DATA_ENCRYPTION_KEY_PREVIOUS must be 32 bytes')
    .optional(),
  /** Behaviour events older than this are deleted from the engine. */
  ANALYTICS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
  /** Cooling-off period between a request to cancel an account and its erasure (PIPL; docs/PRIVACY.md). */
  ACCOUNT_COOLING_OFF_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(15 * 86_400),
  /** How long a "download my data" archive can be downloaded before it is deleted. */
  DATA_EXPORT_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(720)
    .default(7 * 24),
  /** Loaded events stay this long in PostgreSQL's landing table (a queue, not a store). */
  ANALYTICS_INBOX_DAYS: z.coerce.number().int().min(1).max(90).default(3),
  /** How often each process copies new events into its engine (ms); 0: only when asked (tests). */
  ANALYTICS_LOAD_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
  /** Lifecycle segments (docs/ANALYTICS.md "Lifecycle segments and automation"): purchases counted over this window. */
  LIFECYCLE_WINDOW_DAYS: z.coerce.number().int().min(30).max(730).default(180),
  /** A buyer with no purchase for this many days (or a sign-up who never bought) is churned. */
  LIFECYCLE_CHURN_DAYS: z.coerce.number().int().min(7).max(365).default(60),
  /** Purchases in the window that make a buyer active. */
  LIFECYCLE_ACTIVE_ORDERS: z.coerce.number().int().min(1).max(100).default(2),
  /** Purchases and spend (fen) in the window that make a buyer loyal. */
  LIFECYCLE_LOYAL_ORDERS: z.coerce.number().int().min(2).max(500).default(4),
  LIFECYCLE_LOYAL_AMOUNT: z.coerce.number().int().min(0).default(30_000),
  /** Day of the month that is 会员日 (member day) in Beijing time. */
  LIFECYCLE_MEMBER_DAY: z.coerce.number().int().min(1).max(28).default(18),
  /** How often segments are recomputed and rules run (minutes). */
  LIFECYCLE_RUN_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  /** Anomaly alerts learn each hour's expected band from this many previous weeks (docs/ANALYTICS.md). */
  ALERTS_HISTORY_WEEKS: z.coerce.number().int().min(3).max(26).default(8),
  /** After a stop, the anomaly checks catch up at most this many minutes; older minutes are skipped and logged. */
  ALERTS_CATCH_UP_MINUTES: z.coerce.number().int().min(1).max(1440).default(360),
  /** When set, every new alert is POSTed here as signed JSON (X-Haowu-Signature). */
  ALERTS_WEBHOOK_URL: z.string().url().optional(),
  /** Key of the HMAC-SHA256 signature on alert webhooks; required with ALERTS_WEBHOOK_URL. */
  ALERTS_WEBHOOK_SECRET: z.string().min(16).optional(),
  /**
   * Merchant webhooks may point at loopback and private-network addresses (docs/OPEN-PLATFORM.md). Off in
   * production unless set: a merchant must not make the server call its own internal services.
   */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z.enum(['true', 'false']).optional(),
  /** How long one webhook POST may take before it counts as failed (milliseconds). */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(500).max(30_000).default(10_000),
  /** Parcel tracking: sandbox (timeline simulated from the order's own times) or kuaidi100 (subscribe + signed push). */
  TRACKING_PROVIDER: z.enum(['sandbox', 'kuaidi100']).default('sandbox'),
  /** 快递100 授权 key (企业管理后台); required with TRACKING_PROVIDER=kuaidi100. */
  KUAIDI100_KEY: z.string().min(1).optional(),
  /** The salt 快递100 signs its pushes with (sign = MD5(param + salt), upper case); required with kuaidi100. */
  KUAIDI100_SALT: z.string().min(16).optional(),
  /** Where 快递100 pushes scans: this server's public https URL + /api/v1/logistics/kuaidi100/callback. */
  KUAIDI100_CALLBACK_URL: z.string().url().optional(),
  /** The subscribe endpoint; tests point it at a local fake. */
  KUAIDI100_POLL_URL: z.string().url().default('https://poll.kuaidi100.com/poll'),
  /** Days after the carrier reports 已签收 until receipt is confirmed for the buyer (never later than the ship-based deadline). */
  AUTO_CONFIRM_AFTER_SIGNED_DAYS: z.coerce.number().int().min(1).default(3),
});

export type Config = z.infer<typeof schema>;

/** A start-up failure the operator can fix: main.ts prints the message (no stack trace) and exits non-zero. */
export class StartupError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new StartupError(`invalid configuration (environment variables, see .env.example):\n${lines.join('\n')}`);
  }
  if (parsed.data.NODE_ENV === 'production') {
    const defaults = Object.entries(PUBLIC_DEFAULT_SECRETS).filter(
      ([name, value]) =>
        parsed.data[name as keyof Config] === value &&
        // The sandbox secret matters only while the sandbox takes payments.
        (name !== 'PAYMENT_SANDBOX_SECRET' || parsed.data.PAYMENT_PROVIDERS.includes('sandbox')),
    );
    if (defaults.length > 0) {
      const lines = defaults.map(
        ([name]) =>
          `  ${name} still has its public default. Set it to a random value: export ${name}=$(openssl rand -hex 32)`,
      );
      throw new StartupError(
        `NODE_ENV=production refuses secrets whose default is public (docs/SECURITY.md, "Secrets in production"):\n${lines.join('\n')}`,
      );
    }
    // Every process sealing into one PostgreSQL must hold the same master key; a key file per machine cannot be it.
    if (parsed.data.DATABASE_URL && !parsed.data.DATA_ENCRYPTION_KEY) {
      throw new StartupError(
        'NODE_ENV=production with DATABASE_URL needs DATA_ENCRYPTION_KEY, the master key of field encryption ' +
          '(docs/SECURITY.md, "Field encryption"): export DATA_ENCRYPTION_KEY=$(openssl rand -hex 32) and keep a copy safe',
      );
    }
  }
  const missing = missingProviderSettings(parsed.data);
  if (missing.length > 0) {
    throw new StartupError(
      `PAYMENT_PROVIDERS=${parsed.data.PAYMENT_PROVIDERS.join(',')} needs these settings (docs/PAYMENTS.md):\n${missing.map((m) => `  ${m}`).join('\n')}`,
    );
  }
  if (parsed.data.WECHAT_LOGIN_PROVIDER === 'wechat') {
    const d = parsed.data;
    const problems = [
      ...(!d.PUBLIC_URL ? ['PUBLIC_URL (the redirect_uri WeChat sends people back to)'] : []),
      ...((d.WECHAT_LOGIN_APPID && d.WECHAT_LOGIN_SECRET) || (d.WECHAT_LOGIN_MP_APPID && d.WECHAT_LOGIN_MP_SECRET)
        ? []
        : ['WECHAT_LOGIN_APPID + WECHAT_LOGIN_SECRET, or WECHAT_LOGIN_MP_APPID + WECHAT_LOGIN_MP_SECRET']),
    ];
    if (problems.length > 0)
      throw new StartupError(
        `WECHAT_LOGIN_PROVIDER=wechat needs ${problems.join('; ')} (docs/PROVIDERS.md, "WeChat login"); unset it to keep the sandbox`,
      );
  }
  if (parsed.data.SMS_PROVIDER === 'aliyun') {
    const unset = (
      [
        'ALIYUN_SMS_ACCESS_KEY_ID',
        'ALIYUN_SMS_ACCESS_KEY_SECRET',
        'ALIYUN_SMS_SIGN_NAME',
        'ALIYUN_SMS_CODE_TEMPLATE',
      ] as const
    ).filter((k) => !parsed.data[k]);
    if (unset.length > 0)
      throw new StartupError(
        `SMS_PROVIDER=aliyun needs ${unset.join(', ')} (docs/PROVIDERS.md, "SMS"); unset SMS_PROVIDER to keep the sandbox`,
      );
  }
  if (parsed.data.TRACKING_PROVIDER === 'kuaidi100') {
    const unset = (['KUAIDI100_KEY', 'KUAIDI100_SALT', 'KUAIDI100_CALLBACK_URL'] as const).filter(
      (k) => !parsed.data[k],
    );
    if (unset.length > 0)
      throw new StartupError(
        `TRACKING_PROVIDER=kuaidi100 needs ${unset.join(', ')} (docs/LOGISTICS.md, "Tracking"); unset TRACKING_PROVIDER to keep the sandbox`,
      );
  }
  return parsed.data;
}

const PROVIDER_SETTINGS = {
  alipay: ['ALIPAY_APP_ID', 'ALIPAY_PRIVATE_KEY', 'ALIPAY_PUBLIC_KEY'],
  wechatpay: [
    'WECHATPAY_MCH_ID',
    'WECHATPAY_APP_ID',
    'WECHATPAY_MCH_SERIAL_NO',
    'WECHATPAY_PRIVATE_KEY',
    'WECHATPAY_APIV3_KEY',
    'WECHATPAY_PLATFORM_PUBLIC_KEY',
    'WECHATPAY_PLATFORM_SERIAL',
  ],
} as const;

function missingProviderSettings(c: Config): string[] {
  const out: string[] = [];
  for (const p of c.PAYMENT_PROVIDERS) {
    if (p === 'sandbox') continue;
    for (const name of PROVIDER_SETTINGS[p]) if (!c[name]) out.push(`${name} (${p})`);
    if (!c.PAYMENT_NOTIFY_BASE_URL && !c.PUBLIC_URL) out.push(`PAYMENT_NOTIFY_BASE_URL or PUBLIC_URL (${p} callbacks)`);
  }
  if (c.WECHATPAY_APIV3_KEY && Buffer.byteLength(c.WECHATPAY_APIV3_KEY) !== 32)
    out.push('WECHATPAY_APIV3_KEY must be exactly 32 characters');
  return [...new Set(out)];
}
