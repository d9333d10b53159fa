// What the payments module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { compensationTransfers, payments, refunds } from './schema.ts';

export const paymentsPersonalData = personalData('payments', [
  {
    table: payments,
    by: [payments.userId],
    purpose: '支付记录（付款账户只存带密钥的索引）',
    classes: { user_id: 'personal', payer_index: 'personal' },
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
  {
    table: compensationTransfers,
    by: [compensationTransfers.userId],
    purpose: '赔付转账记录（假一赔十）',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
]);
