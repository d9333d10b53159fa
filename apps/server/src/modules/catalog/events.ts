import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { ensureDefaultCategories } from './categories.ts';
import { delistForPenalty } from './patrol-listings.ts';
import { products, skuChargedPrices } from './schema.ts';
import { noteCatalogChange } from './search-index.ts';
import { ensureDefaultSearchWords } from './search-word-lists.ts';

// Published by this module (payload: { productId, merchantId } / { merchantId }):
//   product.created, product.updated, product.listed, product.delisted,
//   merchant.created, merchant.updated, merchant.suspended, merchant.reactivated,
//   merchant.credit-score-set ({ merchantId, score, by })

/** The part of orders' `order.paid` the catalog reads. */
interface OrderPaid {
  orderId: string;
  paidAt: string;
  lines: { skuId: string; productId: string; qty: number; unitPrice: number }[];
}

/** The part of reviews' `review.published` the catalog reads. */
interface ReviewPublished {
  reviewId: string;
  productId: string;
  /** 1–5 stars; null on a follow-up. */
  rating: number | null;
  /** A follow-up (追评) adds words, not a second vote. Absent on first reviews. */
  isFollowUp?: boolean;
}

export function wire(deps: Deps): void {
  // An operator rejected a product's copy in the moderation queue (ad-law findings that needed a person): off sale.
  deps.events.subscribe<{ subjectType: string; subjectId: string; authorId: string; verdict: string }>(
    'moderation.decided',
    'catalog.apply-moderation',
    async (db, { payload: e }) => {
      if (e.subjectType !== 'product' || e.verdict !== 'rejected') return;
      await delistForPenalty(db, { merchantId: e.authorId, productId: e.subjectId, at: deps.clock.now() });
    },
  );
  deps.events.subscribe<OrderPaid>('order.paid', 'catalog.record-sales', (db, event) => recordSales(db, event.payload));
  deps.events.subscribe<ReviewPublished>('review.published', 'catalog.record-rating', (db, event) =>
    recordRating(db, event.payload),
  );
  // A review held as likely fake leaves the product's score until an operator clears it (then it counts again).
  deps.events.subscribe<ReviewHeld>('review.flagged', 'catalog.hold-rating', (db, event) =>
    adjustRating(db, event.payload, -1),
  );
  deps.events.subscribe<ReviewModerated>('review.moderated', 'catalog.restore-rating', async (db, e) => {
    if (e.payload.status === 'cleared') await adjustRating(db, e.payload, 1);
    if (e.payload.status === 'cleared' && e.payload.restoredSale)
      await restoreSale(db, e.payload.restoredSale, e.payload);
    if (e.payload.status === 'removed' && e.payload.fakeSale) await excludeFakeSale(db, e.payload, deps.clock.now());
  });
}

/** The part of reviews' `review.flagged` / `review.moderated` the catalog reads. */
interface ReviewHeld {
  productId: string;
  rating: number | null;
}

interface ReviewModerated extends ReviewHeld {
  status: string;
  /** The purchase behind a review removed as fake (absent on events from before sales were excluded). */
  fakeSale?: { orderId: string; skuId: string; qty: number } | null;
  /** A removed review reinstated on appeal: its purchase, taken out of 已售 as fake, counts again. */
  restoredSale?: { orderId: string; skuId: string; qty: number } | null;
}

/**
 * A confirmed fake sale leaves 已售: once per (SKU, order) — the mark on its charged-price row is the guard — and
 * only if it was counted. Its price also stops being evidence for 划线价.
 */
async function excludeFakeSale(db: Db, e: ReviewModerated, at: Date): Promise<void> {
  const sale = e.fakeSale!;
  if (!Number.isInteger(sale.qty) || sale.qty < 1) return;
  const marked = await db
    .update(skuChargedPrices)
    .set({ fakeSaleAt: at })
    .where(
      and(
        eq(skuChargedPrices.skuId, sale.skuId),
        eq(skuChargedPrices.orderId, sale.orderId),
        isNull(skuChargedPrices.fakeSaleAt),
      ),
    )
    .returning({ skuId: skuChargedPrices.skuId });
  if (marked.length === 0) return;
  await db
    .update(products)
    .set({ salesCount: sql`greatest(${products.salesCount} - ${sale.qty}, 0)` })
    .where(eq(products.id, e.productId));
  noteCatalogChange();
}

