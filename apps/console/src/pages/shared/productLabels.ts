import type { ProductStatus } from '../../api/types.ts';
import type { MessageKey } from '../../i18n/index.tsx';

export const PRODUCT_STATUS: Record<ProductStatus, { label: MessageKey; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  listed: { label: '在售', color: 'green' },
  delisted: { label: '已下架', color: 'orange' },
};
