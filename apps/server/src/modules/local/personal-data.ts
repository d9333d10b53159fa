// What the local module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
// Stores and offers are a merchant's business data; the buyer's location is never stored (it arrives per request).
import { KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { localVouchers } from './schema.ts';

export const localPersonalData = personalData('local', [
  {
    table: localVouchers,
    by: [localVouchers.userId],
    purpose: '购买的到店券及其核销、退款记录',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
]);
