import { createRequire } from 'node:module';
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RedisLink } from './redis.ts';

// @fastify/rate-limit's store contract, and its two stores (the package ships no declarations for them). Counters
// go to Redis while it answers and to the process's own LRU otherwise: a dead Redis neither fails the request
// (the plugin would answer 500) nor switches the limit off (its skipOnError would), the limit just stops being
// shared between processes until Redis returns (docs/SECURITY.md "Redis: an accelerator, not a dependency").

type Counted = { current: number; ttl: number };
type Done = (err: Error | null, res?: Counted) => void;
interface Store {
  incr(key: string, cb: Done, timeWindow: number, max: number): void;
  read?(key: string, cb: Done, timeWindow: number, max: number): void;
  child(routeOptions: object): Store;
}
/** What the plugin passes a store's constructor (its global settings, resolved). */
interface StoreParams {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
}

const require = createRequire(import.meta.url);
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as new (
  continueExceeding: boolean,
  exponentialBackoff: boolean,
  cache?: number,
) => Store;
const RedisStore = require('@fastify/rate-limit/store/RedisStore.js') as new (
  continueExceeding: boolean,
  exponentialBackoff: boolean,
  redis: RedisLink['client'],
  key?: string,
) => Store;

class FallbackStore implements Store {
  private readonly link: RedisLink;
  private readonly shared: Store;
  private readonly local: Store;
  constructor(link: RedisLink, shared: Store, local: Store) {
    this.link = link;
    this.shared = shared;
    this.local = local;
  }

  incr(key: string, cb: Done, timeWindow: number, max: number): void {
    this.run('incr', key, cb, timeWindow, max);
  }

  read(key: string, cb: Done, timeWindow: number, max: number): void {
    this.run('read', key, cb, timeWindow, max);
  }

  child(routeOptions: object): Store {
    return new FallbackStore(this.link, this.shared.child(routeOptions), this.local.child(routeOptions));
  }

  private run(method: 'incr' | 'read', key: string, cb: Done, timeWindow: number, max: number): void {
    const local = () => this.local[method]!(key, cb, timeWindow, max);
    if (!this.link.usable) return local();
    this.shared[method]!(
      key,
      (err, res) => {
        if (!err) return cb(null, res);
        this.link.failed(err);
        local();
      },
      timeWindow,
      max,
    );
  }
}

/** The `store` option for @fastify/rate-limit: Redis through `link` while it answers, in-process otherwise. */
export function fallbackRateLimitStore(link: RedisLink): FastifyRateLimitStoreCtor {
  return class extends FallbackStore {
    constructor(params: StoreParams) {
      super(
        link,
        new RedisStore(params.continueExceeding === true, params.exponentialBackoff === true, link.client),
        new LocalStore(params.continueExceeding === true, params.exponentialBackoff === true),
      );
    }
  };
}
