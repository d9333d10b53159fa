import type { Deps } from '../deps.ts';
import { confirmReceipt, placeOrder, quoteCheckout, shipOrder } from '../modules/orders/service.ts';
import { createPayment } from '../modules/payments/charges.ts';
import { simulateSandboxPayment } from '../modules/payments/callbacks.ts';
import { publishFollowUp, publishReview, replyToReview } from '../modules/reviews/service.ts';
import type { Actor } from '../platform/auth.ts';
import { makeCtx } from '../platform/context.ts';
import type { Result } from '../platform/errors.ts';
import {
  BAD,
  FOLLOW_UPS,
  GOOD_BY_CATEGORY,
  GOOD_GENERIC,
  NEUTRAL,
  REPLIES_BAD,
  REPLIES_GOOD,
} from './data/review-phrases.ts';
import type { Random } from './random.ts';
import { merchantMembership } from '../modules/accounts/api.ts';

/**
 * Demo orders walked through the real use-cases — quote, place, pay in the sandbox, ship, confirm receipt, review —
 * on a clock set back in time, so sales counts and ratings come from real orders and reviews.
 */

export class SeedClock {
  private t: number;
  constructor(start: Date) {
    this.t = start.getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: Date | number): void {
    this.t = typeof at === 'number' ? at : at.getTime();
  }
}

export interface SeedBuyer {
  userId: string;
  addressId: string;
}
export interface SeedProduct {
  productId: string;
  merchantId: string;
  ownerUserId: string;
  topCategory: string;
  /** Its generated-art key (`cream-007`); buyer photos and post covers draw the same product in a scene. */
  artKey: string;
  skuIds: string[];
}
export interface JourneyTotals {
  orders: number;
  reviews: number;
  followUps: number;
  replies: number;
  reviewedProductIds: string[];
}

