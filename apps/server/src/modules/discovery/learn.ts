import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { getMerchantBriefs, getProductBriefs, getProductStock } from '../catalog/api.ts';
import { forgetProducts } from './facts-cache.ts';
import { forgetActivity } from './user-cache.ts';
import { invalidateSharedLists } from './lists.ts';
import { discoveryInteractions, discoveryInterestTags, discoveryItems } from './schema.ts';

// What discovery learns from other modules' events, through their api — never their tables.

/** Interaction weights: a purchase says more than a post tagging the product (cf. model/interactions.ts). */
const WEIGHTS = { bought: 5, posted: 3 } as const;

/** Refreshes discovery's copy of products' features and availability (listed, in stock, shop active). */
export async function syncItems(db: Db, productIds: string[], now: Date): Promise<void> {
  if (productIds.length === 0) return;
  invalidateSharedLists();
  forgetProducts(productIds);
  const briefs = await getProductBriefs(db, productIds);
  const stock = await getProductStock(db, productIds);
  const shops = await getMerchantBriefs(
    db,
    [...briefs.values()].map((b) => b.merchantId),
  );
  for (const b of briefs.values()) {
    const available =
      b.status === 'listed' && (stock.get(b.id) ?? 0) > 0 && shops.get(b.merchantId)?.status === 'active';
    await db
      .insert(discoveryItems)
      .values({
        productId: b.id,
        merchantId: b.merchantId,
        categoryId: b.categoryId,
        listedAt: now,
        available,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: discoveryItems.productId,
        set: { merchantId: b.merchantId, categoryId: b.categoryId, available, updatedAt: now },
      });
  }
}

/**
 * Adds a user's interaction with products (once per source event: a redelivered event changes nothing) and
 * nudges their interest tag for the products' categories at once, so a purchase shows in the feed before the
 * next rebuild. A tag the user deleted is not brought back.
 */
export async function recordInteractions(
  db: Db,
  input: { userId: string; productIds: string[]; kind: 'bought' | 'posted'; at: Date; eventId: string },
): Promise<void> {
  const weight = WEIGHTS[input.kind];
  for (const productId of new Set(input.productIds)) {
    await db
      .insert(discoveryInteractions)
      .values({
        userId: input.userId,
        productId,
        kind: input.kind,
        weight,
        lastAt: input.at,
        lastEventId: input.eventId,
      })
      .onConflictDoUpdate({
        target: [discoveryInteractions.userId, discoveryInteractions.productId, discoveryInteractions.kind],
        set: {
          weight: sql`${discoveryInteractions.weight} + ${weight}`,
          lastAt: sql`greatest(${discoveryInteractions.lastAt}, excluded.last_at)`,
          lastEventId: input.eventId,
        },
        setWhere: sql`${discoveryInteractions.lastEventId} <> ${input.eventId}`,
      });
  }
  // The feeds of the people who follow this user read their latest interactions again (user-cache.ts).
  forgetActivity(input.userId);
  const categories = await db
    .select({ categoryId: discoveryItems.categoryId })
    .from(discoveryItems)
    .where(sql`${discoveryItems.productId} in ${input.productIds}`);
  for (const { categoryId } of categories) {
    await db
      .insert(discoveryInterestTags)
      .values({ userId: input.userId, categoryId, weight: 0.1, updatedAt: input.at })
      .onConflictDoUpdate({
        target: [discoveryInterestTags.userId, discoveryInterestTags.categoryId],
        set: { weight: sql`${discoveryInterestTags.weight} + 0.1`, updatedAt: input.at },
        setWhere: sql`${discoveryInterestTags.deletedAt} is null`,
      });
  }
}
