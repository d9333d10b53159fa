import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { resolveRule } from './rules.ts';
import { affiliateLinks } from './schema.ts';

/**
 * A promoter (分销员) is a user who has opened 分享赚 by making at least one affiliate link: the platform has no
 * separate approval step, so having a link is the opt-in.
 *
 * The first of `candidates` (in order of precedence) who is a promoter, and that promoter's affiliate code for
 * the product: their existing link, or one made now when the product can be promoted (listed, with a commission
 * rule) — the same link 分享赚 would make, so commission then follows the ordinary rules for that code.
 * Undefined when no candidate is a promoter or the product pays no commission. Attribution calls this to put a
 * creator's or sharer's code on a touch from a post or a share link.
 */
export async function promoterCodeFor(
  db: Db,
  candidates: string[],
  productId: string,
  at: Date,
): Promise<string | undefined> {
  const promoterId = await firstPromoter(db, [...new Set(candidates)]);
  if (!promoterId) return undefined;
  const existing = await codeOf(db, promoterId, productId);
  if (existing) return existing;
  const product = (await getProductBriefs(db, [productId])).get(productId);
  if (!product || product.status !== 'listed') return undefined;
  const rule = await resolveRule(db, { merchantId: product.merchantId, productId, categoryId: product.categoryId });
  if (!rule || rule.rateBp === 0) return undefined;
  await db
    .insert(affiliateLinks)
    .values({ id: newId('aff'), code: randomBytes(6).toString('base64url'), promoterId, productId, createdAt: at })
    .onConflictDoNothing({ target: [affiliateLinks.promoterId, affiliateLinks.productId] });
  return codeOf(db, promoterId, productId);
}

async function firstPromoter(db: Db, ids: string[]): Promise<string | undefined> {
  for (const id of ids) {
    const [row] = await db
      .select({ id: affiliateLinks.id })
      .from(affiliateLinks)
      .where(eq(affiliateLinks.promoterId, id))
      .limit(1);
    if (row) return id;
  }
  return undefined;
}

async function codeOf(db: Db, promoterId: string, productId: string): Promise<string | undefined> {
  const [link] = await db
    .select({ code: affiliateLinks.code })
    .from(affiliateLinks)
    .where(and(eq(affiliateLinks.promoterId, promoterId), eq(affiliateLinks.productId, productId)));
  return link?.code;
}
