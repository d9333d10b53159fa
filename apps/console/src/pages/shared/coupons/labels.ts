import type { MessageKey } from '../../../i18n/index.tsx';

export const KIND_LABEL: Record<'threshold' | 'percent' | 'no_threshold', MessageKey> = {
  threshold: '满减券',
  percent: '折扣券',
  no_threshold: '无门槛券',
};
export const SCOPE_LABEL: Record<'shop' | 'products' | 'category', MessageKey> = {
  shop: '全店通用',
  products: '指定商品',
  category: '指定品类',
};
export const AUDIENCE_LABEL: Record<'public' | 'new_user' | 'targeted', MessageKey> = {
  public: '领券中心公开领取',
  new_user: '新人礼包',
  targeted: '仅定向发放',
};

// Platform coupons issued by rule (birthday, tier gifts) have no marketing limit: the server stores a quantity that
// only fits the column (2,000,000,000) and a claim deadline a century out. Those read as 不限, not as numbers.
const UNLIMITED_QUANTITY = 1_000_000_000;
const UNLIMITED_AFTER_MS = 50 * 365 * 86_400_000;

export const isUnlimitedQuantity = (quantity: number): boolean => quantity >= UNLIMITED_QUANTITY;
export const isOpenEnded = (iso: string | null | undefined, now = Date.now()): boolean =>
  !!iso && Date.parse(iso) - now > UNLIMITED_AFTER_MS;
