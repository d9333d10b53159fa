import type { Ctx } from '../../platform/context.ts';
import { cancelOrder, type OrderDetailDto, type OrderSummaryDto } from '../orders/api.ts';
import type { AssistantCard, AssistantTurn } from '../service/api.ts';
import { propose } from './confirmations.ts';
import { findOrder, orderName, orderNotFound, type OrderSlot } from './order-slot.ts';
import { type Draft, when, yuan } from './reply.ts';

// Where is my order, cancel an unpaid order: read through the buyer's order use-cases; the
// cancellation itself only after the buyer confirms (answer.ts runs it with the token).

const NO_ORDERS = '你的账号下还没有订单。如果是用其他手机号下的单，请用那个账号登录后再问我。';

export function missingOrder(slot: Exclude<OrderSlot, { kind: 'found' }>): Draft {
  return { text: slot.kind === 'unknown-number' ? orderNotFound(slot.orderNo) : NO_ORDERS };
}

export const orderCards = (o: OrderDetailDto): AssistantCard[] => [
  { kind: 'order', id: o.id },
  ...(o.logistics ? [{ kind: 'logistics' as const, id: o.id }] : []),
];

/** The order's real state in one or two sentences. */
function describeOrder(o: OrderDetailDto): string {
  const head = `${orderName(o)}当前状态：${o.statusLabel}。`;
  switch (o.status) {
    case 'pending_payment':
      return `${head}还没有付款，请在 ${when(o.payDeadline)} 前付款（应付 ${yuan(o.payAmount)}），超时订单会自动取消。`;
    case 'paid':
      return o.shipHold
        ? `${head}已于 ${when(o.paidAt!)} 付款，暂缓发货：${o.shipHold.reason}。`
        : `${head}已于 ${when(o.paidAt!)} 付款，商家还没有发货，发货后这里会显示快递公司和运单号。`;
    case 'shipped': {
      const l = o.logistics!;
      const last = l.nodes.at(-1);
      return (
        `${head}已于 ${when(l.shippedAt)} 由${l.carrier}发出，运单号 ${l.trackingNo}。` +
        (last ? `最新物流：${last.text}（${when(last.at)}）。` : '') +
        (o.autoConfirmAt ? `若未手动确认，系统将于 ${when(o.autoConfirmAt)} 自动确认收货。` : '')
      );
    }
    case 'delivered':
      return `${head}已于 ${when(o.deliveredAt!)} 确认收货。`;
    case 'completed':
      return `${head}交易已于 ${when(o.completedAt!)} 完成。`;
    case 'cancelled':
      return `${head}订单已于 ${when(o.cancelledAt!)} 取消${o.cancelReason ? `（${o.cancelReason}）` : ''}。`;
    case 'closed':
      return `${head}订单已关闭，已退款 ${yuan(o.refundedAmount)}。`;
  }
}

/** Which of several orders a status question most likely means, from its words: parcels move, shipping waits. */
function statusWanted(text: string): (o: OrderSummaryDto) => boolean {
  if (/付款|支付|付钱/.test(text)) return (o) => o.status === 'pending_payment';
  if (/发货|发了|发出|发没/.test(text)) return (o) => o.status === 'paid' || o.status === 'shipped';
  if (/快递|物流|到哪|送到|包裹|运单|单号|派送|几天到|收到/.test(text)) return (o) => o.status === 'shipped';
  return (o) => ['shipped', 'paid'].includes(o.status);
}

export async function orderStatus(ctx: Ctx, turn: AssistantTurn): Promise<Draft> {
  const slot = await findOrder(ctx, turn, statusWanted(turn.text));
  if (slot.kind !== 'found') return missingOrder(slot);
  const o = slot.order;
  return {
    text: describeOrder(o),
    cards: orderCards(o),
    quickReplies: o.status === 'shipped' ? ['怎么退货', '转人工'] : ['转人工'],
    toolsUsed: [{ tool: 'orders.getMyOrder', summary: `${o.orderNo} ${o.statusLabel}` }],
  };
}

export async function proposeCancel(ctx: Ctx, turn: AssistantTurn): Promise<Draft> {
  const slot = await findOrder(ctx, turn, (o) => o.status === 'pending_payment');
  if (slot.kind !== 'found') return missingOrder(slot);
  const o = slot.order;
  const toolsUsed = [{ tool: 'orders.getMyOrder', summary: `${o.orderNo} ${o.statusLabel}` }];
  if (o.status === 'pending_payment') {
    const label = `取消${orderName(o)}`;
    return {
      text: `${orderName(o)}还没有付款，可以取消，取消后库存会释放、用过的优惠券会退回。确认取消吗？`,
      cards: orderCards(o),
      proposedAction: await propose(
        ctx,
        turn.conversationId,
        { kind: 'cancel_order', orderId: o.id, orderNo: o.orderNo },
        label,
      ),
      toolsUsed,
    };
  }
  const why =
    o.status === 'paid'
      ? '已经付款，不能直接取消；商家发货前可以申请「仅退款」，说「我要退款」我来帮你发起。'
      : ['shipped', 'delivered'].includes(o.status)
        ? '商品已经发出，不能取消；收到后可以申请退货退款。'
        : '订单已经结束，不需要再取消。';
  return { text: `${orderName(o)}当前状态：${o.statusLabel}，${why}`, cards: orderCards(o), toolsUsed };
}

export async function runCancel(ctx: Ctx, orderId: string): Promise<Draft> {
  const o = await cancelOrder(ctx, orderId, '买家通过客服助手取消');
  return {
    text: `已取消${orderName(o)}，当前状态：${o.statusLabel}。`,
    cards: [{ kind: 'order', id: o.id }],
    toolsUsed: [{ tool: 'orders.cancelOrder', summary: `${o.orderNo} → ${o.statusLabel}` }],
  };
}
