import { consentRecorder } from '../../platform/privacy.ts';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { forgetCachedFeed } from './feed-cache.ts';
import { forgetActivity, forgetUserRows } from './user-cache.ts';
import { type FeedItem, type RankedItem, type Reason, rerank } from './feed.ts';
import { precomputeUserFeeds } from './precompute.ts';
import { categoryNames, isPersonalised } from './preferences.ts';
import {
  discoveryInteractions,
  discoveryInterestTags,
  discoveryItems,
  discoveryNeighbours,
  discoverySettings,
  discoveryUserFeeds,
} from './schema.ts';

export { discoveryFeed, FEED_RANKERS } from './feed.ts';
export { discoveryHome } from './home.ts';

export async function getRecommendationSettings(
  ctx: Ctx,
): Promise<{ personalised: boolean; updatedAt: string | null }> {
  const user = requireUser(ctx.actor);
  const [row] = await ctx.db.select().from(discoverySettings).where(eq(discoverySettings.userId, user.userId));
  return { personalised: row?.personalised ?? true, updatedAt: row?.updatedAt.toISOString() ?? null };
}

/** Stored at once and read on every request: the next feed already follows the choice. */
export async function setRecommendationSettings(
  ctx: Ctx,
  input: { personalised: boolean },
): Promise<{ personalised: boolean; updatedAt: string | null }> {
  const user = requireUser(ctx.actor);
  const now = ctx.now();
  await ctx.tx(async (db) => {
    await db
      .insert(discoverySettings)
      .values({ userId: user.userId, personalised: input.personalised, updatedAt: now })
      .onConflictDoUpdate({
        target: discoverySettings.userId,
        set: { personalised: input.personalised, updatedAt: now },
      });
    // Whichever page the switch was flipped on, the consent history has it (docs/PRIVACY.md "Consent").
    await consentRecorder.use()(db, {
      userId: user.userId,
      purpose: 'personalisation',
      granted: input.personalised,
      at: now,
    });
  });
  forgetCachedFeed(user.userId);
  return { personalised: input.personalised, updatedAt: now.toISOString() };
}

export interface InterestTag {
  tag: string;
  name: string;
  /** Share of the user's recent activity in this category, 0…1. */
  weight: number;
}

