// What the invitations module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { DELETE, KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { firstPurchases, invitations, inviteCodes, inviteeOrders } from './schema.ts';

export const invitationsPersonalData = personalData('invitations', [
  {
    table: inviteCodes,
    by: [inviteCodes.userId],
    purpose: '本人的邀请码',
    classes: { user_id: 'personal' },
    retention: RETAIN.account,
    erase: DELETE,
  },
  {
    table: invitations,
    by: [invitations.inviteeId, invitations.inviterId],
    purpose: '邀请关系（邀请人与被邀请人），用于发放邀请奖励',
    classes: { invitee_id: 'personal', inviter_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: inviteeOrders,
    by: [inviteeOrders.inviteeId, inviteeOrders.inviterId],
    purpose: '被邀请人的订单，用于核算邀请奖励',
    classes: { invitee_id: 'personal', inviter_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: firstPurchases,
    by: [firstPurchases.userId],
    purpose: '是否已完成首单',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
]);
