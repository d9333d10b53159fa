import type { Db } from './db.ts';
import { postJournal } from './ledger.ts';
import { allocate, formatYuan } from './money.ts';

// Platform subsidies: money the platform owes a merchant because something the platform funds (a platform coupon,
// points spent at checkout) lowered what the buyer paid. Each programme keeps its own rows (coupon_subsidies,
// points_subsidies) and calls these, so every subsidy follows one rule: posted when the order is paid, reversed in
// proportion to the item money refunded, moved from pending to available when the order completes
// (docs/COUPONS.md "Who pays", docs/POINTS.md "Who pays").

export const merchantAccounts = {
  pending: (merchantId: string) => `merchant:${merchantId}:pending`,
  available: (merchantId: string) => `merchant:${merchantId}:available`,
} as const;

/** One programme: its journals are `<kind>`, `<kind>-reversed`, `<kind>-settled`, against `platformAccount`. */
export interface SubsidyProgram {
  kind: string;
  platformAccount: string;
  /** How memos name it, e.g. 平台券补贴. */
  label: string;
}

/** One subsidy as the programme stores it; `refId` is its journal reference (unique per programme). */
export interface Subsidy {
  refId: string;
  merchantId: string;
  amount: number;
  reversedAmount: number;
  settledAt: Date | null;
}

/** Where a programme's rows live: read locked, and moved forward by guarded updates (the journals post once). */
export interface SubsidyStore<S extends Subsidy = Subsidy> {
  program: SubsidyProgram;
  locked(db: Db, orderId: string, opts: { unsettledOnly: boolean }): Promise<S[]>;
  setReversed(db: Db, s: S, target: number): Promise<void>;
  setSettled(db: Db, s: S, at: Date): Promise<void>;
}

/** The order's money as the orders module reports it (getOrderForAfterSale). */
export interface OrderRefunds {
  status: string;
  payAmount: number;
  shippingFee: number;
  refundedAmount: number;
  refundedShipping: number;
}

/** order.paid: the platform owes the merchant `amount` (pending until the order completes). */
export async function postSubsidy(
  db: Db,
  p: SubsidyProgram,
  s: { refId: string; merchantId: string; amount: number; memo: string; at: Date },
): Promise<boolean> {
  return postJournal(db, {
    kind: p.kind,
    refId: s.refId,
    memo: s.memo,
    at: s.at,
    lines: [
      { account: p.platformAccount, amount: s.amount },
      { account: merchantAccounts.pending(s.merchantId), amount: -s.amount },
    ],
  });
}

/**
 * How much of a subsidy is reversed once the order has refunded what it has: its share of the item money refunded
 * (largest remainder, so it never overshoots and a full refund reverses all). Shipping refunds do not count —
 * neither coupons nor points pay for shipping. A closed order (everything refunded) reverses all of it.
 */
function reversedTarget(amount: number, order: OrderRefunds): number {
  const itemsPaid = order.payAmount - order.shippingFee;
  const itemsRefunded = Math.min(order.refundedAmount - order.refundedShipping, itemsPaid);
  if (order.status === 'closed' || (itemsPaid > 0 && itemsRefunded >= itemsPaid)) return amount;
  if (itemsPaid > 0 && itemsRefunded > 0) return allocate(amount, [itemsRefunded, itemsPaid - itemsRefunded])[0]!;
  return 0;
}

/** Brings each subsidy of the order in line with its refunds. Cumulative, so any refund event may be the one that sees it. */
export async function syncReversals<S extends Subsidy>(
  db: Db,
  store: SubsidyStore<S>,
  orderId: string,
  order: OrderRefunds | undefined,
  triggerId: string,
  at: Date,
): Promise<void> {
  if (!order) return;
  const p = store.program;
  for (const s of await store.locked(db, orderId, { unsettledOnly: false })) {
    const target = reversedTarget(s.amount, order);
    const delta = target - s.reversedAmount;
    if (delta <= 0) continue;
    const merchant = s.settledAt ? merchantAccounts.available(s.merchantId) : merchantAccounts.pending(s.merchantId);
    const posted = await postJournal(db, {
      kind: `${p.kind}-reversed`,
      refId: `${s.refId}:${triggerId}`,
      memo: `订单 ${orderId} 退款，按比例退回${p.label} ${formatYuan(delta)}`,
      at,
      lines: [
        { account: merchant, amount: delta },
        { account: p.platformAccount, amount: -delta },
      ],
    });
    if (posted) await store.setReversed(db, s, target);
  }
}

/** order.completed: what is left of each subsidy becomes the merchant's to withdraw, like the order's own money. */
export async function settleSubsidies<S extends Subsidy>(
  db: Db,
  store: SubsidyStore<S>,
  orderId: string,
  order: OrderRefunds | undefined,
  triggerId: string,
  at: Date,
): Promise<void> {
  await syncReversals(db, store, orderId, order, triggerId, at);
  const p = store.program;
  for (const s of await store.locked(db, orderId, { unsettledOnly: true })) {
    const net = s.amount - s.reversedAmount;
    await postJournal(db, {
      kind: `${p.kind}-settled`,
      refId: s.refId,
      memo: `订单 ${orderId} 确认完成，${p.label} ${formatYuan(net)} 转为可提现`,
      at,
      lines: [
        { account: merchantAccounts.pending(s.merchantId), amount: net },
        { account: merchantAccounts.available(s.merchantId), amount: -net },
      ],
    });
    await store.setSettled(db, s, at);
  }
}
