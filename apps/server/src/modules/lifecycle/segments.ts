import type { Config } from '../../config.ts';
import type { Segment } from './schema.ts';

/** The thresholds behind the segments (config.ts LIFECYCLE_*; defaults in docs/ANALYTICS.md). */
export interface Thresholds {
  windowDays: number;
  churnDays: number;
  activeOrders: number;
  loyalOrders: number;
  loyalAmount: number;
}

export const thresholdsOf = (c: Config): Thresholds => ({
  windowDays: c.LIFECYCLE_WINDOW_DAYS,
  churnDays: c.LIFECYCLE_CHURN_DAYS,
  activeOrders: c.LIFECYCLE_ACTIVE_ORDERS,
  loyalOrders: c.LIFECYCLE_LOYAL_ORDERS,
  loyalAmount: c.LIFECYCLE_LOYAL_AMOUNT,
});

/** What one customer did: purchases in the window, their spend, and behaviour in the last 30 days. */
export interface CustomerFacts {
  since: Date;
  /** Paid orders in the window, oldest first. */
  paidAt: Date[];
  amount: number;
  interactions: number;
}

export interface Assessment {
  segment: Segment;
  health: number;
  churnWarning: boolean;
}

const DAY = 86_400_000;
/** Interactions in 30 days that count as fully engaged for the health score. */
const ENGAGED_INTERACTIONS = 10;

/**
 * churned: no purchase for churnDays (or signed up that long ago and never bought);
 * loyal: ≥ loyalOrders purchases and ≥ loyalAmount spent in the window;
 * active: ≥ activeOrders purchases in the window;
 * new: everyone else (signed up recently, at most one purchase so far).
 */
export function assess(f: CustomerFacts, now: Date, th: Thresholds): Assessment {
  const last = f.paidAt.at(-1);
  const quietDays = (now.getTime() - (last ?? f.since).getTime()) / DAY;
  const orders = f.paidAt.length;
  const segment: Segment =
    quietDays > th.churnDays
      ? 'churned'
      : orders >= th.loyalOrders && f.amount >= th.loyalAmount
        ? 'loyal'
        : orders >= th.activeOrders
          ? 'active'
          : 'new';

  // Health: recency 40, frequency 25, value 15, interaction 20.
  const recency = Math.max(0, 1 - quietDays / th.churnDays) * 40;
  const frequency = Math.min(orders / th.loyalOrders, 1) * 25;
  const value = th.loyalAmount > 0 ? Math.min(f.amount / th.loyalAmount, 1) * 15 : 15;
  const interaction = Math.min(f.interactions / ENGAGED_INTERACTIONS, 1) * 20;
  const health = Math.round(recency + frequency + value + interaction);

  // A repeat buyer overdue by half again their usual gap (and at least a week) is about to churn.
  let churnWarning = false;
  if ((segment === 'active' || segment === 'loyal') && last && orders >= 2) {
    const usualGap = (last.getTime() - f.paidAt[0]!.getTime()) / (orders - 1) / DAY;
    churnWarning = quietDays > Math.max(1.5 * usualGap, 7);
  }
  return { segment, health, churnWarning };
}
