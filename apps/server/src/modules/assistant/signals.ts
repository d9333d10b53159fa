import type { HandoverReason } from '../service/api.ts';

// Messages a person must take whatever the classifier thinks: an explicit request for a human, a claim for
// compensation (only a person may promise money), and anger (a template answer to an angry customer makes it worse).

const REQUESTED = /转人工|人工客服|人工服务|人工|真人|活人|不要机器人|别.{0,3}机器人|找.{0,2}客服来|叫.{0,4}客服/;
const COMPENSATION = /赔偿|补偿|赔钱|赔付|假一赔|退一赔|赔我|索赔|给.{0,3}说法/;
const NEGATIVE =
  /垃圾|骗子|骗钱|骗人|投诉|气死|差评|破东西|坑人|坑爹|恶心|无语|太差|烂透|什么玩意|消协|12315|工商局|再也不买|滚|傻|草泥马|tm的|他妈/;

export function handoverSignal(
  text: string,
): Extract<HandoverReason, 'requested' | 'compensation' | 'negative_sentiment'> | undefined {
  if (REQUESTED.test(text)) return 'requested';
  if (COMPENSATION.test(text)) return 'compensation';
  if (NEGATIVE.test(text)) return 'negative_sentiment';
  return undefined;
}

/** Order numbers are 14 digits (orders/order-no.ts); customers sometimes put spaces or dashes inside. */
export function orderNoIn(text: string): string | undefined {
  const digits = text.normalize('NFKC').replace(/(\d)[\s-](?=\d)/g, '$1');
  return /(?<!\d)(\d{14})(?!\d)/.exec(digits)?.[1];
}

/** What the customer says went wrong, as an after-sale reason; no_reason when nothing is named. */
export function reasonIn(text: string): 'quality' | 'wrong_item' | 'not_as_described' | 'not_received' | 'no_reason' {
  if (/发错|错发|不是我买的|少发|漏发/.test(text)) return 'wrong_item';
  if (/没收到|未收到|没到货|丢件|丢了/.test(text)) return 'not_received';
  if (/不符|色差|不一样|假货|和图片|跟图片|描述/.test(text)) return 'not_as_described';
  if (/坏|烂|霉|臭|破|裂|质量|瑕疵|漏|变质|过期|不能用|用不了|故障|划痕|起球|开线/.test(text)) return 'quality';
  return 'no_reason';
}

/** Refund without sending goods back ("仅退款") when the customer says so or the goods never arrived. */
export const wantsRefundOnly = (text: string) => /仅退款|只退款|不退货|不用退货|没收到|未收到/.test(text);