/** Undoes `excludeFakeSale` once: only a row still marked is unmarked, so redelivery adds nothing. */
async function restoreSale(
  db: Db,
  sale: { orderId: string; skuId: string; qty: number },
  e: { productId: string },
): Promise<void> {
  if (!Number.isInteger(sale.qty) || sale.qty < 1) return;
  const unmarked = await db
    .update(skuChargedPrices)
    .set({ fakeSaleAt: null })
    .where(
      and(
        eq(skuChargedPrices.skuId, sale.skuId),
        eq(skuChargedPrices.orderId, sale.orderId),
        isNotNull(skuChargedPrices.fakeSaleAt),
      ),
    )
    .returning({ skuId: skuChargedPrices.skuId });
  if (unmarked.length === 0) return;
  await db
    .update(products)
    .set({ salesCount: sql`${products.salesCount} + ${sale.qty}` })
    .where(eq(products.id, e.productId));
  noteCatalogChange();
}

async function adjustRating(db: Db, review: ReviewHeld, sign: 1 | -1): Promise<void> {
  const { rating } = review;
  if (rating === null || !Number.isInteger(rating) || rating < 1 || rating > 5) return;
  await db
    .update(products)
    // No clamping: a hold may be delivered before its review.published, and the two must still add up.
    .set({
      ratingCount: sql`${products.ratingCount} + ${sign}`,
      ratingSum: sql`${products.ratingSum} + ${sign * rating}`,
    })
    .where(eq(products.id, review.productId));
  noteCatalogChange();
}

/**
 * Counts the units sold and keeps the unit prices charged (the evidence for 划线价). Keyed by (SKU, order): an
 * order paid twice over — a redelivered or re-emitted event — counts once.
 */
async function recordSales(db: Db, paid: OrderPaid): Promise<void> {
  const bySku = new Map<string, { productId: string; qty: number; unitPrice: number }>();
  for (const line of paid.lines) {
    const seen = bySku.get(line.skuId);
    bySku.set(line.skuId, {
      productId: line.productId,
      qty: (seen?.qty ?? 0) + line.qty,
      unitPrice: Math.min(seen?.unitPrice ?? line.unitPrice, line.unitPrice),
    });
  }
  if (bySku.size === 0) return;
  const chargedAt = new Date(paid.paidAt);
  const inserted = await db
    .insert(skuChargedPrices)
    .values([...bySku].map(([skuId, l]) => ({ skuId, orderId: paid.orderId, unitPrice: l.unitPrice, chargedAt })))
    .onConflictDoNothing()
    .returning({ skuId: skuChargedPrices.skuId });
  const soldPerProduct = new Map<string, number>();
  for (const { skuId } of inserted) {
    const line = bySku.get(skuId)!;
    soldPerProduct.set(line.productId, (soldPerProduct.get(line.productId) ?? 0) + line.qty);
  }
  for (const [productId, qty] of [...soldPerProduct].sort(([a], [b]) => a.localeCompare(b))) {
    await db
      .update(products)
      .set({ salesCount: sql`${products.salesCount} + ${qty}` })
      .where(eq(products.id, productId));
    noteCatalogChange();
  }
}

/** First reviews count towards the product's rating; follow-ups and out-of-range ratings do not. */
async function recordRating(db: Db, review: ReviewPublished): Promise<void> {
  const { rating } = review;
  if (review.isFollowUp === true || rating === null || !Number.isInteger(rating) || rating < 1 || rating > 5) return;
  await db
    .update(products)
    .set({ ratingCount: sql`${products.ratingCount} + 1`, ratingSum: sql`${products.ratingSum} + ${rating}` })
    .where(eq(products.id, review.productId));
  noteCatalogChange();
}

/** At start, after migrations: the default category tree. */
export async function initCatalog(deps: Deps): Promise<void> {
  await ensureDefaultCategories(deps.database.db);
  await ensureDefaultSearchWords(deps.database.db, deps.clock.now());
}
