/** Ends a slot at its end time: unsold units go back to the SKUs' stock. One pending job per slot. */
export const CLOSE_SALE_JOB = 'flashsale.close-sale';
export const closeSaleKey = (saleId: string) => `${CLOSE_SALE_JOB}:${saleId}`;
