import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { boundedRedisOptions, RedisLink } from './redis.ts';

/**
 * Pub/sub for realtime fan-out (group chat, later live rooms). A process publishes on a channel and every
 * process — itself included — hands the message to its local subscribers, which forward it to their sockets.
 * In-process for one node; through Redis when REDIS_URL is set, so many API processes share one fan-out.
 */
export type RealtimeHandler = (message: unknown) => void;

export interface RealtimeBus {
  readonly kind: 'memory' | 'redis';
  publish(channel: string, message: unknown): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(channel: string, handler: RealtimeHandler): () => void;
  /** Resolves when every subscription asked for so far is active (a socket says "ready" only after it). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Local handler registry shared by both implementations. */
class Handlers {
  private readonly byChannel = new Map<string, Set<RealtimeHandler>>();
  private readonly log: Logger | undefined;
  constructor(log?: Logger) {
    this.log = log;
  }

  /** Adds a handler; true when it is the channel's first (the Redis bus then subscribes upstream). */
  add(channel: string, handler: RealtimeHandler): boolean {
    const set = this.byChannel.get(channel) ?? new Set();
    set.add(handler);
    this.byChannel.set(channel, set);
    return set.size === 1;
  }

  /** Removes a handler; true when the channel has none left. */
  remove(channel: string, handler: RealtimeHandler): boolean {
    const set = this.byChannel.get(channel);
    if (!set || !set.delete(handler)) return false;
    if (set.size > 0) return false;
    this.byChannel.delete(channel);
    return true;
  }

  deliver(channel: string, message: unknown): void {
    for (const handler of [...(this.byChannel.get(channel) ?? [])]) {
      try {
        handler(message);
      } catch (err) {
        // One broken socket must not stop the others on the channel from receiving.
        this.log?.warn({ err, channel }, 'realtime handler failed');
      }
    }
  }

  clear(): void {
    this.byChannel.clear();
  }
}

export class InProcessRealtimeBus implements RealtimeBus {
  readonly kind = 'memory' as const;
  private readonly handlers: Handlers;
  constructor(log?: Logger) {
    this.handlers = new Handlers(log);
  }
  publish(channel: string, message: unknown): Promise<void> {
    // Delivered on a later tick, like Redis, so a publisher never re-enters its own handlers synchronously.
    queueMicrotask(() => this.handlers.deliver(channel, structuredClone(message)));
    return Promise.resolve();
  }
  subscribe(channel: string, handler: RealtimeHandler): () => void {
    this.handlers.add(channel, handler);
    return () => void this.handlers.remove(channel, handler);
  }
  ready(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    this.handlers.clear();
    return Promise.resolve();
  }
}

/**
 * Two connections, as Redis requires: one publishes, one is in subscriber mode; both connect on first use, so scripts
 * that never publish open nothing. A message published here comes back through Redis like everyone else's, so local
 * and remote subscribers see the same single copy.
 *
 * While Redis does not answer (platform/redis.ts), a message is handed to this process's own subscribers directly:
 * sockets on this process keep working, only other processes miss it until Redis returns. Subscriptions asked for
 * meanwhile wait in the subscriber connection's queue and are made when it reconnects.
 */
export class RedisRealtimeBus implements RealtimeBus {
  readonly kind = 'redis' as const;
  private readonly pub: RedisLink;
  private readonly sub: Redis;
  private readonly handlers: Handlers;
  private readonly log: Logger | undefined;
  constructor(url: string, log?: Logger) {
    this.log = log;
    this.handlers = new Handlers(log);
    this.pub = new RedisLink(url, { log, role: 'realtime' });
    // Subscribing is not on a request's path: it may wait for Redis as long as it takes.
    this.sub = new Redis(url, { ...boundedRedisOptions, commandTimeout: undefined, maxRetriesPerRequest: null });
    this.sub.on('message', (channel: string, raw: string) => {
      let message: unknown;
      try {
        message = JSON.parse(raw);
      } catch {
        this.log?.warn({ channel }, 'realtime message is not JSON');
        return;
      }
      this.handlers.deliver(channel, message);
    });
    // Outages are reported once by the publishing link; the subscriber reconnects on its own.
    this.sub.on('error', () => undefined);
  }

  async publish(channel: string, message: unknown): Promise<void> {
    // Other processes hear it through Redis when it answers; this process's subscribers hear it back through the
    // subscriber connection when that is up, and directly otherwise (on a later tick, as from Redis).
    const echoed = this.sub.status === 'ready';
    if (this.pub.usable) {
      try {
        await this.pub.client.publish(channel, JSON.stringify(message));
        if (echoed) return;
      } catch (err) {
        this.pub.failed(err);
      }
    }
    queueMicrotask(() => this.handlers.deliver(channel, structuredClone(message)));
  }

  /** Resolves once Redis has confirmed every subscription asked for so far (commands on one connection run in order); at once while Redis is away. */
  async ready(): Promise<void> {
    if (!this.pub.usable) return;
    // A connecting subscriber answers once connected; a Redis that does not answer within a second is treated as away.
    let timer: NodeJS.Timeout | undefined;
    const away = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 1_000);
      timer.unref();
    });
    await Promise.race([
      this.sub.ping().then(
        () => undefined,
        () => undefined,
      ),
      away,
    ]);
    clearTimeout(timer);
  }

  subscribe(channel: string, handler: RealtimeHandler): () => void {
    if (this.handlers.add(channel, handler)) {
      this.sub
        .subscribe(channel)
        .catch((err: unknown) => this.log?.error({ err, channel }, 'realtime subscribe failed'));
    }
    return () => {
      if (this.handlers.remove(channel, handler)) {
        this.sub
          .unsubscribe(channel)
          .catch((err: unknown) => this.log?.warn({ err, channel }, 'realtime unsubscribe failed'));
      }
    };
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await this.pub.close();
    if (this.sub.status !== 'ready') this.sub.disconnect();
    else await this.sub.quit().catch(() => this.sub.disconnect());
  }
}

export function createRealtimeBus(redisUrl: string | undefined, log?: Logger): RealtimeBus {
  return redisUrl ? new RedisRealtimeBus(redisUrl, log) : new InProcessRealtimeBus(log);
}
