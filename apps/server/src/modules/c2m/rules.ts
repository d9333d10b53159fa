import { refusals } from '../../platform/errors.ts';

/** Expected refusals of C2M, each a problem with a stable type and a Chinese title. */
export const refuse = refusals({
  'unknown-category': [422, '类目不存在'],
  'design-vote-closed': '设计投票已截止',
  'already-voted': '你已投过票，每人只能投一次',
  'option-not-found': [422, '该选项不属于这次投票'],
  'invalid-design-vote': [422, '设计投票设置有误'],
  'invalid-presale': [422, '预售设置有误'],
  'presale-closed': '预售已截止',
  'not-late': '尚未超过承诺发货日期，暂不能申请延期退款',
  'not-refundable': '该预售订单当前不能退款',
});

export const SHIP_HOLD = 'presale';
export const DEADLINE_JOB = 'c2m.presale-deadline';
export const deadlineKey = (presaleId: string) => `${DEADLINE_JOB}:${presaleId}`;
/** The refund reference of a pledge's order: asking twice never refunds twice. */
export const refundRef = (pledgeId: string) => `c2m:${pledgeId}`;
export const pledgeIdOfRefundRef = (refId: string) =>
  refId.startsWith('c2m:') ? refId.slice('c2m:'.length) : undefined;

/** The target from the minimum batch and a percentage (120 % of the batch by default), rounded up to whole units. */
export const targetOf = (minBatch: number, targetPercent: number) => Math.ceil((minBatch * targetPercent) / 100);