/** The interest tags personalisation uses, strongest first (the ones the user deleted are not shown or used). */
export async function listInterestTags(ctx: Ctx): Promise<{ items: InterestTag[] }> {
  const user = requireUser(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(discoveryInterestTags)
    .where(and(eq(discoveryInterestTags.userId, user.userId), isNull(discoveryInterestTags.deletedAt)))
    .orderBy(desc(discoveryInterestTags.weight));
  const names = await categoryNames(ctx);
  const total = rows.reduce((a, r) => a + r.weight, 0) || 1;
  return {
    items: rows.map((r) => ({
      tag: r.categoryId,
      name: names.get(r.categoryId) ?? r.categoryId,
      weight: Math.round((r.weight / total) * 100) / 100,
    })),
  };
}

/** Deleting a tag is for good: the rebuild job does not bring it back, and the feed stops using it at once. */
export async function deleteInterestTag(ctx: Ctx, tag: string): Promise<void> {
  const user = requireUser(ctx.actor);
  const deleted = await ctx.db
    .update(discoveryInterestTags)
    .set({ deletedAt: ctx.now(), weight: 0 })
    .where(
      and(
        eq(discoveryInterestTags.userId, user.userId),
        eq(discoveryInterestTags.categoryId, tag),
        isNull(discoveryInterestTags.deletedAt),
      ),
    )
    .returning({ tag: discoveryInterestTags.categoryId });
  if (deleted.length === 0) throw notFound('兴趣标签', tag);
  // The category source stops at once: the user's candidates are recomputed without the tag.
  await precomputeUserFeeds(ctx.db, [user.userId], ctx.now());
  forgetCachedFeed(user.userId);
}

/**
 * "Delete my behaviour history / interest tags" from the privacy centre: what was learned goes, the switch stays.
 * Tags are marked deleted rather than removed so the nightly rebuild does not bring them back.
 */
export async function forgetDiscoveryHistory(
  db: Db,
  userId: string,
  what: { interactions: boolean; tags: boolean },
  now: Date,
): Promise<number> {
  let n = 0;
  if (what.interactions) {
    n += (await db.delete(discoveryInteractions).where(eq(discoveryInteractions.userId, userId)).returning()).length;
  }
  if (what.tags) {
    const tags = await db
      .update(discoveryInterestTags)
      .set({ deletedAt: now, weight: 0 })
      .where(and(eq(discoveryInterestTags.userId, userId), isNull(discoveryInterestTags.deletedAt)))
      .returning();
    n += tags.length;
  }
  // The precomputed candidates were derived from what just went; the next feed recomputes them.
  await db.delete(discoveryUserFeeds).where(eq(discoveryUserFeeds.userId, userId));
  forgetCachedFeed(userId);
  forgetUserRows([userId]);
  forgetActivity(userId);
  return n;
}

/** Personal-information deletion (account cancellation): everything discovery learned about the user. */
export async function forgetDiscoveryUser(db: Db, userId: string): Promise<void> {
  await db.delete(discoveryInteractions).where(eq(discoveryInteractions.userId, userId));
  await db.delete(discoveryInterestTags).where(eq(discoveryInterestTags.userId, userId));
  await db.delete(discoverySettings).where(eq(discoverySettings.userId, userId));
  await db.delete(discoveryUserFeeds).where(eq(discoveryUserFeeds.userId, userId));
  forgetCachedFeed(userId);
  forgetUserRows([userId]);
  forgetActivity(userId);
}

/**
 * 看了又看 (similar: co-interaction neighbours) and 买了又买 (bought-together: co-purchase neighbours) of a
 * product, from the precomputed rows; when there are none yet, the category's bestsellers and new arrivals.
 * Personalised: what the user already bought is left out and their interest categories come first. Off: the
 * same list for everyone.
 */
export async function productRecommendations(
  ctx: Ctx,
  productId: string,
  input: { kind: 'similar' | 'bought-together'; limit: number },
): Promise<{ personalised: boolean; items: FeedItem[] }> {
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const personalised = userId !== null && (await isPersonalised(ctx.db, userId));
  const [self] = await ctx.db.select().from(discoveryItems).where(eq(discoveryItems.productId, productId));
  if (!self) throw notFound('商品', productId);
  const kind = input.kind === 'similar' ? 'similar' : 'together';
  const neighbours = await ctx.db
    .select()
    .from(discoveryNeighbours)
    .where(and(eq(discoveryNeighbours.productId, productId), eq(discoveryNeighbours.kind, kind)))
    .orderBy(discoveryNeighbours.rank);
  const reason: Reason =
    kind === 'together'
      ? {
          kind: 'together',
          text: '买了又买',
          detail: '买过这件的人也买了（由全站的共同购买计算）。',
          anchorProductId: productId,
        }
      : {
          kind: 'similar',
          text: '看了又看',
          detail: '喜欢这件的人也喜欢（由全站的共同购买与推荐计算）。',
          anchorProductId: productId,
        };
  let ranked: RankedItem[] = neighbours.map((n) => ({ productId: n.neighbourId, merchantId: '', reason }));
  if (ranked.length < input.limit) {
    const name = (await categoryNames(ctx)).get(self.categoryId) ?? '同类';
    const sameCategory = await ctx.db
      .select()
      .from(discoveryItems)
      .where(and(eq(discoveryItems.categoryId, self.categoryId), eq(discoveryItems.available, true)))
      .orderBy(desc(discoveryItems.popularity), desc(discoveryItems.listedAt))
      .limit(input.limit * 3);
    const category: Reason = {
      kind: 'category',
      text: `同类「${name}」好物`,
      detail: `和这件同属「${name}」类目的在售商品，按近期热度排序。`,
      categoryId: self.categoryId,
    };
    ranked = [
      ...ranked,
      ...sameCategory.map((r) => ({ productId: r.productId, merchantId: r.merchantId, reason: category })),
    ];
  }
  ranked = ranked.filter((r) => r.productId !== productId);
  if (personalised) {
    const had = await ctx.db
      .select({ productId: discoveryInteractions.productId })
      .from(discoveryInteractions)
      .where(and(eq(discoveryInteractions.userId, userId), eq(discoveryInteractions.kind, 'bought')));
    const bought = new Set(had.map((h) => h.productId));
    const tags = await ctx.db
      .select({ categoryId: discoveryInterestTags.categoryId })
      .from(discoveryInterestTags)
      .where(and(eq(discoveryInterestTags.userId, userId), isNull(discoveryInterestTags.deletedAt)));
    const liked = new Set(tags.map((t) => t.categoryId));
    const categories = await ctx.db
      .select({ productId: discoveryItems.productId, categoryId: discoveryItems.categoryId })
      .from(discoveryItems)
      .where(inArray(discoveryItems.productId, ranked.map((r) => r.productId).concat([''])));
    const categoryOf = new Map(categories.map((c) => [c.productId, c.categoryId]));
    const rank = (id: string) => (liked.has(categoryOf.get(id) ?? '') ? 0 : 1);
    ranked = ranked.filter((r) => !bought.has(r.productId));
    ranked = ranked
      .map((r, i) => ({ r, i }))
      .sort((a, b) => rank(a.r.productId) - rank(b.r.productId) || a.i - b.i)
      .map((x) => x.r);
  }
  const items = (await rerank(ctx.db, ranked)).slice(0, input.limit);
  return { personalised, items };
}
