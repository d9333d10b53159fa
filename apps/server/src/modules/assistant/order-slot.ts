import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { getMyOrder, listMyOrders, type OrderDetailDto, type OrderSummaryDto } from '../orders/api.ts';
import type { AssistantTurn } from '../service/api.ts';
import { tokenize } from '../../platform/segmenter.ts';
import { normalize } from './classifier.ts';
import { orderNoIn } from './signals.ts';

// Which order the customer means: an order number in the message, else the order the conversation was opened
// from, else one of their recent orders whose item the message names, else the most recent order that fits the
// question. Everything goes through the buyer's own order use-cases, so another person's order is never found.

export type OrderSlot =
  | { kind: 'found'; order: OrderDetailDto; how: 'number' | 'context' | 'item' | 'recent' }
  | { kind: 'unknown-number'; orderNo: string }
  | { kind: 'none' };

const PAGE = 50;
const PAGES = 4;
// Words that name no particular item ("我买的东西到哪了").
const GENERIC = new Set(
  '订单 东西 快递 包裹 商品 宝贝 这个 那个 我的 买的 我买 的 货 什么 怎么 可以 能不 不能 一下 退货 退款 发货 到哪 哪了 物流'.split(
    ' ',
  ),
);

export async function findOrder(
  ctx: Ctx,
  turn: AssistantTurn,
  prefer: (o: OrderSummaryDto) => boolean = () => true,
): Promise<OrderSlot> {
  const orderNo = orderNoIn(turn.text);
  if (orderNo) {
    let cursor: string | undefined;
    for (let i = 0; i < PAGES; i++) {
      const page = await listMyOrders(ctx, { limit: PAGE, ...(cursor ? { cursor } : {}) });
      const hit = page.items.find((o) => o.orderNo === orderNo);
      if (hit) return { kind: 'found', order: await getMyOrder(ctx, hit.id), how: 'number' };
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return { kind: 'unknown-number', orderNo };
  }
  if (turn.context.orderId) {
    const order = await ownOrder(ctx, turn.context.orderId);
    if (order) return { kind: 'found', order, how: 'context' };
  }
  const recent = (await listMyOrders(ctx, { limit: 20 })).items;
  const words = namingWords(turn.text);
  const named = recent.filter((o) => o.lines.some((l) => words.some((w) => l.title.toLowerCase().includes(w))));
  const live = (o: OrderSummaryDto) => !['pending_payment', 'cancelled', 'closed'].includes(o.status);
  const pick = named.find(prefer) ?? named.find(live) ?? named[0] ?? recent.find(prefer) ?? recent[0];
  if (!pick) return { kind: 'none' };
  return { kind: 'found', order: await getMyOrder(ctx, pick.id), how: named.length ? 'item' : 'recent' };
}

/** Words and two-character pieces of the message that could name an item ("t恤" is one jieba does not keep). */
function namingWords(text: string): string[] {
  const words = tokenize(text).filter((w) => w.length > 1 && !GENERIC.has(w));
  const plain = normalize(text);
  for (let i = 0; i + 2 <= plain.length; i++) {
    const pair = plain.slice(i, i + 2);
    if (!GENERIC.has(pair) && !/\d/.test(pair)) words.push(pair);
  }
  return words;
}

/** The buyer's order, or undefined when it is not theirs (the use-case answers 404 for both). */
async function ownOrder(ctx: Ctx, orderId: string): Promise<OrderDetailDto | undefined> {
  try {
    return await getMyOrder(ctx, orderId);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) return undefined;
    throw e;
  }
}

/** "订单 20261206123456（玻尿酸面霜 等 2 件）" — how replies name an order. */
export function orderName(o: OrderSummaryDto): string {
  const first = o.lines[0]?.title ?? '';
  const more = o.lines.length > 1 ? ` 等 ${o.lines.length} 件` : '';
  return `订单 ${o.orderNo}（${first}${more}）`;
}

export const orderNotFound = (orderNo: string) =>
  `没有在你的账号下找到订单号 ${orderNo} 的订单。我只能查询你本人的订单，请核对订单号，或从「我的订单」里点进该订单再咨询。`;
