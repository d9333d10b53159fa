// What the coupons module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { couponBuyers, couponClaims, couponNewUserPacks, coupons } from './schema.ts';

export const couponsPersonalData = personalData('coupons', [
  {
    table: coupons,
    by: [coupons.userId],
    purpose: '本人持有的优惠券',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: couponClaims,
    by: [couponClaims.userId],
    purpose: '领券记录，用于每人限领',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: couponBuyers,
    by: [couponBuyers.userId],
    purpose: '判断是否首单、是否老客以发放对应券',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: couponNewUserPacks,
    by: [couponNewUserPacks.userId],
    purpose: '新人礼包是否已领取',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
]);
