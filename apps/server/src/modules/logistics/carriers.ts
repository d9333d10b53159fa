/**
 * The couriers a merchant may ship with, their 快递100 company codes (the `com` of its subscribe and push APIs) and
 * the waybill formats they print. The patterns follow the formats the carriers publish on their tracking pages (and
 * 快递100's auto-detection list): a number that cannot be theirs is refused when the merchant ships, before it
 * reaches the tracking aggregator. Names are the ones stored on orders, so existing orders keep reading right.
 */
export const COURIERS = [
  { name: '顺丰速运', code: 'shunfeng', pattern: /^(SF\d{13}|\d{12})$/, format: 'SF + 13 位数字，或 12 位数字' },
  {
    name: '中通快递',
    code: 'zhongtong',
    pattern: /^(7[3-8]\d{12}|\d{12})$/,
    format: '73–78 开头的 14 位数字，或 12 位数字',
  },
  { name: '圆通速递', code: 'yuantong', pattern: /^(YT\d{13}|\d{10})$/, format: 'YT + 13 位数字，或 10 位数字' },
  { name: '韵达快递', code: 'yunda', pattern: /^(\d{13}|\d{15})$/, format: '13 或 15 位数字' },
  {
    name: '申通快递',
    code: 'shentong',
    pattern: /^(77\d{11}|(268|368|468|568|668|768|868|888|900)\d{9})$/,
    format: '77 开头的 13 位数字，或 268/888 等开头的 12 位数字',
  },
  { name: '极兔速递', code: 'jtexpress', pattern: /^JT\d{13}$/, format: 'JT + 13 位数字' },
  { name: '京东物流', code: 'jd', pattern: /^JD[A-Z]{0,2}\d{11,13}$/, format: 'JD 开头，如 JDVA + 11 位数字' },
  {
    name: 'EMS',
    code: 'ems',
    pattern: /^([A-Z]{2}\d{9}[A-Z]{2}|(10|11|50|51|95|98)\d{11})$/,
    format: '2 字母 + 9 位数字 + 2 字母（如 EA123456789CN），或 10/11/50/51 等开头的 13 位数字',
  },
  { name: '中国邮政', code: 'youzhengguonei', pattern: /^(9\d{12}|1\d{12})$/, format: '9 或 1 开头的 13 位数字' },
] as const;

export type Carrier = (typeof COURIERS)[number]['name'];
export const CARRIERS = COURIERS.map((c) => c.name) as unknown as readonly [Carrier, ...Carrier[]];

const byName = new Map<string, (typeof COURIERS)[number]>(COURIERS.map((c) => [c.name, c]));

/** Null when the number fits the carrier's format, else what the merchant should check (Chinese, shown as-is). */
export function trackingNoProblem(carrier: string, trackingNo: string): string | null {
  const c = byName.get(carrier);
  if (!c) return `快递公司须为：${CARRIERS.join('、')}`;
  return c.pattern.test(trackingNo) ? null : `${c.name}运单号格式不对：应为${c.format}`;
}

export const courierCode = (carrier: string): string | undefined => byName.get(carrier)?.code;
