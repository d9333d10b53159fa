import type { Ctx } from '../../platform/context.ts';
import { tokenize } from '../../platform/segmenter.ts';
import { listAddresses } from '../accounts/api.ts';
import { changeOrderAddress, type OrderDetailDto, previewOrderAddressChange } from '../orders/api.ts';
import type { AssistantTurn } from '../service/api.ts';
import { propose } from './confirmations.ts';
import { orderCards, missingOrder } from './order-answers.ts';
import { findOrder, orderName } from './order-slot.ts';
import { type Draft, HUMAN_OFFER } from './reply.ts';
import type { ConfirmableAction } from './schema.ts';

// Change the address of an order that has not shipped (docs/SERVICE.md, "Changing the address"): the order slot
// finds the order, the buyer's own address book (accounts' use-case, as the buyer) gives the candidates, the
// orders module's preview says whether the change would be allowed, and only a confirmed token runs the change
// through the same use-case the shop's order page uses.

type Address = Awaited<ReturnType<typeof listAddresses>>[number];
type OrderAddress = OrderDetailDto['address'];

const CHANGEABLE = ['pending_payment', 'paid'];
const ORDINALS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
/** Address words too common to tell two addresses apart. */
const PLAIN = new Set('地址 收货 收件 省 市 区 县 路 号 街道 自治区 小区 单元 室 楼 栋'.split(' '));

/** "上海市 徐汇区 漕溪北路 88 号" — municipalities say their name once. */
const addressText = (a: Pick<OrderAddress, 'province' | 'city' | 'district' | 'detail'>) =>
  [a.province, a.city === a.province ? '' : a.city, a.district, a.detail].filter(Boolean).join(' ');

const sameAs = (a: Address, o: OrderAddress) =>
  a.recipient === o.recipient &&
  a.phone === o.phone &&
  a.province === o.province &&
  a.city === o.city &&
  a.district === o.district &&
  a.detail === o.detail;

/** The address the message points at: "第 2 个", or the one whose words (城市、小区、公司…) it names. */
function pointedAt(text: string, candidates: Address[], all: Address[]): Address | undefined {
  const ordinal = /第\s*([1-9一二两三四五])\s*个/.exec(text)?.[1];
  if (ordinal) {
    const n = ORDINALS[ordinal] ?? Number(ordinal);
    return candidates.find((a) => a.id === all[n - 1]?.id);
  }
  const score = (a: Address) => {
    const short = (s: string) => s.replace(/(省|市|区|县|自治区|维吾尔|壮族|回族|特别行政区)+$/, '');
    const words = [
      a.recipient,
      short(a.province),
      short(a.city),
      short(a.district),
      ...tokenize(a.detail).filter((w) => w.length > 1 && !/\d/.test(w)),
    ];
    return words.filter((w) => w.length > 1 && !PLAIN.has(w) && text.includes(w)).length;
  };
  const scored = candidates.map((a) => ({ a, s: score(a) })).sort((x, y) => y.s - x.s);
  const [best, next] = scored;
  return best && best.s > 0 && (!next || next.s < best.s) ? best.a : undefined;
}

export async function proposeAddressChange(ctx: Ctx, turn: AssistantTurn): Promise<Draft> {
  const slot = await findOrder(ctx, turn, (o) => CHANGEABLE.includes(o.status));
  if (slot.kind !== 'found') return missingOrder(slot);
  const o = slot.order;
  const cards = orderCards(o);
  const toolsUsed = [{ tool: 'orders.getMyOrder', summary: `${o.orderNo} ${o.statusLabel}` }];
  if (o.status === 'shipped') {
    return {
      text: `${orderName(o)}已发货，无法修改收货地址。可以联系快递改派，或拒收后申请退货退款。${HUMAN_OFFER}`,
      cards,
      quickReplies: ['转人工'],
      toolsUsed,
    };
  }
  if (!CHANGEABLE.includes(o.status)) {
    return { text: `${orderName(o)}当前状态：${o.statusLabel}，无法修改收货地址。`, cards, toolsUsed };
  }

  const all = await listAddresses(ctx);
  toolsUsed.push({ tool: 'accounts.listAddresses', summary: `${all.length} 个地址` });
  const others = all.filter((a) => !sameAs(a, o.address));
  const now = `${orderName(o)}还没有发货，收货地址可以改，现在寄往：${addressText(o.address)}。`;
  const howToAdd =
    '已下单的订单不会随地址簿自动更新：请先在「我的 - 收货地址」新增正确的地址（或在订单详情页点「修改地址」），再告诉我「改地址」。';
  if (others.length === 0) return { text: `${now}你的地址簿里没有其他地址。${howToAdd}`, cards, toolsUsed };

  const pointed = pointedAt(turn.text, others, all);
  // Fixing a wrong phone or name needs a corrected address first, not another of the saved ones.
  if (!pointed && /电话|手机|号码|收件人|收货人|名字|门牌/.test(turn.text))
    return { text: `${now}${howToAdd}`, cards, toolsUsed };
  const pick = pointed ?? (others.length === 1 ? others[0] : undefined);
  if (!pick) {
    const listed = all.slice(0, 5).map((a, i) => ({ a, n: i + 1 }));
    const choices = listed.filter(({ a }) => others.includes(a));
    return {
      text: `${now}要改到地址簿里的哪一个？\n${choices.map(({ a, n }) => `${n}. ${a.recipient} ${addressText(a)}`).join('\n')}`,
      cards,
      quickReplies: choices.slice(0, 3).map(({ n }) => `地址改成第${n}个`),
      toolsUsed,
    };
  }

  const preview = await previewOrderAddressChange(ctx, o.id, pick.id);
  toolsUsed.push({
    tool: 'orders.previewOrderAddressChange',
    summary: preview.ok ? 'allowed' : `refused: ${preview.type}`,
  });
  if (!preview.ok)
    return {
      text: `${now}改到「${addressText(pick)}」不行：${preview.title}，${preview.detail}。${HUMAN_OFFER}`,
      cards,
      toolsUsed,
    };
  const action: ConfirmableAction = {
    kind: 'change_address',
    orderId: o.id,
    orderNo: o.orderNo,
    addressId: pick.id,
    addressText: `${pick.recipient} ${addressText(pick)}`,
  };
  return {
    text: `${now}将改为：${action.addressText}，运费不变。确认修改吗？`,
    cards,
    proposedAction: await propose(ctx, turn.conversationId, action, `修改${orderName(o)}的收货地址`),
    toolsUsed,
  };
}

export async function runAddressChange(
  ctx: Ctx,
  action: Extract<ConfirmableAction, { kind: 'change_address' }>,
): Promise<Draft> {
  const result = await changeOrderAddress(ctx, action.orderId, action.addressId);
  if (!result.ok) {
    return {
      text: `收货地址没有修改：${result.title}${result.detail ? `，${result.detail}` : ''}。${HUMAN_OFFER}`,
      toolsUsed: [{ tool: 'orders.changeOrderAddress', summary: `refused: ${result.type}` }],
    };
  }
  const o = result.value;
  return {
    text: `已将${orderName(o)}的收货地址改为：${o.address.recipient} ${addressText(o.address)}，商家会按新地址发货。`,
    cards: [{ kind: 'order', id: o.id }],
    toolsUsed: [{ tool: 'orders.changeOrderAddress', summary: `${o.orderNo} ${o.address.province}${o.address.city}` }],
  };
}
