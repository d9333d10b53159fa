import type { Db } from '../../platform/db.ts';
import type { CheckoutLoyaltyOffer, MemberDiscountHook } from '../orders/api.ts';
import { checkoutPointsSummary, pointsHook, spendPointsOnOrders, walletBalance } from '../points/api.ts';
import { tierOfUsers } from './service.ts';
import { discountLabel, memberDiscountOn, TIERS } from './tiers.ts';

// What membership and points do to a checkout, offered through orders' checkout loyalty port (events.ts provides
// it): the member price and free shipping of the buyer's tier, and points paying part of the items when asked.
// Campaign orders (flash sale, group buy, bargain) already carry a special price: no member price, no points.

export async function checkoutBenefits(
  db: Db,
  userId: string,
  opts: { usePoints: boolean; campaign: boolean },
): Promise<CheckoutLoyaltyOffer> {
  // Two independent reads, issued together (one round trip on PostgreSQL's pipeline).
  const [tiers, balance] = opts.campaign
    ? [undefined, 0]
    : await Promise.all([tierOfUsers(db, [userId]), walletBalance(db, userId)]);
  const tier = tiers?.get(userId) ?? 'regular';
  const config = TIERS[tier];
  const member: MemberDiscountHook = {
    discountFor: (items) =>
      config.percentOff > 0 ? { label: discountLabel(tier), amount: memberDiscountOn(tier, items.itemsAmount) } : null,
    freeShipping: () => config.freeShipping,
  };
  const pointsOf = (discounts: readonly { source: string; amount: number }[]) =>
    discounts.filter((d) => d.source === 'points').reduce((a, d) => a + d.amount, 0);
  return {
    hooks: opts.usePoints && balance > 0 ? { member, points: pointsHook(balance) } : { member },
    summary(priced) {
      const used = priced.merchants.reduce((a, m) => a + pointsOf(m.discounts), 0);
      const remainingBeforePoints = priced.itemsAmount - priced.discountAmount + used;
      return {
        tier,
        tierName: config.name,
        memberPercentOff: config.percentOff,
        freeShipping: config.freeShipping,
        points: checkoutPointsSummary(opts.campaign ? 0 : balance, priced.itemsAmount, remainingBeforePoints, used),
      };
    },
    spend: (tx, input) =>
      spendPointsOnOrders(tx, {
        userId: input.userId,
        at: input.at,
        orders: input.orders.map((o) => ({ orderId: o.orderId, points: pointsOf(o.discounts) })),
      }),
  };
}
