// What the aftersales module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { afterSales } from './schema.ts';

export const aftersalesPersonalData = personalData('aftersales', [
  {
    table: afterSales,
    by: [afterSales.userId],
    purpose: '售后申请：退货退款的原因和凭证',
    classes: { user_id: 'personal', description: 'personal', images: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
]);
