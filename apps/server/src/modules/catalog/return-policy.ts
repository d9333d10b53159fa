/** 七天无理由退货: allowed unless the goods are made to order or their category excludes it (perishables, underwear). */
export interface ReturnPolicy {
  noReason7d: boolean;
  /** Why not, when refused; null when no-reason returns are allowed. */
  reason: string | null;
}

export function returnPolicyOf(p: {
  madeToOrder: boolean;
  noReasonReturn: boolean;
  returnPolicyNote: string | null;
}): ReturnPolicy {
  if (p.madeToOrder) return { noReason7d: false, reason: '定制商品不支持七天无理由退货' };
  if (p.noReasonReturn) return { noReason7d: true, reason: null };
  return { noReason7d: false, reason: p.returnPolicyNote ?? '该类目商品不支持七天无理由退货' };
}

/** The sentence shown on the product page. */
export const returnPolicyText = (policy: ReturnPolicy): string =>
  policy.reason ?? '支持七天无理由退货（商品完好、不影响二次销售）';
