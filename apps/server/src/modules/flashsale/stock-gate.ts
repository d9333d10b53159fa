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
// Beside the counter it keeps what each buyer holds (in flight or won, for HOLDING_TTL_MS) under the per-buyer
// limit: a buyer tapping on two processes at once would otherwise take two units, the database would refuse one as
// over the limit, and by the time that unit came back other buyers had already been told 售罄 — a wave of taps
// left units unsold.

const SEED_TTL_MS = 5_000;
/**
 * A buyer's holding outlives any attempt in flight (and the counter's re-seeds, which happen mid-wave under load);
 * after it, a winner tapping again is refused by the database's limit as before the holdings existed.
 */
const HOLDING_TTL_MS = 30_000;

/**
 * Takes `qty` units for a buyer if the counter has them and the buyer stays within the limit: 1 taken, 0 not
 * enough left, 2 the buyer already holds their limit (in flight or won), -1 no counter yet (seed it).
 * KEYS: counter, the buyer's holding; ARGV: qty, per-buyer limit, holding expiry (ms).
 */
const TAKE = `
local left = redis.call('GET', KEYS[1])
if not left then return -1 end
local held = tonumber(redis.call('GET', KEYS[2]) or '0')
if held + tonumber(ARGV[1]) > tonumber(ARGV[2]) then return 2 end
if tonumber(left) < tonumber(ARGV[1]) then return 0 end
redis.call('DECRBY', KEYS[1], ARGV[1])
redis.call('INCRBY', KEYS[2], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1`;

/** Units back to the counter while it exists (an expired one is re-seeded anyway), and off the buyer's holding. */
const GIVE_BACK = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('INCRBY', KEYS[1], ARGV[1]) end
local held = tonumber(redis.call('GET', KEYS[2]) or '0')
if held > tonumber(ARGV[1]) then redis.call('DECRBY', KEYS[2], ARGV[1]) elseif held > 0 then redis.call('DEL', KEYS[2]) end
return 1`;

export type PreGate = 'taken' | 'sold-out' | 'held' | 'skipped';

const keyOf = (itemId: string) => `flash:${itemId}:left`;
const holdingOf = (itemId: string, userId: string) => `flash:${itemId}:held:${userId}`;
type Attempt = { itemId: string; userId: string; qty: number };

export class FlashStockGate {
  private readonly link: RedisLink;
  constructor(link: RedisLink) {
    this.link = link;
  }

  /** 'skipped' when Redis is not usable: the attempt goes to the database as without the gate. */
  async take(db: Db, attempt: Attempt, perUserLimit: number): Promise<PreGate> {
    if (!this.link.usable) return 'skipped';
    try {
      let taken = await this.run(TAKE, attempt, perUserLimit);
      if (taken === -1) {
        await this.seed(db, attempt.itemId);
        taken = await this.run(TAKE, attempt, perUserLimit);
      }
      return taken === 1 ? 'taken' : taken === 0 ? 'sold-out' : taken === 2 ? 'held' : 'skipped';
    } catch (err) {
      this.link.failed(err);
      return 'skipped';
    }
  }

  /** The attempt was refused for a reason other than stock (limit, eligibility, address, error): units back. */
  async giveBack(attempt: Attempt): Promise<void> {
    if (!this.link.usable) return;
    await this.run(GIVE_BACK, attempt).catch((err: unknown) => this.link.failed(err));
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

  private async run(script: string, a: Attempt, perUserLimit = 0): Promise<number> {
    const keys = [keyOf(a.itemId), holdingOf(a.itemId, a.userId)];
    return Number(await this.link.client.eval(script, 2, ...keys, a.qty, perUserLimit, HOLDING_TTL_MS));
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
