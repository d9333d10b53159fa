import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

// Redis is an accelerator, never a dependency (docs/SECURITY.md "Redis: an accelerator, not a dependency"): shared
// rate-limit counters, fan-out between processes and the chat limiter use it when it answers, and fall back to
// their in-process versions when it does not. Every command is bounded (a dead or hung Redis costs a request at
// most COMMAND_TIMEOUT_MS, once, then none while it stays down), the fall-back is logged once per outage as a
// structured warning, and ioredis keeps reconnecting in the background, so Redis is used again when it returns.

const COMMAND_TIMEOUT_MS = 500;
const CONNECT_TIMEOUT_MS = 1_000;

/** Options for a connection whose commands fail fast rather than wait for Redis. */
export const boundedRedisOptions: RedisOptions = {
  lazyConnect: true,
  connectTimeout: CONNECT_TIMEOUT_MS,
  commandTimeout: COMMAND_TIMEOUT_MS,
  // A command waits for at most one reconnection, then fails (the default, 20, held requests for ~10 s).
  maxRetriesPerRequest: 1,
  // Keep trying in the background, never giving up: a Redis that comes back is used again.
  retryStrategy: (times) => Math.min(100 * times, 2_000),
};

export type RedisState = 'up' | 'down';

/** One Redis connection and whether to use it now. */
export class RedisLink {
  readonly client: Redis;
  private readonly log: Logger | undefined;
  private readonly role: string;
  private down = false;
  private closing = false;

  constructor(url: string, opts: { log?: Logger | undefined; role: string; options?: RedisOptions }) {
    this.log = opts.log;
    this.role = opts.role;
    this.client = new Redis(url, { ...boundedRedisOptions, ...opts.options });
    this.client.on('ready', () => this.markUp());
    this.client.on('close', () => this.markDown('connection closed'));
    this.client.on('error', (err: Error) => this.markDown(err.message));
  }

  /**
   * Whether callers should send commands now. True until the first failure (the first commands wait for the
   * connection, bounded by the command timeout), false from a failure until the connection is ready again.
   */
  get usable(): boolean {
    if (this.client.status === 'wait') void this.client.connect().catch(() => undefined);
    return !this.down && !this.closing;
  }

  get state(): RedisState {
    return this.client.status === 'ready' && !this.down ? 'up' : 'down';
  }

  /** Starts connecting now rather than on the first command (a server process does; scripts need not). */
  start(): void {
    if (this.client.status === 'wait') void this.client.connect().catch(() => undefined);
  }

  /**
   * A caller's command failed (a timeout on a connection that still looks open): stop using Redis and reconnect,
   * so the link is used again only once Redis answers a fresh connection.
   */
  failed(err: unknown): void {
    this.markDown(err instanceof Error ? err.message : String(err));
    if (this.client.status === 'ready') this.client.disconnect(true);
  }

  async close(): Promise<void> {
    this.closing = true;
    // Only a connected client can say goodbye; one never used, or reconnecting to a dead Redis, is just dropped.
    if (this.client.status !== 'ready') this.client.disconnect();
    else await this.client.quit().catch(() => this.client.disconnect());
  }

  private markDown(reason: string): void {
    if (this.closing || this.down) return;
    this.down = true;
    this.log?.warn(
      { event: 'redis.unavailable', role: this.role, reason, fallback: 'in-process' },
      `Redis unavailable (${this.role}): using the in-process fallback until it returns`,
    );
  }

  private markUp(): void {
    if (!this.down) return;
    this.down = false;
    this.log?.info({ event: 'redis.recovered', role: this.role }, `Redis is back (${this.role})`);
  }
}
