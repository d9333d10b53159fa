/** Ends a slot at its end time: unsold units go back to the SKUs' stock. One pending job per slot. */
export const CLOSE_SALE_JOB = 'flashsale.close-sale';
export const closeSaleKey = (saleId: string) => `${CLOSE_SALE_JOB}:${saleId}`;

/** Event: an item's remaining units moved or it closed (payload { itemId, saleId }); read the item for figures. */
export const FLASH_ITEM_CHANGED = 'flashsale.item-changed';
