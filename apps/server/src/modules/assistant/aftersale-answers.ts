import type { Ctx } from '../../platform/context.ts';
import {
  checkNoReason,
  checkOrderStatus,
  listAfterSales,
  noReasonDeadline,
  REASON_LABEL,
  requestAfterSale,
  TYPE_LABEL,
} from '../aftersales/api.ts';
import { getPublicProduct } from '../catalog/api.ts';
import type { OrderDetailDto } from '../orders/api.ts';
import type { AssistantTurn } from '../service/api.ts';
import { propose } from './confirmations.ts';
import { searchPolicies } from './knowledge.ts';
import { productFacts } from './product-answers.ts';
import { findOrder, orderName, orderNotFound } from './order-slot.ts';
import { type Draft, HUMAN_OFFER, when, yuan } from './reply.ts';
import type { AfterSaleReasonCode, ConfirmableAction } from './schema.ts';
import { reasonIn, wantsRefundOnly } from './signals.ts';

// How to return this item (the after-sales module's own 7-day rule applied to this order's dates), starting an
// after-sale (proposed, then run on confirmation through the buyer's request use-case), and its progress.

const RETURNABLE = (o: { status: string }) => ['paid', 'shipped', 'delivered'].includes(o.status);

/** The line the message is about: the one whose title it names, else the first with units left to claim. */
function lineOf(o: OrderDetailDto, text: string) {
  const named = o.lines.find((l) => text.includes(l.title.slice(0, 4)));
  return named ?? o.lines.find((l) => l.qty > l.refundedQty) ?? o.lines[0]!;
}

export async function returnPolicy(ctx: Ctx, turn: AssistantTurn): Promise<Draft> {
  // "可以机洗吗" on a product page is not about returns, whatever the classifier leaned to.
  if (!/退|换|无理由|七天|7天/.test(turn.text)) {
    return turn.context.productId
      ? { ...(await productFacts(ctx, turn)), answeredAs: 'product_fact' }
      : { text: '我没有理解你想问退换货的哪方面，', handover: 'low_confidence' };
  }
  // Who pays the return postage is agreed between the buyer and the shop case by case: no rule to quote.
  if (/运费|邮费|快递费/.test(turn.text))
    return { text: '退货运费由你和店铺按退货原因协商，我这里没有可以确认的规则，', handover: 'low_confidence' };
  // Asked from a product page with no order in view: the product's own policy.
  if (turn.context.productId && !turn.context.orderId && !/订单|\d{14}/.test(turn.text)) {
    const p = await getPublicProduct(ctx, turn.context.productId);
    return {
      text: `「${p.title}」${p.returnPolicy.text}。七天无理由退货从签收起算 7×24 小时；质量问题、发错货、与描述不符不受此限制。`,
      cards: [{ kind: 'product', id: p.id }],
      toolsUsed: [{ tool: 'catalog.getPublicProduct', summary: p.returnPolicy.text }],
    };
  }
  const slot = await findOrder(ctx, turn, RETURNABLE);
  if (slot.kind === 'unknown-number') return { text: orderNotFound(slot.orderNo) };
  if (slot.kind === 'none')
    return { text: '你还没有可以退货的订单。七天无理由退货从签收起算 7×24 小时，商品需完好、不影响二次销售。' };
  const o = slot.order;
  const line = lineOf(o, turn.text);
  const toolsUsed = [{ tool: 'orders.getMyOrder', summary: `${o.orderNo} ${o.statusLabel}` }];
  const cards: Draft['cards'] = [{ kind: 'order', id: o.id }];
  const statusRefusal = checkOrderStatus(o.status);
  if (statusRefusal) return { text: `${orderName(o)}：${statusRefusal.detail}。${HUMAN_OFFER}`, cards, toolsUsed };
  const now = ctx.now();
  const deliveredAt = o.deliveredAt ? new Date(o.deliveredAt) : null;
  const noReason = checkNoReason(line.returnPolicy, deliveredAt, now);
  let text: string;
  if (o.status === 'paid') {
    text = `${orderName(o)}还没有发货，可以直接申请「仅退款」，不用寄回。`;
  } else if (noReason) {
    text = `「${line.title}」${noReason.detail}。`;
  } else if (deliveredAt) {
    text = `「${line.title}」支持七天无理由退货。你于 ${when(deliveredAt)} 确认收货，可在 ${when(noReasonDeadline(deliveredAt))} 前申请退货退款，商品需完好、不影响二次销售。`;
  } else {
    text = `「${line.title}」支持七天无理由退货，订单当前「${o.statusLabel}」，签收后 7×24 小时内可以申请退货退款。`;
  }
  return {
    text: `${text}需要的话说「我要退货」，我帮你发起申请。`,
    cards,
    quickReplies: ['我要退货', '转人工'],
    toolsUsed,
  };
}

