import type { z } from 'zod';
import type { Db } from '../../platform/db.ts';
import type { Result } from '../../platform/errors.ts';
import { definePort, PortNotWiredError } from '../../platform/port.ts';
import type { CheckoutCoupons, CheckoutLoyalty } from './dto.ts';
import type { AppliedDiscount, CouponHook, MemberDiscountHook, PointsHook, PriceQuote } from './pricing.ts';

// What other modules plug into checkout. Orders owns these contracts; coupons and membership implement them and
// register at wiring time (their events.ts), so orders never imports the modules that build on it.

export type CheckoutCouponsDto = z.infer<typeof CheckoutCoupons>;
export type CheckoutLoyaltyDto = z.infer<typeof CheckoutLoyalty>;

/** The buyer's coupons for one checkout, priced by the engine through `hook`. */
export interface CheckoutCouponsOffer {
  hook: CouponHook;
  /** The buyer's picks that could not be used, as a refusal (placing an order is strict; a quote is not). */
  rejectedPick(): Result<null, 'coupon-unavailable'>;
  summary(priced: PriceQuote): CheckoutCouponsDto;
}

interface CheckoutCouponsPort {
  /** `couponIds` undefined: suggest the best combination; []: none. */
  offer(db: Db, userId: string, couponIds: readonly string[] | undefined, now: Date): Promise<CheckoutCouponsOffer>;
  /** Marks the applied coupons used, in the placing transaction; a coupon taken meanwhile refuses the checkout. */
  lock(
    db: Db,
    input: {
      userId: string;
      checkoutId: string;
      at: Date;
      orders: { orderId: string; merchantId: string; discounts: readonly AppliedDiscount[] }[];
    },
  ): Promise<Result<{ couponIds: string[] }, 'coupon-unavailable'>>;
}

/** The buyer's member price, free shipping and points for one checkout. */
export interface CheckoutLoyaltyOffer {
  hooks: { member: MemberDiscountHook; points?: PointsHook };
  summary(priced: PriceQuote): CheckoutLoyaltyDto;
  /** Spends the points the quote deducted from each order, in the placing transaction. */
  spend(
    db: Db,
    input: { userId: string; at: Date; orders: { orderId: string; discounts: readonly AppliedDiscount[] }[] },
  ): Promise<Result<{ spent: number }, 'insufficient-points'>>;
}

interface CheckoutLoyaltyPort {
  /**
   * `campaign`: the order carries a campaign price already (flash sale, group buy, bargain): no member price.
   * `now`: when the order is priced (member day depends on it).
   */
  offer(
    db: Db,
    userId: string,
    opts: { usePoints: boolean; campaign: boolean; now: Date },
  ): Promise<CheckoutLoyaltyOffer>;
}

const couponsPort = definePort<CheckoutCouponsPort>('checkout coupons', 'coupons/events.ts');
const loyaltyPort = definePort<CheckoutLoyaltyPort>('checkout loyalty', 'membership/events.ts');

export const provideCheckoutCoupons = couponsPort.provide;
export const provideCheckoutLoyalty = loyaltyPort.provide;
export const checkoutCoupons = couponsPort.use;
export const checkoutLoyalty = loyaltyPort.use;

/**
 * Rules that keep a new order from shipping straight to the buyer (authentication/events.ts provides it: goods that
 * must pass the platform's 鉴定中心 first). Decided when the order is placed, from what is bought and at what price.
 */
interface ShipHoldRulePort {
  holdFor(lines: readonly { categoryId: string; unitPrice: number }[]): string | null;
}
const shipHoldRulePort = definePort<ShipHoldRulePort>('ship hold rule', 'authentication/events.ts');
export const provideShipHoldRule = shipHoldRulePort.provide;

/** The rule's hold for an order's lines; none when no module supplies the rule (it is switched off). */
export function ruleShipHold(lines: readonly { categoryId: string; unitPrice: number }[]): string | null {
  try {
    return shipHoldRulePort.use().holdFor(lines);
  } catch (err) {
    if (err instanceof PortNotWiredError) return null;
    throw err;
  }
}
