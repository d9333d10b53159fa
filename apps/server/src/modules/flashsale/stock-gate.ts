import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import type { RedisLink } from '../../platform/redis.ts';
import { flashItems } from './schema.ts';

// The Redis pre-gate of a flash sale (when REDIS_URL is set): a counter of the units not yet claimed, shared by
// every process, so that attempts beyond the remaining stock are refused before they reach PostgreSQL. It only
// ever refuses early; PostgreSQL's guarded update stays the one judge of stock, so the counter being wrong in
// either direction can cost efficiency, never an oversold unit or a lost acknowledged order:
// - too high (seeded while purchases were in flight, units returned twice): more attempts reach the database,
//   which refuses them as it did before the gate existed;
// - too low (a process died between taking a unit here and giving back a refused one): the key expires after
//   SEED_TTL_MS and is seeded again from the committed `quantity − sold`, so leaked units come back within seconds.

const SEED_TTL_MS = 5_000;

/** Takes `qty` units if the counter has them: 1 taken, 0 not enough left, -1 no counter yet (seed it). */
const TAKE = `
local left = redis.call('GET', KEYS[1])
if not left then return -1 end
if tonumber(left) < tonumber(ARGV[1]) then return 0 end
redis.call('DECRBY', KEYS[1], ARGV[1])
return 1`;

/** Gives units back only while the counter exists (an expired one is re-seeded from the database anyway). */
const GIVE_BACK = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('INCRBY', KEYS[1], ARGV[1]) end
return 1`;

export type PreGate = 'taken' | 'sold-out' | 'skipped';

const keyOf = (itemId: string) => `flash:${itemId}:left`;

export class FlashStockGate {
  private readonly link: RedisLink;
  constructor(link: RedisLink) {
    this.link = link;
  }

  /** 'skipped' when Redis is not usable: the attempt goes to the database as without the gate. */
  async take(db: Db, itemId: string, qty: number): Promise<PreGate> {
    if (!this.link.usable) return 'skipped';
    try {
      let taken = await this.run(TAKE, itemId, qty);
      if (taken === -1) {
        await this.seed(db, itemId);
        taken = await this.run(TAKE, itemId, qty);
      }
      return taken === 1 ? 'taken' : taken === 0 ? 'sold-out' : 'skipped';
    } catch (err) {
      this.link.failed(err);
      return 'skipped';
    }
  }

  /** The attempt was refused for a reason other than stock (limit, eligibility, address, error): units back. */
  async giveBack(itemId: string, qty: number): Promise<void> {
    if (!this.link.usable) return;
    await this.run(GIVE_BACK, itemId, qty).catch((err: unknown) => this.link.failed(err));
  }

  /** Units came back to the pool, or the item changed: the next attempt seeds the counter from the database. */
  async forget(itemId: string): Promise<void> {
    if (!this.link.usable) return;
    await this.link.client.del(keyOf(itemId)).catch((err: unknown) => this.link.failed(err));
  }

  private async seed(db: Db, itemId: string): Promise<void> {
    const [row] = await db
      .select({ left: sql<number>`${flashItems.quantity} - ${flashItems.sold}` })
      .from(flashItems)
      .where(eq(flashItems.id, itemId));
    // NX: when several processes seed at once the first wins and the others' takes count down from it.
    await this.link.client.set(keyOf(itemId), Math.max(0, row?.left ?? 0), 'PX', SEED_TTL_MS, 'NX');
  }

  private async run(script: string, itemId: string, qty: number): Promise<number> {
    return Number(await this.link.client.eval(script, 1, keyOf(itemId), qty));
  }
}

const gates = new WeakMap<Deps, FlashStockGate | null>();
/** The process's stock gate, or undefined without Redis. */
export function flashStockGate(deps: Deps): FlashStockGate | undefined {
  let gate = gates.get(deps);
  if (gate === undefined) {
    gate = deps.redis ? new FlashStockGate(deps.redis) : null;
    gates.set(deps, gate);
  }
  return gate ?? undefined;
}
