import type { QueryParams } from '../../platform/analytics/engine.ts';

/** Whose numbers a report covers: the whole platform (operators) or one shop (its staff). */
export interface Scope {
  merchantId: string | null;
}

/** `AND merchant_id = $merchant` for a shop's report (on the events alias `e`), nothing for the platform. */
export function scoped(scope: Scope, params: QueryParams, alias = ''): string {
  if (!scope.merchantId) return '';
  params.merchant = scope.merchantId;
  return ` AND ${alias}merchant_id = $merchant`;
}

const DAY = 86_400_000;
const BEIJING = 8 * 3_600_000;

/** Start of the Beijing calendar day that contains `at`. */
export const beijingDayStart = (at: Date): Date => new Date(Math.floor((at.getTime() + BEIJING) / DAY) * DAY - BEIJING);

/** `YYYY-MM-DD` of a Beijing calendar day. */
export const beijingDate = (at: Date): string => new Date(at.getTime() + BEIJING).toISOString().slice(0, 10);

/** Beijing midnight of a `YYYY-MM-DD` date. */
export const dayStartOf = (date: string): Date => new Date(`${date}T00:00:00+08:00`);

export const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * DAY);

/** A share, or null when there is nobody to divide by. */
export const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);
