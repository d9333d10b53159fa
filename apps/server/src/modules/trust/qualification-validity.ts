import { addDays, shanghaiDay } from '../points/api.ts';
import { EXPIRY_WARNING_DAYS } from './rules.ts';

/** A calendar day as the form sends it: YYYY-MM-DD, a real date. */
export const isCalendarDay = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

export type ValidityStatus = 'valid' | 'expiring' | 'expired' | 'unregistered';

/**
 * Where a document stands on `now`'s Shanghai day: valid through its last valid day, 即将到期 from
 * EXPIRY_WARNING_DAYS before it, expired from the day after. 长期 is always valid; no date on record is 未登记.
 */
export function validityStatus(doc: { validUntil: string | null; permanent: boolean }, now: Date): ValidityStatus {
  if (doc.permanent) return 'valid';
  if (!doc.validUntil) return 'unregistered';
  const today = shanghaiDay(now);
  if (today > doc.validUntil) return 'expired';
  if (today >= addDays(doc.validUntil, -EXPIRY_WARNING_DAYS)) return 'expiring';
  return 'valid';
}

/** Null when acceptable; otherwise what is wrong, for a 422 detail. A date already past is refused at submission. */
export function validityProblem(
  doc: { validUntil?: string | null | undefined; permanent?: boolean | undefined },
  now: Date,
  label: string,
): string | null {
  if (doc.permanent) return null;
  if (!doc.validUntil || !isCalendarDay(doc.validUntil)) return `请填写${label}的有效期`;
  if (doc.validUntil < shanghaiDay(now)) return `${label}的有效期（${doc.validUntil}）已过，请上传在有效期内的证件`;
  return null;
}