export async function proposeAfterSale(ctx: Ctx, turn: AssistantTurn): Promise<Draft> {
  const slot = await findOrder(ctx, turn, RETURNABLE);
  if (slot.kind === 'unknown-number') return { text: orderNotFound(slot.orderNo) };
  if (slot.kind === 'none') return { text: '你还没有可以申请售后的订单。' };
  const o = slot.order;
  const cards: Draft['cards'] = [{ kind: 'order', id: o.id }];
  const toolsUsed = [{ tool: 'orders.getMyOrder', summary: `${o.orderNo} ${o.statusLabel}` }];
  const statusRefusal = checkOrderStatus(o.status);
  if (statusRefusal) {
    const hint = o.status === 'pending_payment' ? '还没付款的订单可以直接取消，说「取消订单」即可。' : HUMAN_OFFER;
    return { text: `${orderName(o)}：${statusRefusal.detail}。${hint}`, cards, toolsUsed };
  }
  const line = lineOf(o, turn.text);
  if (line.qty <= line.refundedQty)
    return { text: `「${line.title}」已经全部退款了。${HUMAN_OFFER}`, cards, toolsUsed };
  const shipped = o.status !== 'paid';
  const type = !shipped || (wantsRefundOnly(turn.text) && o.status === 'shipped') ? 'refund_only' : 'return_refund';
  let reasonCode: AfterSaleReasonCode = reasonIn(turn.text);
  if (reasonCode === 'no_reason') {
    const refusal =
      type === 'return_refund'
        ? checkNoReason(line.returnPolicy, o.deliveredAt ? new Date(o.deliveredAt) : null, ctx.now())
        : undefined;
    if (refusal)
      return {
        text: `「${line.title}」${refusal.detail}。如果商品有质量问题、发错货或与描述不符，请告诉我具体情况。`,
        cards,
        toolsUsed,
      };
    if (type === 'refund_only') reasonCode = 'other';
  }
  const action: ConfirmableAction = {
    kind: 'start_aftersale',
    orderId: o.id,
    orderNo: o.orderNo,
    lineId: line.id,
    title: line.title,
    type,
    reasonCode,
    description: turn.text.slice(0, 200),
  };
  const label = `申请${TYPE_LABEL[type]}：${line.title} ×1（${REASON_LABEL[reasonCode]}）`;
  return {
    text: `将为${orderName(o)}中的「${line.title}」申请${TYPE_LABEL[type]}，原因：${REASON_LABEL[reasonCode]}，数量 1 件，退款金额以提交后的计算为准。确认提交吗？`,
    cards,
    proposedAction: await propose(ctx, turn.conversationId, action, label),
    toolsUsed,
  };
}

export async function runAfterSale(
  ctx: Ctx,
  action: Extract<ConfirmableAction, { kind: 'start_aftersale' }>,
): Promise<Draft> {
  const result = await requestAfterSale(ctx, {
    orderId: action.orderId,
    lineId: action.lineId,
    qty: 1,
    type: action.type,
    reasonCode: action.reasonCode,
    description: action.description,
    images: [],
  });
  if (!result.ok) {
    return {
      text: `售后申请没有提交成功：${result.detail ?? result.title}。${HUMAN_OFFER}`,
      toolsUsed: [{ tool: 'aftersales.requestAfterSale', summary: `refused: ${result.type}` }],
    };
  }
  const a = result.value;
  return {
    text: `已提交售后申请：${a.typeLabel}「${a.productTitle}」，退款金额 ${yuan(a.amount + a.shippingAmount)}，当前状态：${a.statusLabel}。${a.dueAt ? `商家需在 ${when(a.dueAt)} 前处理，逾期平台会介入。` : ''}`,
    cards: [{ kind: 'after_sale', id: a.id }],
    toolsUsed: [{ tool: 'aftersales.requestAfterSale', summary: `${a.id} ${a.statusLabel}` }],
  };
}

export async function afterSaleProgress(ctx: Ctx, turn: AssistantTurn): Promise<Draft> {
  const { items } = await listAfterSales(ctx, 'buyer', { limit: 5 });
  const mine = turn.context.afterSaleId ? items.filter((a) => a.id === turn.context.afterSaleId) : items;
  const a = mine[0] ?? items[0];
  if (!a) {
    const rule = searchPolicies(ctx.deps.config, '售后 商家 多久 处理').find((h) => h.item.id === 'aftersale-time');
    return { text: `你目前没有售后申请。${rule ? rule.item.answer : ''}需要退货退款的话，告诉我是哪个订单。` };
  }
  const refund = a.refund
    ? a.refund.status === 'completed'
      ? `退款 ${yuan(a.refund.amount)} 已于 ${when(a.refund.completedAt!)} 原路退回。`
      : `退款 ${yuan(a.refund.amount)} 处理中，将原路退回。`
    : '';
  return {
    text: `你的售后申请（订单 ${a.orderNo}「${a.productTitle}」，${a.typeLabel}）当前状态：${a.statusLabel}。${refund}${a.status === 'requested' && a.dueAt ? `商家需在 ${when(a.dueAt)} 前处理。` : ''}`,
    cards: [{ kind: 'after_sale', id: a.id }],
    toolsUsed: [{ tool: 'aftersales.listAfterSales', summary: `${a.id} ${a.statusLabel}` }],
  };
}
