/**
 * Which goods pass the platform's 鉴定中心 (authentication centre) before they reach the buyer. One table, read when
 * an order is placed (orders asks through its ship-hold port), so the hold and the console's explanation agree.
 *
 * Why these rows (docs/TRUST.md, "鉴定"): counterfeits concentrate where a fake is worth making — branded bags and
 * limited sneakers (鞋靴箱包) and perfume (香水香氛) above the price where copies circulate, and anything at ¥5,000 or
 * more a unit, where one fake costs the buyer more than a month's income and the inspection fee is small beside it.
 * Cheaper goods of those categories are left out: a ¥99 slipper is not worth a detour through the centre.
 */
const AUTHENTICATION_RULES: readonly { categoryId: string | null; name: string; minUnitPrice: number }[] = [
  { categoryId: 'cat_shoes', name: '鞋靴箱包', minUnitPrice: 150_000 },
  { categoryId: 'cat_fragrance', name: '香水香氛', minUnitPrice: 80_000 },
  { categoryId: null, name: '任意类目', minUnitPrice: 500_000 },
];

/** The order's ship hold while the goods have not passed the centre (orders' campaign-terms.ts labels it). */
export const AUTHENTICATION_HOLD = 'authentication';

/** Whether one line's goods must be authenticated. */
export const needsAuthentication = (line: { categoryId: string; unitPrice: number }): boolean =>
  AUTHENTICATION_RULES.some(
    (r) => (r.categoryId === null || r.categoryId === line.categoryId) && line.unitPrice >= r.minUnitPrice,
  );

/** The refund of a failed inspection: one per order, so asking again returns the first. */
export const refundRef = (orderId: string) => `authentication:${orderId}`;
export const orderIdOfRefundRef = (refId: string) =>
  refId.startsWith('authentication:') ? refId.slice('authentication:'.length) : undefined;
