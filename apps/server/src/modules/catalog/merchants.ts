import { and, desc, eq, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import { actingMerchant, requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { createUser, findUserIdByPhone, grantStaffRole } from '../accounts/api.ts';
import { decodeCursor, likeEscape, type Page, pageOf } from './cursor.ts';
import { merchants, products } from './schema.ts';
import { noteCatalogChange } from './search-index.ts';

export interface RatingSummary {
  /** Mean of first reviews, one decimal; null before the first review. */
  average: number | null;
  count: number;
}

/** What a shopper sees of a shop. */
export interface MerchantCard {
  id: string;
  name: string;
  logoUrl: string | null;
  description: string;
  productCount: number;
  rating: RatingSummary;
  createdAt: string;
}

/** What the platform operator and the shop's own staff see. */
export interface MerchantView extends MerchantCard {
  status: 'active' | 'suspended';
  creditScore: number;
  /** Every product, drafts and delisted ones included; `productCount` counts listed ones. */
  totalProductCount: number;
}

export const ratingOf = (count: number, sum: number): RatingSummary => ({
  average: count > 0 ? Math.round((sum * 10) / count) / 10 : null,
  count,
});

export interface CreateMerchantInput {
  name: string;
  description?: string;
  logoUrl?: string | null;
  ownerPhone: string;
  ownerNickname?: string;
}

/** The platform operator opens a merchant and names its owner (an existing or new account by phone). */
export async function createMerchant(
  ctx: Ctx,
  input: CreateMerchantInput,
): Promise<MerchantView & { ownerUserId: string }> {
  if (ctx.actor.kind !== 'system') requireOperator(ctx.actor);
  const { id, ownerUserId } = await ctx.tx(async (tx) => {
    const now = ctx.now();
    const ownerUserId =
      (await findUserIdByPhone(ctx.deps, tx, input.ownerPhone)) ??
      (
        await createUser(ctx.deps, tx, {
          phone: input.ownerPhone,
          now,
          ...(input.ownerNickname ? { nickname: input.ownerNickname } : {}),
        })
      ).id;
    const id = newId('mer');
    await tx.insert(merchants).values({
      id,
      name: input.name,
      description: input.description ?? '',
      logoUrl: input.logoUrl ?? null,
      createdAt: now,
    });
    await grantStaffRole(tx, { userId: ownerUserId, merchantId: id, role: 'owner', now });
    await emit(tx, 'merchant.created', { merchantId: id, ownerUserId });
    return { id, ownerUserId };
  });
  return { ...(await loadMerchantView(ctx.db, id)), ownerUserId };
}

/** Every merchant for the operator, newest first, with product counts. */
export async function listMerchants(
  ctx: Ctx,
  query: {
    status?: 'active' | 'suspended' | undefined;
    q?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<MerchantView>> {
  requireOperator(ctx.actor);
  const after = decodeCursor(query.cursor, ['string'] as const);
  const rows = await ctx.db
    .select({ id: merchants.id })
    .from(merchants)
    .where(
      and(
        query.status ? eq(merchants.status, query.status) : undefined,
        query.q ? or(ilike(merchants.name, `%${likeEscape(query.q)}%`), eq(merchants.id, query.q)) : undefined,
        after ? lt(merchants.id, after[0]) : undefined,
      ),
    )
    .orderBy(desc(merchants.id))
    .limit(query.limit + 1);
  const views = await loadMerchantViews(
    ctx.db,
    rows.map((r) => r.id),
  );
  return pageOf(
    rows,
    query.limit,
    (r) => [r.id],
    (r) => views.get(r.id)!,
  );
}

/** Suspending hides the shop and its products from shoppers and stops new orders; nothing is deleted. */
export async function setMerchantStatus(
  ctx: Ctx,
  merchantId: string,
  status: 'active' | 'suspended',
): Promise<MerchantView> {
  const operator = requireOperator(ctx.actor);
  await ctx.tx(async (tx) => {
    const [current] = await tx
      .select({ status: merchants.status })
      .from(merchants)
      .where(eq(merchants.id, merchantId))
      .for('update');
    if (!current) throw notFound('商家', merchantId);
    if (current.status === status) return;
    await tx.update(merchants).set({ status }).where(eq(merchants.id, merchantId));
    noteCatalogChange();
    await emit(tx, status === 'suspended' ? 'merchant.suspended' : 'merchant.reactivated', {
      merchantId,
      by: operator.userId,
    });
  });
  return loadMerchantView(ctx.db, merchantId);
}

/** The public shop card. A suspended shop is not shown. */
export async function getMerchantCard(ctx: Ctx, merchantId: string): Promise<MerchantCard> {
  const card = (await loadMerchantViews(ctx.db, [merchantId])).get(merchantId);
  if (!card || card.status !== 'active') throw notFound('店铺', merchantId);
  return toCard(card);
}

/** The shop profile of the merchant the staff member acts for. */
export async function getOwnProfile(ctx: Ctx): Promise<MerchantView> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'shop.read');
  return loadMerchantView(ctx.db, merchantId);
}

/** Only the owner changes how the shop presents itself. */
export async function updateOwnProfile(
  ctx: Ctx,
  patch: { name?: string; description?: string; logoUrl?: string | null },
): Promise<MerchantView> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'shop.manage');
  const set: Partial<typeof merchants.$inferInsert> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.logoUrl !== undefined) set.logoUrl = patch.logoUrl;
  if (Object.keys(set).length > 0) {
    await ctx.tx(async (tx) => {
      await tx.update(merchants).set(set).where(eq(merchants.id, merchantId));
      noteCatalogChange();
      await emit(tx, 'merchant.updated', { merchantId });
    });
  }
  return loadMerchantView(ctx.db, merchantId);
}

