import { and, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';
import { emitMany } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { couponClaims, coupons, type COUPON_SOURCES, couponTemplates } from './schema.ts';

// Handing out coupons. Both limits are guarded writes in the caller's transaction, so parallel claims can neither
// pass a template's total nor a user's limit: the per-user count is an upsert that only increments below the limit,
// and the total is an UPDATE … WHERE issued_count + n <= total_quantity.

const refuseIssue = refusals({
  'claim-limit-reached': '已达到每人限领数量',
  'sold-out': '优惠券已被领完',
  'claim-closed': '不在领取时间内或已停止发放',
});

export type TemplateRow = typeof couponTemplates.$inferSelect;
export type CouponRow = typeof coupons.$inferSelect;
type Source = (typeof COUPON_SOURCES)[number];

const DAY_MS = 86_400_000;

/** The validity of a coupon issued now: the template's fixed window, or N days from now. */
function validityOf(t: TemplateRow, now: Date): { validFrom: Date; validUntil: Date } {
  if (t.validDays !== null) return { validFrom: now, validUntil: new Date(now.getTime() + t.validDays * DAY_MS) };
  return { validFrom: t.validFrom!, validUntil: t.validUntil! };
}

export const claimWindowOpen = (t: TemplateRow, now: Date) =>
  t.status === 'active' && t.claimFrom <= now && now < t.claimUntil;

/**
 * Issues one coupon of the template to each user. Users already at the per-user limit are skipped; if the total
 * left cannot cover the rest, nothing is issued. Runs in the caller's transaction (a refusal must roll it back).
 */
export async function issueCoupons(
  db: Db,
  t: TemplateRow,
  userIds: readonly string[],
  source: Source,
  now: Date,
): Promise<Result<{ issued: CouponRow[]; skipped: string[] }, 'claim-limit-reached' | 'sold-out' | 'claim-closed'>> {
  if (!claimWindowOpen(t, now)) return refuseIssue('claim-closed');
  const wanted = [...new Set(userIds)];
  const counted = await db
    .insert(couponClaims)
    .values(wanted.map((userId) => ({ templateId: t.id, userId, count: 1 })))
    .onConflictDoUpdate({
      target: [couponClaims.templateId, couponClaims.userId],
      set: { count: sql`${couponClaims.count} + 1` },
      setWhere: sql`${couponClaims.count} < ${t.perUserLimit}`,
    })
    .returning({ userId: couponClaims.userId });
  const receivers = new Set(counted.map((r) => r.userId));
  if (receivers.size === 0) return refuseIssue('claim-limit-reached', `每人限领 ${t.perUserLimit} 张`);
  const n = receivers.size;
  const took = await db
    .update(couponTemplates)
    .set({ issuedCount: sql`${couponTemplates.issuedCount} + ${n}` })
    .where(
      and(
        eq(couponTemplates.id, t.id),
        eq(couponTemplates.status, 'active'),
        lte(sql`${couponTemplates.issuedCount} + ${n}`, couponTemplates.totalQuantity),
      ),
    )
    .returning({ issuedCount: couponTemplates.issuedCount });
  if (took.length === 0) {
    const [left] = await db
      .select({ left: sql<number>`${couponTemplates.totalQuantity} - ${couponTemplates.issuedCount}` })
      .from(couponTemplates)
      .where(eq(couponTemplates.id, t.id));
    return refuseIssue('sold-out', n > 1 ? `剩余 ${left?.left ?? 0} 张，不够发给 ${n} 人` : undefined);
  }
  const validity = validityOf(t, now);
  const issued = await db
    .insert(coupons)
    .values(
      [...receivers].map((userId) => ({
        id: newId('cpn'),
        templateId: t.id,
        userId,
        merchantId: t.merchantId,
        source,
        status: 'available' as const,
        ...validity,
        issuedAt: now,
      })),
    )
    .returning();
  await emitMany(
    db,
    issued.map((c) => ({
      type: 'coupon.issued',
      payload: {
        couponId: c.id,
        templateId: t.id,
        userId: c.userId,
        merchantId: c.merchantId,
        source,
        issuedAt: now.toISOString(),
      },
    })),
  );
  return ok({ issued, skipped: wanted.filter((u) => !receivers.has(u)) });
}
