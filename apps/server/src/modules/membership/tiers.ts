import type { TIER_CODES } from './schema.ts';

// The tier ladder and what each tier is worth. Growth value = yuan paid in the trailing 365 days, net of refunds.
// docs/POINTS.md (membership section) describes the same table for people.

export type TierCode = (typeof TIER_CODES)[number];
export const TIER_ORDER: TierCode[] = ['regular', 'silver', 'gold', 'diamond'];

export interface TierConfig {
  code: TierCode;
  name: string;
  /** Growth value from which the tier applies. */
  threshold: number;
  /** Member price: percent off items (e.g. 5 = 95折); 0 for none. */
  percentOff: number;
  freeShipping: boolean;
  /** Birthday gift: a platform coupon issued once a year in the birthday month (docs/POINTS.md); null for none. */
  birthdayCoupon: BirthdayCoupon | null;
  /** Minutes before a limited edition's public start that this tier may buy. */
  priorityMinutes: number;
  /** May sign up for new-product trials. */
  trials: boolean;
}

interface BirthdayCoupon {
  /** The platform coupon template the membership init creates for the tier (coupons' system templates). */
  templateId: string;
  /** 满99减10 / 无门槛减30 — what the member sees in the tier table. */
  label: string;
  kind: 'threshold' | 'no_threshold';
  thresholdAmount: number;
  discountAmount: number;
  /** Days each coupon is valid from its issue. */
  validDays: number;
}

const birthday = (tier: TierCode, thresholdAmount: number, discountAmount: number): BirthdayCoupon => ({
  templateId: `cpt_birthday_${tier}`,
  label:
    thresholdAmount > 0 ? `满${thresholdAmount / 100}减${discountAmount / 100}` : `无门槛减${discountAmount / 100}`,
  kind: thresholdAmount > 0 ? 'threshold' : 'no_threshold',
  thresholdAmount,
  discountAmount,
  validDays: 31,
});

export const TIERS: Record<TierCode, TierConfig> = {
  regular: {
    code: 'regular',
    name: '普通会员',
    threshold: 0,
    percentOff: 0,
    freeShipping: false,
    birthdayCoupon: null,
    priorityMinutes: 0,
    trials: false,
  },
  silver: {
    code: 'silver',
    name: '银卡会员',
    threshold: 500,
    percentOff: 2,
    freeShipping: false,
    birthdayCoupon: birthday('silver', 9900, 1000),
    priorityMinutes: 0,
    trials: false,
  },
  gold: {
    code: 'gold',
    name: '金卡会员',
    threshold: 2000,
    percentOff: 5,
    freeShipping: false,
    birthdayCoupon: birthday('gold', 9900, 2000),
    priorityMinutes: 30,
    trials: true,
  },
  diamond: {
    code: 'diamond',
    name: '黑钻会员',
    threshold: 10000,
    percentOff: 8,
    freeShipping: true,
    birthdayCoupon: birthday('diamond', 0, 3000),
    priorityMinutes: 60,
    trials: true,
  },
};

export const GROWTH_WINDOW_DAYS = 365;

/** Growth value of an order: 1 per whole yuan paid. */
export const growthFor = (payAmountFen: number): number => Math.floor(Math.max(0, payAmountFen) / 100);

export function tierFor(growth: number): TierCode {
  let tier: TierCode = 'regular';
  for (const code of TIER_ORDER) if (growth >= TIERS[code].threshold) tier = code;
  return tier;
}

export const tierRank = (tier: TierCode): number => TIER_ORDER.indexOf(tier);

/**
 * When a member of this tier may start buying a limited edition whose public sale starts at `startsAt`
 * (金卡 30 minutes early, 黑钻 60 minutes early, others at the start). For the flash-sale module.
 */
export function priorityAccessFrom(tier: TierCode, startsAt: Date): Date {
  return new Date(startsAt.getTime() - TIERS[tier].priorityMinutes * 60_000);
}

/** The earliest any tier may start buying a limited edition: before this nobody may, so nobody's tier is asked. */
export function earliestPriorityAccess(startsAt: Date): Date {
  return new Date(startsAt.getTime() - Math.max(...TIER_ORDER.map((c) => TIERS[c].priorityMinutes)) * 60_000);
}

/** A tier's name as people read it (普通会员, 银卡会员, …). */
export const tierName = (code: TierCode): string => TIERS[code].name;
