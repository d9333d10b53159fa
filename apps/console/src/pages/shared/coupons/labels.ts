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
