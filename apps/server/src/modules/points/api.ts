// The points module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { addDays, shanghaiDay, shanghaiDayStart } from './rules.ts';
export {
  awardPoints,
  checkoutPointsSummary,
  myPoints,
  pointsHook,
  spendPointsOnOrders,
  walletBalance,
} from './service.ts';
export { providePurchasePointsBonus } from './order-points.ts';
export { charityProjectBriefs } from './charity.ts';
export { pointsPersonalData } from './personal-data.ts';
