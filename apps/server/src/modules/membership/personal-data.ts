// What the membership module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { memberGrowth, members } from './schema.ts';

export const membershipPersonalData = personalData('membership', [
  {
    table: memberGrowth,
    by: [memberGrowth.userId],
    purpose: '会员成长值明细',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: members,
    by: [members.userId],
    purpose: '会员等级',
    classes: { user_id: 'personal' },
    retention: RETAIN.account,
    erase: KEEP_FOR_BOOKS,
  },
]);
