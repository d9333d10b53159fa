import { refusals } from '../../platform/errors.ts';
import { shanghaiDay } from '../points/api.ts';

/** Expected refusals of charity products, each a 4xx problem with a stable type and a Chinese title. */
export const refuse = refusals({
  'project-unavailable': [422, '该公益项目不存在或已结束募捐'],
  'pledge-exceeds-price': [422, '每件捐赠金额不能高于商品最低售价'],
});

/** Bounds of the pledge per item, in 分: ¥0.01 to ¥100 (the database checks the same range). */
export const PLEDGE_MIN = 1;
export const PLEDGE_MAX = 10_000;

/**
 * Ledger accounts. The merchant's are the payments module's: the pledge is paid out of the merchant's money for the
 * order, so the merchant settles net of it. `charity:<projectId>` (credit balance) is what the project raised in
 * money; the points donations have their own `points:charity:<projectId>` in points (PTS, docs/POINTS.md).
 */
export const charityAccounts = {
  merchantPending: (merchantId: string) => `merchant:${merchantId}:pending`,
  merchantAvailable: (merchantId: string) => `merchant:${merchantId}:available`,
  project: (projectId: string) => `charity:${projectId}`,
  prefix: 'charity:',
} as const;

/** What a paid line donates: the pledge for each item, never more than the buyer paid for the line. */
export const donationFor = (amountPerItem: number, qty: number, linePaid: number): number =>
  Math.max(0, Math.min(amountPerItem * qty, linePaid));

/**
 * The part of a donation that a line's refunds take back: the donation split like the line's money, refunded vs
 * kept, rounded so a full refund takes exactly all of it and a partial one never more than its share.
 */
export function reversedPartOf(amount: number, linePaid: number, lineRefunded: number): number {
  if (linePaid <= 0 || lineRefunded <= 0) return 0;
  if (lineRefunded >= linePaid) return amount;
  return amount - Math.floor((amount * (linePaid - lineRefunded)) / linePaid);
}

/**
 * 证书编号: GY, the donation's day in Beijing time, and the random tail of the donation's id (unique, checked by
 * the database), e.g. GY20261207-4K9Q2M7X3D.
 */
export function certificateNoOf(saleId: string, at: Date): string {
  const tail = saleId.slice(-10).toUpperCase();
  return `GY${shanghaiDay(at).replaceAll('-', '')}-${tail}`;
}

/** Buyer nicknames on the public ledger: first and last character only (as the points donations show them). */
export function maskBuyer(nickname: string): string {
  const chars = [...nickname];
  if (chars.length <= 1) return '*';
  return `${chars[0]}***${chars[chars.length - 1]}`;
}
