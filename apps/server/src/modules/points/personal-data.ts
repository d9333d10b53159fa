// What the points module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { DELETE, KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import {
  charityDonations,
  pointsGifts,
  pointsLots,
  pointsOrders,
  pointsRedemptions,
  pointsShares,
  pointsSignIns,
  pointsWallets,
} from './schema.ts';

export const pointsPersonalData = personalData('points', [
  {
    table: pointsWallets,
    by: [pointsWallets.userId],
    purpose: '积分余额',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: pointsLots,
    by: [pointsLots.userId],
    purpose: '积分获得与过期批次',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: pointsSignIns,
    by: [pointsSignIns.userId],
    purpose: '每日签到',
    classes: { user_id: 'personal' },
    retention: RETAIN.behaviour,
    erase: DELETE,
  },
  {
    table: pointsShares,
    by: [pointsShares.userId],
    purpose: '分享得积分',
    classes: { user_id: 'personal' },
    retention: RETAIN.behaviour,
    erase: DELETE,
  },
  {
    table: pointsOrders,
    by: [pointsOrders.userId],
    purpose: '下单得积分',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: pointsGifts,
    by: [pointsGifts.fromUserId, pointsGifts.toUserId],
    purpose: '积分转赠（赠送人、受赠人、留言）',
    classes: { from_user_id: 'personal', to_user_id: 'personal', message: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: pointsRedemptions,
    by: [pointsRedemptions.userId],
    sealed: [pointsRedemptions.shipTo],
    purpose: '积分兑换及收货地址',
    classes: { user_id: 'personal', ship_to: 'personal' },
    retention: RETAIN.trade,
    erase: {
      kind: 'anonymise',
      set: { shipTo: null },
      why: '兑换记录计入积分账目须保留；收货地址清除',
    },
  },
  {
    table: charityDonations,
    by: [charityDonations.userId],
    purpose: '积分公益捐赠',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
]);
