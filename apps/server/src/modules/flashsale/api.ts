// The flashsale module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { createFlashSale, FLASH_ITEM_CHANGED, type FlashItemDto, flashSaleWindows, getFlashItem } from './service.ts';
export { flashsalePersonalData } from './personal-data.ts';
