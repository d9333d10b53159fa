import { and, eq, isNull, lt, lte } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { delistForExpiredQualification } from '../catalog/api.ts';
import { addDays, shanghaiDay } from '../points/api.ts';
import { backfillQualifications, kindName } from './qualifications.ts';
import { categoriesRequiring, EXPIRY_DELIST_REASON, EXPIRY_WARNING_DAYS } from './rules.ts';
import { merchantQualifications, qualificationDelistings } from './schema.ts';

/**
 * The daily run's validity check (00:30 Beijing time, with the patrol). A document whose last valid day is within
 * EXPIRY_WARNING_DAYS gets one warning (warnedAt, `trust.qualification-expiring`, which texts the shop's owner). From
 * the day after its last valid day it has expired: the listed products of the categories that need it go off sale
 * through the catalog, each recorded with the reason 资质过期 (`trust.qualification-expired`). While it stays
 * expired, a product the shop lists again in those categories is taken down again the next day.
 */
export async function runQualificationCheck(db: Db, now: Date): Promise<{ warned: number; delisted: number }> {
  await backfillQualifications(db, now);
  const today = shanghaiDay(now);
  const warnFrom = addDays(today, EXPIRY_WARNING_DAYS);
  const warned = await db
    .update(merchantQualifications)
    .set({ warnedAt: now })
    .where(
      and(
        isNull(merchantQualifications.warnedAt),
        eq(merchantQualifications.permanent, false),
        lte(merchantQualifications.validUntil, warnFrom),
      ),
    )
    .returning();
  for (const q of warned.filter((w) => w.validUntil! >= today))
    await emit(db, 'trust.qualification-expiring', {
      qualificationId: q.id,
      merchantId: q.merchantId,
      kind: q.kind,
      kindName: kindName(q.kind),
      validUntil: q.validUntil,
    });

  const expired = await db
    .select()
    .from(merchantQualifications)
    .where(and(eq(merchantQualifications.permanent, false), lt(merchantQualifications.validUntil, today)));
  let delisted = 0;
  for (const q of expired) {
    const taken = await delistForExpiredQualification(db, {
      merchantId: q.merchantId,
      topCategoryIds: categoriesRequiring(q.kind),
      at: now,
    });
    if (taken.length > 0)
      await db.insert(qualificationDelistings).values(
        taken.map((p) => ({
          id: newId('qdl'),
          qualificationId: q.id,
          merchantId: q.merchantId,
          productId: p.productId,
          productTitle: p.title,
          topCategoryId: p.topCategoryId,
          reason: EXPIRY_DELIST_REASON,
          delistedAt: now,
        })),
      );
    delisted += taken.length;
    const firstTime = q.expiredAt === null;
    if (firstTime)
      await db.update(merchantQualifications).set({ expiredAt: now }).where(eq(merchantQualifications.id, q.id));
    if (firstTime || taken.length > 0)
      await emit(db, 'trust.qualification-expired', {
        qualificationId: q.id,
        merchantId: q.merchantId,
        kind: q.kind,
        kindName: kindName(q.kind),
        validUntil: q.validUntil,
        delisted: taken.map((p) => p.productId),
      });
  }
  return { warned: warned.length, delisted };
}
