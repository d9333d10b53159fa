// What the payments module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { compensationTransfers, payments, refunds } from './schema.ts';

export const paymentsPersonalData = personalData('payments', [
  {
    table: payments,
    by: [payments.userId],
    purpose: '支付记录（付款账户存带密钥的索引和加密原文：假一赔十转账付给付款账户）',
    classes: { user_id: 'personal', payer_index: 'personal', payer_account: 'personal' },
    sealed: [payments.payerAccount],
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
    purpose: '赔付转账记录（假一赔十），收款账户加密',
    classes: { user_id: 'personal', payee_account: 'personal', manual_by: 'personal' },
    sealed: [compensationTransfers.payeeAccount],
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
]);
