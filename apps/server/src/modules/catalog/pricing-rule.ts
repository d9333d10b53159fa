import { and, asc, desc, eq, gte, lte, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { Refusal } from '../../platform/errors.ts';
import { formatYuan } from '../../platform/money.ts';
import { refuse } from './refusals.ts';
import { skuChargedPrices } from './schema.ts';

const WINDOW_MS = 7 * 86_400_000;

/**
 * The highest 划线价 (crossed-out "original" price) 明码标价 allows for a SKU at `now`: the lowest unit price
 * actually charged in the previous 7 days or, when nothing sold in that window, the last price charged.
 * Undefined when the SKU never sold: a reference price nobody ever paid is not shown.
 */
async function originalPriceCeiling(db: Db, skuId: string, now: Date): Promise<number | undefined> {
  const [lowestRecent] = await db
    .select({ unitPrice: skuChargedPrices.unitPrice })
    .from(skuChargedPrices)
    .where(
      and(
        eq(skuChargedPrices.skuId, skuId),
        isNull(skuChargedPrices.fakeSaleAt),
        gte(skuChargedPrices.chargedAt, new Date(now.getTime() - WINDOW_MS)),
        lte(skuChargedPrices.chargedAt, now),
      ),
    )
    .orderBy(asc(skuChargedPrices.unitPrice))
    .limit(1);
  if (lowestRecent) return lowestRecent.unitPrice;
  const [last] = await db
    .select({ unitPrice: skuChargedPrices.unitPrice })
    .from(skuChargedPrices)
    .where(
      and(eq(skuChargedPrices.skuId, skuId), isNull(skuChargedPrices.fakeSaleAt), lte(skuChargedPrices.chargedAt, now)),
    )
    .orderBy(desc(skuChargedPrices.chargedAt), asc(skuChargedPrices.unitPrice))
    .limit(1);
  return last?.unitPrice;
}

type OriginalPriceRefusal = Refusal<'original-price-untruthful' | 'original-price-not-above-price'>;

/** Checks a 划线价 a merchant wants to show next to `price`; the refusal names the allowed maximum in yuan. */
export async function checkOriginalPrice(
  db: Db,
  sku: { skuId: string | undefined; specText: string; price: number; originalPrice: number },
  now: Date,
): Promise<OriginalPriceRefusal | undefined> {
  if (sku.originalPrice <= sku.price) {
    return refuse(
      'original-price-not-above-price',
      `「${sku.specText}」划线价 ${formatYuan(sku.originalPrice)} 须高于售价 ${formatYuan(sku.price)}`,
    );
  }
  const ceiling = sku.skuId ? await originalPriceCeiling(db, sku.skuId, now) : undefined;
  if (ceiling === undefined) {
    return refuse(
      'original-price-untruthful',
      `「${sku.specText}」尚无成交记录，暂不能设置划线价；划线价最高可设为近 7 日最低成交价`,
    );
  }
  if (sku.originalPrice > ceiling) {
    return refuse(
      'original-price-untruthful',
      `「${sku.specText}」划线价最高可设为 ${formatYuan(ceiling)}（近 7 日最低成交价，近 7 日无成交时为最近一次成交价），当前填写 ${formatYuan(sku.originalPrice)}`,
    );
  }
  return undefined;
}
