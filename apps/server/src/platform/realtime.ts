import { Redis } from 'ioredis';
import type { Logger } from 'pino';

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
 * Two connections, as Redis requires: one publishes, one is in subscriber mode; both connect on first use, so scripts that never publish open nothing. A message published here comes
 * back through Redis like everyone else's, so local and remote subscribers see the same single copy.
 */
export class RedisRealtimeBus implements RealtimeBus {
  readonly kind = 'redis' as const;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers: Handlers;
  private readonly log: Logger | undefined;
  constructor(url: string, log?: Logger) {
    this.log = log;
    this.handlers = new Handlers(log);
    this.pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { lazyConnect: true });
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
    for (const conn of [this.pub, this.sub]) conn.on('error', (err) => this.log?.warn({ err }, 'realtime redis error'));
  }

  async publish(channel: string, message: unknown): Promise<void> {
    await this.pub.publish(channel, JSON.stringify(message));
  }

  /** Resolves once Redis has confirmed every subscription asked for so far: commands on one connection run in order. */
  async ready(): Promise<void> {
    await this.sub.ping();
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
    // A connection never used is still waiting to connect: there is nothing to say goodbye to.
    await Promise.allSettled(
      [this.pub, this.sub].map((c) => (c.status === 'wait' ? Promise.resolve(c.disconnect()) : c.quit())),
    );
  }
}

export function createRealtimeBus(redisUrl: string | undefined, log?: Logger): RealtimeBus {
  return redisUrl ? new RedisRealtimeBus(redisUrl, log) : new InProcessRealtimeBus(log);
}
