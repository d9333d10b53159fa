import type { MessageKey } from '../../../i18n/index.tsx';
import type { FlashItem, FlashSlot, FlashSlotState } from './api.ts';

export const SLOT_STATE: Record<FlashSlotState, { label: MessageKey; color: string }> = {
  upcoming: { label: '未开始', color: 'blue' },
  live: { label: '抢购中', color: 'red' },
  ended: { label: '已结束', color: 'default' },
  cancelled: { label: '已取消', color: 'default' },
};

export const ITEM_STATE: Record<FlashItem['state'], { label: MessageKey; color: string }> = {
  upcoming: { label: '未开始', color: 'blue' },
  live: { label: '抢购中', color: 'red' },
  sold_out: { label: '已抢光', color: 'orange' },
  ended: { label: '已结束', color: 'default' },
};

/** Units held by buyers (reserved or paid) over the flash quantity, as a whole percentage. */
export const soldPercent = (sold: number, quantity: number): number =>
  quantity <= 0 ? 0 : sold >= quantity ? 100 : Math.floor((sold / quantity) * 100);

/** The membership ladder's names, for tagging VIP slots in the list (the form reads them from the server). */
export const TIER_NAME: Record<NonNullable<FlashSlot['minTier']>, MessageKey> = {
  regular: '普通会员',
  silver: '银卡会员',
  gold: '金卡会员',
  diamond: '黑钻会员',
};
