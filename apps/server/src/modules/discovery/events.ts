import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { forgetShop } from './facts-cache.ts';
import { invalidateSharedLists } from './lists.ts';
import { forgetFollows } from './people-cache.ts';
import { recordInteractions, syncItems } from './learn.ts';
import { dropUserFeed } from './precompute.ts';
import { lastBuildAt, rebuildDiscovery } from './rebuild.ts';

// Subscribed: product.created / listed / delisted / updated (features and availability, via catalog's api),
// merchant.suspended / reactivated (drops this process's copy of the shop's facts),
// order.paid (purchases; the lines' stock may have run out), post.created (a published post tagging products).
// Job: discovery.rebuild every DISCOVERY_REBUILD_MINUTES (30) and shortly after start — neighbours, popularity,
// interest tags from the model code, then each user's candidates (precompute.ts; a purchase or post drops the
// user's row, recomputed on their next feed). Serving only reads what it wrote.

const REBUILD_JOB = 'discovery.rebuild';
const EVERY_MS = 30 * 60_000;

type ProductEvent = { productId: string };
type OrderPaid = { userId: string; paidAt: string; lines: { productId: string }[] };
type PostCreated = { authorId: string; status: string; productIds: string[] };

async function scheduleRebuild(deps: Deps, db: Db, runAt: Date): Promise<void> {
  await deps.jobs.enqueue(db, REBUILD_JOB, {}, { runAt, key: `${REBUILD_JOB}:${runAt.toISOString()}` });
}

export function wireDiscovery(deps: Deps): void {
  for (const type of ['product.created', 'product.listed', 'product.delisted', 'product.updated']) {
    deps.events.subscribe<ProductEvent>(type, `discovery.item-on-${type}`, (db, e) =>
      syncItems(db, [e.payload.productId], deps.clock.now()),
    );
  }
  // A suspended shop's products leave the feed at once in this process (facts-cache.ts).
  for (const type of ['merchant.suspended', 'merchant.reactivated']) {
    deps.events.subscribe<{ merchantId: string }>(type, `discovery.shop-on-${type}`, async (_db, e) =>
      forgetShop(e.payload.merchantId),
    );
  }
  // Who follows whom is kept in memory (people-cache.ts): a follow or unfollow drops the follower's entry at once.
  for (const type of ['follow.created', 'follow.deleted']) {
    deps.events.subscribe<{ followerId: string }>(type, `discovery.follows-on-${type}`, async (_db, e) =>
      forgetFollows(e.payload.followerId),
    );
  }
  // The home feed's posts and sessions on air (home.ts) are shared lists: a new post or session shows at once here.
  for (const type of ['live.started', 'live.ended']) {
    deps.events.subscribe(type, `discovery.home-on-${type}`, async () => invalidateSharedLists());
  }
  deps.events.subscribe<OrderPaid>('order.paid', 'discovery.bought', async (db, e) => {
    const productIds = e.payload.lines.map((l) => l.productId);
    await syncItems(db, productIds, deps.clock.now());
    await recordInteractions(db, {
      userId: e.payload.userId,
      productIds,
      kind: 'bought',
      at: new Date(e.payload.paidAt),
      eventId: e.id,
    });
    // Incremental: this buyer's candidates are recomputed from the new purchase on their next feed, not at the
    // next rebuild (one statement here, so a burst of orders costs the handler nothing more).
    await dropUserFeed(db, e.payload.userId);
  });
  deps.events.subscribe<PostCreated>('post.created', 'discovery.posted', async (db, e) => {
    if (e.payload.status !== 'published') return;
    invalidateSharedLists();
    if (e.payload.productIds.length === 0) return;
    await recordInteractions(db, {
      userId: e.payload.authorId,
      productIds: e.payload.productIds,
      kind: 'posted',
      at: deps.clock.now(),
      eventId: e.id,
    });
    await dropUserFeed(db, e.payload.authorId);
  });
  deps.jobs.register(REBUILD_JOB, async (db) => {
    const now = deps.clock.now();
    // A restart soon after a build (another process's, or this one's before a deploy) needs no second one.
    const last = await lastBuildAt(db);
    if (!last || now.getTime() - last.getTime() >= EVERY_MS - 5 * 60_000) await rebuildDiscovery(db, now);
    await scheduleRebuild(deps, db, new Date((Math.floor(now.getTime() / EVERY_MS) + 1) * EVERY_MS));
  });
}

/** The first rebuild shortly after start (the seed's and last run's events), then every 30 minutes. */
export async function initDiscovery(deps: Deps): Promise<void> {
  await scheduleRebuild(deps, deps.database.db, new Date(deps.clock.now().getTime() + 10_000));
}