type Carrier = Parameters<typeof shipOrder>[2]['carrier'];
const CARRIERS: Carrier[] = ['顺丰速运', '中通快递', '圆通速递', '韵达快递', '京东物流'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const buyerActor = (userId: string): Actor => ({
  kind: 'user',
  userId,
  sessionId: 'seed',
  roles: ['consumer'],
  staff: [],
});
const ownerActor = (p: SeedProduct): Actor => ({
  kind: 'user',
  userId: p.ownerUserId,
  sessionId: 'seed',
  roles: ['consumer'],
  staff: [merchantMembership(p.merchantId, 'owner')],
});

function must<V>(result: Result<V>, what: string): V {
  if (!result.ok) throw new Error(`[seed] ${what}: ${result.type} ${result.detail ?? ''}`);
  return result.value;
}

export interface JourneyPlan {
  /** Completed journeys, reviewed most of the time. */
  completed: number;
  /** The demo consumer, who gets a few completed orders plus one each still delivered, shipped and paid. */
  demoBuyer: SeedBuyer;
  buyers: SeedBuyer[];
  products: SeedProduct[];
  /** When the story starts (≈ 90 days before now) and the present. */
  from: Date;
  until: Date;
}

export async function runJourneys(
  deps: Deps,
  clock: SeedClock,
  rng: Random,
  plan: JourneyPlan,
  progress: (line: string) => void,
): Promise<JourneyTotals> {
  const totals: JourneyTotals = { orders: 0, reviews: 0, followUps: 0, replies: 0, reviewedProductIds: [] };
  const reviewed = new Set<string>();
  // A set of best sellers, so some products gather several reviews.
  const popular = rng.sample(plan.products, Math.min(48, plan.products.length));
  const span = plan.until.getTime() - plan.from.getTime();
  const extras: { stage: 'delivered' | 'shipped' | 'paid'; daysAgo: number }[] = [
    { stage: 'delivered', daysAgo: 4 },
    { stage: 'shipped', daysAgo: 2 },
    { stage: 'paid', daysAgo: 1 },
  ];
  const total = plan.completed + extras.length;
  let tracking = 0;

  const journey = async (
    buyer: SeedBuyer,
    product: SeedProduct,
    placedAt: number,
    stage: 'completed' | 'delivered' | 'shipped' | 'paid',
  ) => {
    const asBuyer = makeCtx(deps, buyerActor(buyer.userId));
    const asOwner = makeCtx(deps, ownerActor(product));
    const items = [{ skuId: rng.pick(product.skuIds), qty: rng.chance(0.2) ? 2 : 1 }];
    clock.set(placedAt);
    const quote = must(await quoteCheckout(asBuyer, { items, addressId: buyer.addressId }), 'quote');
    const placed = must(
      await placeOrder(asBuyer, { items, addressId: buyer.addressId, expectedAmount: quote.amount }),
      'place order',
    );
    clock.set(placedAt + rng.int(1, 8) * 60_000);
    const payment = must(await createPayment(asBuyer, { checkoutId: placed.checkoutId }), 'payment');
    must(await simulateSandboxPayment(asBuyer, payment.paymentId, 'succeeded'), 'sandbox pay');
    totals.orders++;
    if (stage === 'paid') return;
    const order = placed.orders[0]!;
    const shippedAt = placedAt + rng.int(6, 30) * HOUR;
    clock.set(shippedAt);
    await shipOrder(asOwner, order.id, {
      carrier: rng.pick(CARRIERS),
      trackingNo: `HW${String(20_261_000_000 + tracking++)}`,
    });
    if (stage === 'shipped') return;
    const deliveredAt = shippedAt + rng.int(30, 90) * HOUR;
    clock.set(deliveredAt);
    await confirmReceipt(asBuyer, order.id);
    if (stage === 'delivered' || rng.chance(0.12)) return;

    const reviewedAt = deliveredAt + rng.int(1, 48) * HOUR;
    clock.set(reviewedAt);
    const { ratings, mood } = pickRatings(rng);
    const content = rng.chance(0.08) && mood !== 'bad' ? '' : reviewText(rng, product.topCategory, mood);
    const images =
      mood !== 'bad' && rng.chance(0.3)
        ? Array.from(
            { length: rng.int(1, 3) },
            (_, n) => `/media/art/scene-${product.artKey}-r${totals.reviews + 1}x${n + 1}.svg`,
          )
        : [];
    const review = must(
      await publishReview(asBuyer, {
        orderLineId: order.lines[0]!.id,
        ratings,
        content,
        images,
        anonymous: rng.chance(0.15),
      }),
      'review',
    );
    totals.reviews++;
    reviewed.add(product.productId);
    if (mood === 'bad' || rng.chance(0.6)) {
      clock.set(reviewedAt + rng.int(2, 30) * HOUR);
      must(await replyToReview(asOwner, review.id, rng.pick(mood === 'bad' ? REPLIES_BAD : REPLIES_GOOD)), 'reply');
      totals.replies++;
    }
    const followUpAt = reviewedAt + rng.int(15, 40) * DAY;
    if (mood !== 'bad' && rng.chance(0.25) && followUpAt < plan.until.getTime() - HOUR) {
      clock.set(followUpAt);
      must(await publishFollowUp(asBuyer, review.id, { content: rng.pick(FOLLOW_UPS), images: [] }), 'follow-up');
      totals.followUps++;
    }
  };

  for (let i = 0; i < plan.completed; i++) {
    // The first three belong to the demo consumer, so that account has a history to look at.
    const buyer = i < 3 ? plan.demoBuyer : rng.pick(plan.buyers);
    const placedAt =
      plan.from.getTime() + Math.floor(((i + 1) / (plan.completed + 1)) * span * 0.8) + rng.int(9, 21) * HOUR;
    await journey(buyer, rng.pick(popular), placedAt, 'completed');
    // Subscribers (sales counts, ratings, stock timers) catch up every few orders; nothing here waits on them.
    if ((i + 1) % 10 === 0) {
      await deps.events.drain();
      progress(`[seed] 订单 ${i + 1}/${total}`);
    }
  }
  for (const extra of extras) {
    const placedAt = plan.until.getTime() - extra.daysAgo * DAY - 12 * HOUR;
    await journey(plan.demoBuyer, rng.pick(popular), placedAt, extra.stage);
  }
  await deps.events.drain();
  progress(`[seed] 订单 ${total}/${total}`);
  totals.reviewedProductIds = [...reviewed];
  return totals;
}

/**
 * Everyday sales over the 90 days: baskets of two to four products from one shop, paid, shipped and received, with
 * no review (most buyers never write one). Every product takes its turn in a basket before any repeats, so the
 * catalogue shows the spread of sales of a marketplace a week into a campaign instead of a handful of best sellers.
 */
export async function runEverydaySales(
  deps: Deps,
  clock: SeedClock,
  rng: Random,
  plan: { baskets: number; buyers: SeedBuyer[]; products: SeedProduct[]; from: Date; until: Date },
  progress: (line: string) => void,
): Promise<{ orders: number; lines: number }> {
  const byShop = new Map<string, SeedProduct[]>();
  for (const p of rng.shuffle(plan.products)) byShop.set(p.merchantId, [...(byShop.get(p.merchantId) ?? []), p]);
  const shops = [...byShop.values()];
  const span = plan.until.getTime() - plan.from.getTime() - 3 * DAY;
  let orders = 0;
  let lines = 0;
  for (let i = 0; i < plan.baskets; i++) {
    const queue = shops[i % shops.length]!;
    const size = Math.min(queue.length, rng.int(2, 4));
    const basket = queue.splice(0, size);
    queue.push(...basket);
    const buyer = rng.pick(plan.buyers);
    // Later days sell a little more than earlier ones (the campaign is building up).
    const placedAt = plan.from.getTime() + Math.floor(Math.sqrt(rng.next()) * span) + rng.int(8, 22) * HOUR;
    const asBuyer = makeCtx(deps, buyerActor(buyer.userId));
    const items = basket.map((p) => ({ skuId: rng.pick(p.skuIds), qty: rng.chance(0.15) ? 2 : 1 }));
    clock.set(placedAt);
    const quote = must(await quoteCheckout(asBuyer, { items, addressId: buyer.addressId }), 'quote');
    const placed = must(
      await placeOrder(asBuyer, { items, addressId: buyer.addressId, expectedAmount: quote.amount }),
      'place order',
    );
    clock.set(placedAt + rng.int(1, 8) * 60_000);
    const payment = must(await createPayment(asBuyer, { checkoutId: placed.checkoutId }), 'payment');
    must(await simulateSandboxPayment(asBuyer, payment.paymentId, 'succeeded'), 'sandbox pay');
    const shippedAt = placedAt + rng.int(6, 30) * HOUR;
    for (const order of placed.orders) {
      clock.set(shippedAt);
      await shipOrder(makeCtx(deps, ownerActor(basket[0]!)), order.id, {
        carrier: rng.pick(CARRIERS),
        trackingNo: `HWD${String(20_261_000_000 + i)}`,
      });
      clock.set(shippedAt + rng.int(30, 90) * HOUR);
      await confirmReceipt(asBuyer, order.id);
      orders++;
    }
    lines += basket.length;
    if ((i + 1) % 20 === 0) {
      await deps.events.drain();
      progress(`[seed] 日常订单 ${i + 1}/${plan.baskets}`);
    }
  }
  await deps.events.drain();
  return { orders, lines };
}

type Mood = 'excellent' | 'good' | 'neutral' | 'bad';

function pickRatings(rng: Random): { mood: Mood; ratings: { quality: number; logistics: number; service: number } } {
  const r = rng.next();
  if (r < 0.6) return { mood: 'excellent', ratings: { quality: 5, logistics: rng.pick([5, 5, 4]), service: 5 } };
  if (r < 0.85)
    return { mood: 'good', ratings: { quality: 4, logistics: rng.pick([4, 5]), service: rng.pick([4, 5]) } };
  if (r < 0.94) return { mood: 'neutral', ratings: { quality: 3, logistics: rng.pick([2, 3, 4]), service: 3 } };
  return {
    mood: 'bad',
    ratings: { quality: rng.pick([1, 2]), logistics: rng.pick([1, 2, 3]), service: rng.pick([1, 2]) },
  };
}

function reviewText(rng: Random, topCategory: string, mood: Mood): string {
  if (mood === 'bad') return `${rng.pick(BAD)}。`;
  if (mood === 'neutral') return `${rng.pick(NEUTRAL)}。`;
  const specific = GOOD_BY_CATEGORY[topCategory] ?? [];
  const parts = rng.sample([...specific, ...GOOD_GENERIC], mood === 'excellent' ? 2 : 1);
  return `${rng.shuffle(parts).join('，')}。`;
}
