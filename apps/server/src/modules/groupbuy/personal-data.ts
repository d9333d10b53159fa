// What the groupbuy module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { groupBuyGroups, groupBuyMembers } from './schema.ts';

export const groupbuyPersonalData = personalData('groupbuy', [
  {
    table: groupBuyGroups,
    by: [groupBuyGroups.leaderId],
    purpose: '本人开的团',
    classes: { leader_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: groupBuyMembers,
    by: [groupBuyMembers.userId],
    purpose: '参团记录',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
]);
