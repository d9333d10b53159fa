import { and, desc, eq, gt, inArray, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { getMerchantBriefs, getPublicProduct } from '../catalog/api.ts';
import { claimWindowOpen, issueCoupons, type TemplateRow } from './issue.ts';
import { hasPaid } from './redemption.ts';
import { couponClaims, couponNewUserPacks, coupons, couponTemplates } from './schema.ts';
import { templateFields } from './templates.ts';

// The shopper's side: the claim centre (领券中心), claiming, the new-user pack and "my coupons".

const refuse = refusals({
  'not-claimable': '这张券不能在领券中心领取',
  'not-new-user': [409, '新人礼包仅限尚未下过单的新用户领取'],
  'pack-claimed': '新人礼包已领取',
  'no-new-user-pack': '暂无新人礼包',
});

export type CenterTemplateDto = ReturnType<typeof templateFields> & {
  merchantName: string | null;
  issuedCount: number;
  soldOut: boolean;
  claimedByMe: number;
  canClaim: boolean;
};

async function centerDtos(ctx: Ctx, rows: TemplateRow[]): Promise<CenterTemplateDto[]> {
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : undefined;
  const mine =
    userId && rows.length
      ? await ctx.db
          .select()
          .from(couponClaims)
          .where(
            and(
              eq(couponClaims.userId, userId),
              inArray(
                couponClaims.templateId,
                rows.map((r) => r.id),
              ),
            ),
          )
      : [];
  const names = await getMerchantBriefs(ctx.db, [
    ...new Set(rows.flatMap((r) => (r.merchantId ? [r.merchantId] : []))),
  ]);
  return rows.map((t) => {
    const claimedByMe = mine.find((m) => m.templateId === t.id)?.count ?? 0;
    const soldOut = t.issuedCount >= t.totalQuantity;
    return {
      ...templateFields(t),
      merchantName: t.merchantId ? (names.get(t.merchantId)?.name ?? null) : null,
      issuedCount: t.issuedCount,
      soldOut,
      claimedByMe,
      canClaim: !soldOut && claimedByMe < t.perUserLimit,
    };
  });
}

/** Public coupons open for claiming now, newest first; for a product, only those that apply to it. */
export async function listClaimCenter(
  ctx: Ctx,
  query: {
    merchantId?: string | undefined;
    productId?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: CenterTemplateDto[]; nextCursor: string | null }> {
  const now = ctx.now();
  const filters: (SQL | undefined)[] = [
    eq(couponTemplates.audience, 'public'),
    eq(couponTemplates.status, 'active'),
    lte(couponTemplates.claimFrom, now),
    gt(couponTemplates.claimUntil, now),
    query.cursor ? lt(couponTemplates.id, query.cursor) : undefined,
  ];
  if (query.merchantId) filters.push(eq(couponTemplates.merchantId, query.merchantId));
  let forProduct: { id: string; merchantId: string; categoryId: string } | undefined;
  if (query.productId) {
    const p = await getPublicProduct(ctx, query.productId);
    forProduct = { id: p.id, merchantId: p.merchant.id, categoryId: p.category.id };
    filters.push(or(isNull(couponTemplates.merchantId), eq(couponTemplates.merchantId, forProduct.merchantId)));
  }
  const rows = await ctx.db
    .select()
    .from(couponTemplates)
    .where(and(...filters))
    .orderBy(desc(couponTemplates.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const applicable = forProduct
    ? page.filter(
        (t) =>
          t.scope === 'shop' ||
          (t.scope === 'products' && t.productIds.includes(forProduct.id)) ||
          (t.scope === 'category' && t.categoryIds.includes(forProduct.categoryId)),
      )
    : page;
  return { items: await centerDtos(ctx, applicable), nextCursor: rows.length > query.limit ? page.at(-1)!.id : null };
}

/** The buyer claims one coupon of a public template, within its total and per-user limits. */
export async function claimCoupon(ctx: Ctx, templateId: string): Promise<Result<MyCouponDto>> {
  const user = requireUser(ctx.actor);
  return idempotent(ctx, 'coupons.claim', { templateId }, async (tx) => {
    const [t] = await tx.select().from(couponTemplates).where(eq(couponTemplates.id, templateId));
    if (!t) throw notFound('优惠券');
    if (t.audience !== 'public') return refuse('not-claimable');
    const issued = await issueCoupons(tx, t, [user.userId], 'claim', ctx.now());
    if (!issued.ok) return issued;
    return ok(toMyCoupon(issued.value.issued[0]!, t, ctx.now()));
  });
}

async function newUserTemplates(ctx: Ctx): Promise<TemplateRow[]> {
  const rows = await ctx.db
    .select()
    .from(couponTemplates)
    .where(and(eq(couponTemplates.audience, 'new_user'), eq(couponTemplates.status, 'active')))
    .orderBy(couponTemplates.id);
  return rows.filter((t) => claimWindowOpen(t, ctx.now()) && t.issuedCount < t.totalQuantity);
}

/** Whether the user can still take the new-user pack (never paid an order, not taken yet), and what is in it. */
export async function getNewUserPack(ctx: Ctx) {
  const user = requireUser(ctx.actor);
  const [taken] = await ctx.db.select().from(couponNewUserPacks).where(eq(couponNewUserPacks.userId, user.userId));
  const paid = await hasPaid(ctx.db, user.userId);
  const templates = await newUserTemplates(ctx);
  return {
    eligible: !taken && !paid && templates.length > 0,
    claimedAt: taken?.issuedAt.toISOString() ?? null,
    templates: (await centerDtos(ctx, templates)).map(({ canClaim: _c, claimedByMe: _m, ...t }) => t),
  };
}

/** Hands the whole pack out once per user (the pack row is the guard), skipping templates already gone. */
export async function claimNewUserPack(ctx: Ctx): Promise<Result<MyCouponDto[]>> {
  const user = requireUser(ctx.actor);
  const now = ctx.now();
  return idempotent(ctx, 'coupons.new-user-pack', {}, async (tx) => {
    if (await hasPaid(tx, user.userId)) return refuse('not-new-user');
    const first = await tx
      .insert(couponNewUserPacks)
      .values({ userId: user.userId, issuedAt: now })
      .onConflictDoNothing()
      .returning();
    if (first.length === 0) return refuse('pack-claimed');
    const out: MyCouponDto[] = [];
    for (const t of await newUserTemplates({ ...ctx, db: tx })) {
      const issued = await tx
        .transaction((sp) => issueCoupons(sp, t, [user.userId], 'new_user_pack', now).then(throwIfRefused))
        .catch((err: unknown) => {
          if (err instanceof Skip) return undefined;
          throw err;
        });
      if (issued) out.push(...issued.issued.map((c) => toMyCoupon(c, t, now)));
    }
    if (out.length === 0) return refuse('no-new-user-pack');
    return ok(out);
  });
}

// A template that ran out between listing and issuing is skipped: its savepoint rolls back, the rest of the pack stands.
class Skip extends Error {}
const throwIfRefused = <V>(r: Result<V>): V => {
  if (!r.ok) throw new Skip(r.type);
  return r.value;
};

export const MY_TABS = ['available', 'used', 'expired'] as const;
export type MyTab = (typeof MY_TABS)[number];

export interface MyCouponDto extends ReturnType<typeof templateFields> {
  templateId: string;
  merchantName: string | null;
  status: MyTab;
  couponValidFrom: string;
  couponValidUntil: string;
  usedAt: string | null;
  returnedAt: string | null;
  issuedAt: string;
}

function toMyCoupon(
  c: typeof coupons.$inferSelect,
  t: TemplateRow,
  now: Date,
  merchantName: string | null = null,
): MyCouponDto {
  const status: MyTab = c.status === 'available' && c.validUntil <= now ? 'expired' : c.status;
  return {
    ...templateFields(t),
    id: c.id,
    templateId: t.id,
    merchantName,
    status,
    couponValidFrom: c.validFrom.toISOString(),
    couponValidUntil: c.validUntil.toISOString(),
    usedAt: c.usedAt?.toISOString() ?? null,
    returnedAt: c.returnedAt?.toISOString() ?? null,
    issuedAt: c.issuedAt.toISOString(),
  };
}

/** 我的优惠券: available (still valid), used (locked to an order) or expired, newest first. */
export async function listMyCoupons(
  ctx: Ctx,
  query: { tab: MyTab; cursor?: string | undefined; limit: number },
): Promise<{ items: MyCouponDto[]; nextCursor: string | null; counts: Record<MyTab, number> }> {
  const user = requireUser(ctx.actor);
  const now = ctx.now();
  const byTab: Record<MyTab, SQL> = {
    available: and(eq(coupons.status, 'available'), gt(coupons.validUntil, now))!,
    used: eq(coupons.status, 'used'),
    expired: or(eq(coupons.status, 'expired'), and(eq(coupons.status, 'available'), lte(coupons.validUntil, now)))!,
  };
  const rows = await ctx.db
    .select({ c: coupons, t: couponTemplates })
    .from(coupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, coupons.templateId))
    .where(
      and(eq(coupons.userId, user.userId), byTab[query.tab], query.cursor ? lt(coupons.id, query.cursor) : undefined),
    )
    .orderBy(desc(coupons.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const names = await getMerchantBriefs(ctx.db, [
    ...new Set(page.flatMap((r) => (r.c.merchantId ? [r.c.merchantId] : []))),
  ]);
  const counts = { available: 0, used: 0, expired: 0 };
  const all = await ctx.db
    .select({ status: coupons.status, validUntil: coupons.validUntil })
    .from(coupons)
    .where(eq(coupons.userId, user.userId));
  for (const c of all) counts[c.status === 'available' && c.validUntil <= now ? 'expired' : c.status]++;
  return {
    items: page.map((r) =>
      toMyCoupon(r.c, r.t, now, r.c.merchantId ? (names.get(r.c.merchantId)?.name ?? null) : null),
    ),
    nextCursor: rows.length > query.limit ? page.at(-1)!.c.id : null,
    counts,
  };
}
