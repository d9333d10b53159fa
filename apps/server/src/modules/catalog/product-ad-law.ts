import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { type AdCopyCheck, checkAdCopy } from '../compliance/api.ts';
import { clearPendingReview, queueForReview } from '../moderation/api.ts';
import { categories } from './schema.ts';

type Copy = { title?: string | undefined; subtitle?: string | undefined; description?: string | undefined };

/** A category and its ancestors (the tree is two levels deep): what category-scoped ad-law rules look at. */
async function categoryLineOf(db: Db, categoryId: string): Promise<string[]> {
  const [c] = await db
    .select({ id: categories.id, parentId: categories.parentId })
    .from(categories)
    .where(eq(categories.id, categoryId));
  return c ? [c.id, ...(c.parentId ? [c.parentId] : [])] : [];
}

/** Refuses product copy with a blocking finding under the lexicon in force, for the product's category. */
export async function refuseAdLaw(db: Db, categoryId: string, fields: Copy): Promise<AdCopyCheck> {
  const copy = { title: fields.title, subtitle: fields.subtitle, description: fields.description };
  const check = await checkAdCopy(db, copy, await categoryLineOf(db, categoryId));
  if (check.problem) throw check.problem;
  return check;
}

/**
 * After a save: copy with findings that need a person (获奖, 原价 comparisons …) waits in the moderation queue;
 * copy without them clears an earlier pending item. An operator's rejection delists the product (events.ts).
 */
export async function queueProductReview(
  db: Db,
  product: { id: string; merchantId: string; copy: Copy },
  check: AdCopyCheck,
  at: Date,
): Promise<void> {
  if (check.needsReview.length === 0) return clearPendingReview(db, 'product', product.id);
  const { title = '', subtitle = '', description = '' } = product.copy;
  await queueForReview(db, {
    subjectType: 'product',
    subjectId: product.id,
    authorId: product.merchantId,
    text: [title, subtitle, description].filter(Boolean).join('\n'),
    reasons: ['ad-law-review'],
    matchedWords: check.needsReview,
    lexiconVersion: check.lexiconVersion,
    at,
  });
}
