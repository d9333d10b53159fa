// What the payments module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { payments, refunds } from './schema.ts';

export const paymentsPersonalData = personalData('payments', [
  {
    table: payments,
    by: [payments.userId],
    purpose: '支付记录',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: refunds,
    by: [refunds.userId],
    purpose: '退款记录',
    classes: { user_id: 'personal', reason: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
]);
