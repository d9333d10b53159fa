import { refusals } from '../../platform/errors.ts';

export const refuse = refusals({
  'campaign-not-live': '砍价活动未开始或已结束',
  'already-started': '你已经发起过这个砍价了',
  'bargain-not-active': '这个砍价已结束',
  'bargain-expired': '砍价已超时',
  'bargain-complete': '已经砍到底价啦，不需要再帮砍了',
  'own-bargain': '不能给自己砍价，快分享给好友吧',
  'already-helped': '你已经在本活动中帮好友砍过一次了',
  'device-limit': '该设备或网络今天帮砍次数过多，请明天再来',
  'invalid-campaign': [422, '砍价活动设置有误'],
});

export const EXPIRE_JOB = 'bargain.expire';
export const expireKey = (bargainId: string) => `${EXPIRE_JOB}:${bargainId}`;
/** Helps from one IP address or one device per campaign per 24 h, beyond the one-per-account rule. */
export const HELPS_PER_DEVICE_PER_DAY = 3;
