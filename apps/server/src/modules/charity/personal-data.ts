// What the charity-products module keeps about a person, why, for how long, and what account erasure does (docs/PRIVACY.md).
import { KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { charitySales } from './schema.ts';

export const charityPersonalData = personalData('charity', [
  {
    // The donation is on the books (ledger journal) and on the public ledger with a masked nickname.
    table: charitySales,
    by: [charitySales.userId],
    purpose: '公益商品捐赠与捐赠证书（购买者、商品、金额）',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
]);
