// What the flashsale module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { flashPurchases, flashQuotas } from './schema.ts';

export const flashsalePersonalData = personalData('flashsale', [
  {
    table: flashQuotas,
    by: [flashQuotas.userId],
    purpose: '秒杀每人限购',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: flashPurchases,
    by: [flashPurchases.userId],
    purpose: '秒杀抢购记录',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
]);
