import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { AnalyticsEngine } from './platform/analytics/index.ts';
import type { PaymentProviders } from './platform/payment-provider.ts';
import type { Clock } from './platform/clock.ts';
import type { Database } from './platform/db.ts';
import type { FieldCrypto } from './platform/field-crypto.ts';
import type { EventBus } from './platform/events.ts';
import type { JobQueue } from './platform/jobs.ts';
import type { MediaStore } from './platform/media.ts';
import type { RealtimeBus } from './platform/realtime.ts';
import type { RedisLink } from './platform/redis.ts';
import type { SmsSender } from './platform/sms.ts';
import type { TrackingProvider } from './platform/tracking.ts';
import type { WechatIdentityProvider } from './platform/wechat-login.ts';

/** The ports and machinery passed in once at buildApp; tests pass fakes for the side-effect ports only. */
export interface Deps {
  config: Config;
  database: Database;
  clock: Clock;
  log: Logger;
  events: EventBus;
  jobs: JobQueue;
  sms: SmsSender;
  /** 微信登录: the sandbox consent page, or WeChat's OAuth2 when WECHAT_LOGIN_PROVIDER=wechat. */
  wechatLogin: WechatIdentityProvider;
  /** The configured payment providers (PAYMENT_PROVIDERS); the sandbox by default. */
  payments: PaymentProviders;
  /** Parcel tracking: sandbox, or 快递100 when TRACKING_PROVIDER=kuaidi100. */
  tracking: TrackingProvider;
  media: MediaStore;
  /** The shared Redis connection (rate-limit counters, health) when REDIS_URL is set; used only while it answers. */
  redis: RedisLink | undefined;
  /** Pub/sub fan-out for WebSockets: in-process, or Redis when REDIS_URL is set. */
  realtime: RealtimeBus;
  /** Columnar engine for behaviour analytics: embedded DuckDB, or ClickHouse when ANALYTICS_URL is set. */
  analytics: AnalyticsEngine;
  /** Seals sensitive columns and makes their blind indexes; keys loaded by buildApp (platform/field-crypto.ts). */
  fieldCrypto: FieldCrypto;
}
