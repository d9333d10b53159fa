import { and, desc, eq, isNull } from 'drizzle-orm';
import { actingMerchant, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { publicProfiles } from '../accounts/api.ts';
import { getMerchantBriefs } from '../catalog/api.ts';
import { brandPartnerships, posts } from './schema.ts';

const refuse = refusals({
  'post-not-by-creator': [422, '该笔记不是这位创作者发布的'],
  'already-sponsored': [409, '该笔记已关联其他品牌合作'],
});

/**
 * A brand records that it pays a creator (品牌合作). Given a post of that creator, the post is labelled 「广告」
 * at once; otherwise the creator attaches it when composing. Nothing the creator does removes the label.
 */
export async function createPartnership(
  ctx: Ctx,
  input: { creatorId: string; title: string; feeAmount: number; postId?: string | undefined },
): Promise<Result<{ id: string; postId: string | null }, 'post-not-by-creator' | 'already-sponsored'>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint);
  return ctx.tx(async (db) => {
    if (!(await publicProfiles(db, [input.creatorId])).has(input.creatorId)) throw notFound('创作者', input.creatorId);
    const id = newId('bpt');
    await db.insert(brandPartnerships).values({
      id,
      merchantId,
      creatorId: input.creatorId,
      title: input.title,
      feeAmount: input.feeAmount,
      createdAt: ctx.now(),
    });
    if (input.postId) {
      const [post] = await db.select().from(posts).where(eq(posts.id, input.postId)).for('update');
      if (!post || post.authorId !== input.creatorId) return refuse('post-not-by-creator');
      const labelled = await db
        .update(posts)
        .set({ partnershipId: id, sponsorMerchantId: merchantId })
        .where(and(eq(posts.id, input.postId), isNull(posts.partnershipId)))
        .returning({ id: posts.id });
      if (labelled.length === 0) return refuse('already-sponsored');
    }
    await emit(db, 'partnership.created', {
      partnershipId: id,
      merchantId,
      creatorId: input.creatorId,
      postId: input.postId ?? null,
    });
    return ok({ id, postId: input.postId ?? null });
  });
}

export interface PartnershipView {
  id: string;
  merchantId: string;
  brandName: string;
  creatorId: string;
  title: string;
  feeAmount: number;
  createdAt: string;
}

/** The creator's partnerships, to attach one when composing. */
export async function listMyPartnerships(ctx: Ctx): Promise<PartnershipView[]> {
  const user = requireUser(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(brandPartnerships)
    .where(eq(brandPartnerships.creatorId, user.userId))
    .orderBy(desc(brandPartnerships.createdAt))
    .limit(100);
  const brands = await getMerchantBriefs(ctx.db, [...new Set(rows.map((r) => r.merchantId))]);
  return rows.map((r) => ({
    id: r.id,
    merchantId: r.merchantId,
    brandName: brands.get(r.merchantId)?.name ?? '品牌方',
    creatorId: r.creatorId,
    title: r.title,
    feeAmount: r.feeAmount,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** The shop's partnerships. */
export async function listMerchantPartnerships(ctx: Ctx): Promise<PartnershipView[]> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint);
  const rows = await ctx.db
    .select()
    .from(brandPartnerships)
    .where(eq(brandPartnerships.merchantId, merchantId))
    .orderBy(desc(brandPartnerships.createdAt))
    .limit(100);
  const brand = (await getMerchantBriefs(ctx.db, [merchantId])).get(merchantId)?.name ?? '品牌方';
  return rows.map((r) => ({
    id: r.id,
    merchantId,
    brandName: brand,
    creatorId: r.creatorId,
    title: r.title,
    feeAmount: r.feeAmount,
    createdAt: r.createdAt.toISOString(),
  }));
}
