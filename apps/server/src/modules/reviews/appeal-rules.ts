import type { SignalCode } from './fraud.ts';

/** An appeal's reason, in characters (the author explains why the review is genuine). */
export const APPEAL_REASON_MIN = 5;
export const APPEAL_REASON_MAX = 300;
/** The operator's note on an appeal's outcome, shown to the author. */
export const APPEAL_NOTE_MIN = 2;
export const APPEAL_NOTE_MAX = 200;
/** The platform's promise: an appeal is decided within this many hours (the queue shows each one's age). */
export const APPEAL_SLA_HOURS = 48;

export const appealReasonProblem = (reason: string): string | null => {
  const n = [...reason.trim()].length;
  if (n < APPEAL_REASON_MIN) return `申诉理由至少 ${APPEAL_REASON_MIN} 个字`;
  if (n > APPEAL_REASON_MAX) return `申诉理由最多 ${APPEAL_REASON_MAX} 个字`;
  return null;
};

/**
 * What the author is told about why their review was held: a category in plain words, never the signal's detail
 * (which names counts of other buyers, devices and addresses — facts about other people and about the screening).
 */
const AUTHOR_CATEGORY: Record<SignalCode, string> = {
  'shared-device': '与其他买家使用的设备、网络、收货地址或付款账户重合',
  'shared-ip': '与其他买家使用的设备、网络、收货地址或付款账户重合',
  'shared-address': '与其他买家使用的设备、网络、收货地址或付款账户重合',
  'shared-payer': '与其他买家使用的设备、网络、收货地址或付款账户重合',
  'new-account-burst': '同一时段内这家店集中出现了大量好评',
  'five-star-burst': '同一时段内这家店集中出现了大量好评',
  'near-duplicate': '评价文字与其他买家的高度相似',
  'single-merchant': '你的评价都集中在这一家店',
  'refunded-after-review': '评价之后订单退款了',
  'reward-marker': '评价里出现了“好评返现”一类的字样',
  'ad-law': '评价里有广告法禁止的用语，读起来像商家广告',
};

/** The distinct plain-Chinese categories of a hold's signals, in the order they fired. */
export const authorReasons = (signals: { code: string }[]): string[] => [
  ...new Set(signals.map((s) => AUTHOR_CATEGORY[s.code as SignalCode] ?? '系统识别到异常评价特征')),
];
