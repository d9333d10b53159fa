import { refusals } from '../../platform/errors.ts';

/** Expected refusals of group buy, each a 409/422 problem with a stable type and a Chinese title. */
export const refuse = refusals({
  'campaign-not-live': '拼团活动未开始或已结束',
  'group-not-open': '该团已结束或尚未开团，可以自己开一个新团',
  'group-expired': '该团已超时，可以自己开一个新团',
  'group-full': '手慢了，该团名额已满，可以自己开一个新团',
  'new-user-seats-only': '剩余名额仅限新人（从未下过单的用户），可以自己开一个新团',
  'already-in-group': '你已在这个团里',
  'limit-reached': '本活动每人参团次数已达上限',
  'invalid-campaign': [422, '拼团活动设置有误'],
});

export const SHIP_HOLD = 'group_buy';
export const EXPIRE_JOB = 'groupbuy.expire-group';
export const expireKey = (groupId: string) => `${EXPIRE_JOB}:${groupId}`;
/** The refund reference of a failed group's seat: asking twice never refunds twice. */
export const refundRef = (memberId: string) => `groupbuy:${memberId}`;
export const memberIdOfRefundRef = (refId: string) =>
  refId.startsWith('groupbuy:') ? refId.slice('groupbuy:'.length) : undefined;

export const MIN_DURATION_MINUTES = 10;
export const MAX_DURATION_MINUTES = 72 * 60;
