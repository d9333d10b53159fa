import { and, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { couponLabel } from './rules.ts';
import { couponTemplates } from './schema.ts';

/**
 * A merchant's templates that can still be handed out (active, claim window open): what a live room's host or
 * 场控 — who need not be merchant staff — may offer as a lottery prize. Issuance rules still apply at the draw.
 */
export async function activePrizeTemplates(
  db: Db,
  merchantId: string,
  now: Date,
): Promise<{ id: string; name: string; label: string }[]> {
  const rows = await db
    .select()
    .from(couponTemplates)
    .where(
      and(
        eq(couponTemplates.merchantId, merchantId),
        eq(couponTemplates.status, 'active'),
        gt(couponTemplates.claimUntil, now),
      ),
    )
    .orderBy(desc(couponTemplates.id))
    .limit(50);
  return rows.map((t) => ({ id: t.id, name: t.name, label: couponLabel(t) }));
}
