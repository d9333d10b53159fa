// The groupbuy module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { groupbuyPersonalData } from './personal-data.ts';
// The failed-campaign refund path, shared with C2M pre-sales (modules/c2m).
export { refundCampaignOrder } from './campaign-refunds.ts';
