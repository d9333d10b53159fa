import { and, asc, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
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
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage');
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

export interface MerchantPartnershipView extends PartnershipView {
  creator: { id: string; nickname: string; avatarUrl: string | null };
  /** The posts labelled 「广告」 under this deal (attached by the brand or by the creator when composing). */
  posts: { id: string; title: string; status: string }[];
}

/** The shop's partnerships, newest first, keyset-paginated by id (ids are time-ordered). */
export async function listMerchantPartnerships(
  ctx: Ctx,
  input: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: MerchantPartnershipView[]; nextCursor: string | null }> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage');
  const limit = input.limit ?? 20;
  const rows = await ctx.db
    .select()
    .from(brandPartnerships)
    .where(
      and(
        eq(brandPartnerships.merchantId, merchantId),
        input.cursor ? lt(brandPartnerships.id, input.cursor) : undefined,
      ),
    )
    .orderBy(desc(brandPartnerships.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const brand = (await getMerchantBriefs(ctx.db, [merchantId])).get(merchantId)?.name ?? '品牌方';
  const creators = await publicProfiles(ctx.db, [...new Set(page.map((r) => r.creatorId))]);
  const labelled = page.length
    ? await ctx.db
        .select({ id: posts.id, title: posts.title, status: posts.status, partnershipId: posts.partnershipId })
        .from(posts)
        .where(
          inArray(
            posts.partnershipId,
            page.map((r) => r.id),
          ),
        )
        .orderBy(asc(posts.id))
    : [];
  const items = page.map((r) => ({
    id: r.id,
    merchantId,
    brandName: brand,
    creatorId: r.creatorId,
    creator: {
      id: r.creatorId,
      nickname: creators.get(r.creatorId)?.nickname ?? '已注销用户',
      avatarUrl: creators.get(r.creatorId)?.avatarUrl ?? null,
    },
    title: r.title,
    feeAmount: r.feeAmount,
    posts: labelled
      .filter((p) => p.partnershipId === r.id)
      .map((p) => ({ id: p.id, title: p.title, status: p.status })),
    createdAt: r.createdAt.toISOString(),
  }));
  return { items, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}
