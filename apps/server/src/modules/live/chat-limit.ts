import { RedisLink } from '../../platform/redis.ts';
import type { Deps } from '../../deps.ts';

/** docs/LIVE.md "Rule (chat)": at most 1 message per 2 s and 20 per minute per viewer per session. */
const CHAT_GAP_MS = 2_000;
export const CHAT_PER_MINUTE = 20;

type LimitVerdict = { allowed: true } | { allowed: false; detail: string };

const gapRefusal: LimitVerdict = { allowed: false, detail: `每 ${CHAT_GAP_MS / 1000} 秒最多发送 1 条弹幕` };
const minuteRefusal: LimitVerdict = { allowed: false, detail: `每分钟最多发送 ${CHAT_PER_MINUTE} 条弹幕` };

export interface ChatLimiter {
  take(sessionId: string, userId: string): Promise<LimitVerdict>;
  close(): Promise<void>;
}

/** One process: a map of each viewer's last message and this minute's count, on the injected clock. */
class LocalChatLimiter implements ChatLimiter {
  private readonly seen = new Map<string, { last: number; minute: number; count: number }>();
  private readonly now: () => number;
  constructor(now: () => number) {
    this.now = now;
  }
  take(sessionId: string, userId: string): Promise<LimitVerdict> {
    const key = `${sessionId}|${userId}`;
    const now = this.now();
    const minute = Math.floor(now / 60_000);
    const s = this.seen.get(key);
    if (s && now - s.last < CHAT_GAP_MS) return Promise.resolve(gapRefusal);
    const count = s && s.minute === minute ? s.count : 0;
    if (count >= CHAT_PER_MINUTE) return Promise.resolve(minuteRefusal);
    this.seen.set(key, { last: now, minute, count: count + 1 });
    if (this.seen.size > 100_000) this.prune(now);
    return Promise.resolve({ allowed: true });
  }
  close(): Promise<void> {
    this.seen.clear();
    return Promise.resolve();
  }
  private prune(now: number): void {
    for (const [k, v] of this.seen) if (now - v.last > 60_000) this.seen.delete(k);
  }
}

/**
 * Several processes: the same two counters in Redis (SET NX PX for the gap, INCR + EXPIRE per minute). While Redis
 * does not answer, the in-process limiter stands in (platform/redis.ts): the limit holds per process meanwhile.
 */
class RedisChatLimiter implements ChatLimiter {
  private readonly link: RedisLink;
  private readonly now: () => number;
  private readonly local: LocalChatLimiter;
  constructor(url: string, now: () => number, log: Deps['log'] | undefined) {
    this.link = new RedisLink(url, { log, role: 'live chat limit' });
    this.now = now;
    this.local = new LocalChatLimiter(now);
  }
  async take(sessionId: string, userId: string): Promise<LimitVerdict> {
    if (!this.link.usable) return this.local.take(sessionId, userId);
    try {
      return await this.takeShared(sessionId, userId);
    } catch (err) {
      this.link.failed(err);
      return this.local.take(sessionId, userId);
    }
  }
  private async takeShared(sessionId: string, userId: string): Promise<LimitVerdict> {
    const redis = this.link.client;
    const base = `live:chat:${sessionId}:${userId}`;
    const gap = await redis.set(`${base}:gap`, '1', 'PX', CHAT_GAP_MS, 'NX');
    if (gap === null) return gapRefusal;
    const minuteKey = `${base}:m:${Math.floor(this.now() / 60_000)}`;
    const [[, count]] = (await redis.multi().incr(minuteKey).expire(minuteKey, 61).exec()) as [[null, number], unknown];
    return count > CHAT_PER_MINUTE ? minuteRefusal : { allowed: true };
  }
  async close(): Promise<void> {
    await this.local.close();
    await this.link.close();
  }
}

const limiters = new WeakMap<Deps, ChatLimiter>();
export function chatLimiter(deps: Deps): ChatLimiter {
  let l = limiters.get(deps);
  if (!l) {
    const now = () => deps.clock.now().getTime();
    l = deps.config.REDIS_URL ? new RedisChatLimiter(deps.config.REDIS_URL, now, deps.log) : new LocalChatLimiter(now);
    limiters.set(deps, l);
  }
  return l;
}

export async function closeChatLimiter(deps: Deps): Promise<void> {
  await limiters.get(deps)?.close();
  limiters.delete(deps);
}
