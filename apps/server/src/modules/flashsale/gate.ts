import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { flashItems, flashSales } from './schema.ts';

/** What the purchase path needs to know about an item before it may touch the database. */
export interface FlashItemView {
  itemId: string;
  saleId: string;
  merchantId: string;
  skuId: string;
  productId: string;
  flashPrice: number;
  regularPrice: number;
  quantity: number;
  perUserLimit: number;
  startsAt: Date;
  endsAt: Date;
  payWindowSeconds: number;
  minTier: string | null;
  communityId: string | null;
  memberEarlyAccess: boolean;
  saleStatus: 'scheduled' | 'cancelled';
}

// How stale the cached view may be, and how long a "sold out" seen by this process is believed: units return
// when unpaid purchases expire, and this process hears of that at once, other processes within a second.
const VIEW_TTL_MS = 2000;
const SOLD_OUT_TTL_MS = 1000;

/**
 * The per-process front door of the flash sale: everything that can refuse a request without the database —
 * not started yet (also on a member-early-access slot until the earliest tier opens), ended, sold out, same buyer already in flight — answers from memory, so a crowd arriving early
 * or after the last unit costs no queries. The database stays the only judge of stock and limits.
 */
export class FlashGate {
  private readonly views = new Map<
    string,
    { view: FlashItemView | null; loadedAt: number; loading?: Promise<FlashItemView | null> }
  >();
  private readonly soldOutSeenAt = new Map<string, number>();
  private readonly inFlight = new Set<string>();

  async view(db: Db, itemId: string): Promise<FlashItemView | null> {
    const cached = this.views.get(itemId);
    const now = performance.now();
    if (cached && now - cached.loadedAt < VIEW_TTL_MS) return cached.view;
    if (cached?.loading) return cached.loading;
    const loading = loadView(db, itemId).then(
      (view) => {
        this.views.set(itemId, { view, loadedAt: performance.now() });
        return view;
      },
      (err: unknown) => {
        this.views.delete(itemId);
        throw err;
      },
    );
    this.views.set(itemId, { view: cached?.view ?? null, loadedAt: cached?.loadedAt ?? -Infinity, loading });
    return loading;
  }

  forget(itemId: string): void {
    this.views.delete(itemId);
    this.soldOutSeenAt.delete(itemId);
  }

  isSoldOut(itemId: string): boolean {
    const seen = this.soldOutSeenAt.get(itemId);
    return seen !== undefined && performance.now() - seen < SOLD_OUT_TTL_MS;
  }

  markSoldOut(itemId: string): void {
    this.soldOutSeenAt.set(itemId, performance.now());
  }

  /** Units came back (an unpaid purchase expired): the next buyer must reach the database again. */
  unitsReturned(itemId: string): void {
    this.soldOutSeenAt.delete(itemId);
  }

  /** At most one attempt per buyer and item in flight in this process; a double tap gets "in progress". */
  enter(itemId: string, userId: string): boolean {
    const key = `${itemId}:${userId}`;
    if (this.inFlight.has(key)) return false;
    this.inFlight.add(key);
    return true;
  }

  leave(itemId: string, userId: string): void {
    this.inFlight.delete(`${itemId}:${userId}`);
  }
}

const gates = new WeakMap<Deps, FlashGate>();
export function flashGate(deps: Deps): FlashGate {
  let gate = gates.get(deps);
  if (!gate) {
    gate = new FlashGate();
    gates.set(deps, gate);
  }
  return gate;
}

async function loadView(db: Db, itemId: string): Promise<FlashItemView | null> {
  const [row] = await db
    .select({
      itemId: flashItems.id,
      saleId: flashItems.saleId,
      merchantId: flashItems.merchantId,
      skuId: flashItems.skuId,
      productId: flashItems.productId,
      flashPrice: flashItems.flashPrice,
      regularPrice: flashItems.regularPrice,
      quantity: flashItems.quantity,
      perUserLimit: flashItems.perUserLimit,
      startsAt: flashSales.startsAt,
      endsAt: flashSales.endsAt,
      payWindowSeconds: flashSales.payWindowSeconds,
      minTier: flashSales.minTier,
      communityId: flashSales.communityId,
      memberEarlyAccess: flashSales.memberEarlyAccess,
      saleStatus: flashSales.status,
    })
    .from(flashItems)
    .innerJoin(flashSales, eq(flashSales.id, flashItems.saleId))
    .where(eq(flashItems.id, itemId));
  return row ?? null;
}
