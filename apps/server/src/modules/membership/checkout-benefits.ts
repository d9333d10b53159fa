import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import type { CheckoutLoyaltyOffer, MemberDiscountHook } from '../orders/api.ts';
import { checkoutPointsSummary, pointsHook, spendPointsOnOrders, walletBalance } from '../points/api.ts';
import { memberDayBenefitsAt } from './member-day.ts';
import { tierOfUsers } from './service.ts';
import { TIERS } from './tiers.ts';

// What membership and points do to a checkout, offered through orders' checkout loyalty port (events.ts provides
// it): the member price and free shipping of the buyer's tier, and points paying part of the items when asked.
// Campaign orders (flash sale, group buy, bargain) already carry a special price: no member price, no points.
// On 会员日 the tier's member-day percent off replaces its everyday one (member-day.ts).

export async function checkoutBenefits(
  deps: Deps,
  db: Db,
  userId: string,
  opts: { usePoints: boolean; campaign: boolean; now: Date },
): Promise<CheckoutLoyaltyOffer> {
  // Independent reads, issued together (one round trip on PostgreSQL's pipeline; member day is usually cached).
  const [tiers, balance, memberDay] = opts.campaign
    ? [undefined, 0, undefined]
    : await Promise.all([
        tierOfUsers(db, [userId]),
        walletBalance(db, userId),
        memberDayBenefitsAt(deps, db, opts.now),
      ]);
  const tier = tiers?.get(userId) ?? 'regular';
  const config = TIERS[tier];
  const percentOff = memberDay?.percentOff(tier) ?? config.percentOff;
  const label = `${config.name}${memberDay?.active ? ' 会员日' : ''} ${100 - percentOff}折`;
  const member: MemberDiscountHook = {
    discountFor: (items) =>
      percentOff > 0 ? { label, amount: Math.floor((items.itemsAmount * percentOff) / 100) } : null,
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
        memberPercentOff: percentOff,
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
