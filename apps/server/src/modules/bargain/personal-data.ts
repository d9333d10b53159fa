// What the bargain module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { bargainHelps, bargains } from './schema.ts';

export const bargainPersonalData = personalData('bargain', [
  {
    table: bargains,
    by: [bargains.userId],
    purpose: '本人发起的砍价',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: bargainHelps,
    by: [bargainHelps.helperId],
    purpose: '帮好友砍价的记录；IP 与设备标识用于识别刷单',
    classes: { helper_id: 'personal', ip: 'personal', device_id: 'personal' },
    retention: RETAIN.behaviour,
    erase: {
      kind: 'anonymise',
      set: { ip: null, deviceId: null },
      why: '助力次数计入好友的砍价，保留；IP 与设备标识清除',
    },
  },
]);