export interface MerchantBrief {
  id: string;
  name: string;
  logoUrl: string | null;
  status: 'active' | 'suspended';
}

/** Names and logos for other modules to show next to orders, posts and reviews. */
export async function getMerchantBriefs(db: Db, ids: string[]): Promise<Map<string, MerchantBrief>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: merchants.id, name: merchants.name, logoUrl: merchants.logoUrl, status: merchants.status })
    .from(merchants)
    .where(inArray(merchants.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

export const toCard = (v: MerchantView): MerchantCard => ({
  id: v.id,
  name: v.name,
  logoUrl: v.logoUrl,
  description: v.description,
  productCount: v.productCount,
  rating: v.rating,
  createdAt: v.createdAt,
});

async function loadMerchantView(db: Db, merchantId: string): Promise<MerchantView> {
  const view = (await loadMerchantViews(db, [merchantId])).get(merchantId);
  if (!view) throw notFound('商家', merchantId);
  return view;
}

export async function loadMerchantViews(db: Db, ids: string[]): Promise<Map<string, MerchantView>> {
  if (ids.length === 0) return new Map();
  const counts = db
    .select({
      merchantId: products.merchantId,
      total: sql<number>`count(*)`.mapWith(Number).as('total'),
      listed: sql<number>`count(*) filter (where ${products.status} = 'listed')`.mapWith(Number).as('listed'),
      ratingCount: sql<number>`coalesce(sum(${products.ratingCount}), 0)`.mapWith(Number).as('rating_count'),
      ratingSum: sql<number>`coalesce(sum(${products.ratingSum}), 0)`.mapWith(Number).as('rating_sum'),
    })
    .from(products)
    .where(inArray(products.merchantId, ids))
    .groupBy(products.merchantId)
    .as('counts');
  const rows = await db
    .select({
      m: merchants,
      total: counts.total,
      listed: counts.listed,
      ratingCount: counts.ratingCount,
      ratingSum: counts.ratingSum,
    })
    .from(merchants)
    .leftJoin(counts, eq(counts.merchantId, merchants.id))
    .where(inArray(merchants.id, ids));
  return new Map(
    rows.map(({ m, total, listed, ratingCount, ratingSum }) => [
      m.id,
      {
        id: m.id,
        name: m.name,
        logoUrl: m.logoUrl,
        description: m.description,
        status: m.status,
        creditScore: m.creditScore,
        productCount: listed ?? 0,
        totalProductCount: total ?? 0,
        rating: ratingOf(ratingCount ?? 0, ratingSum ?? 0),
        createdAt: m.createdAt.toISOString(),
      },
    ]),
  );
}
