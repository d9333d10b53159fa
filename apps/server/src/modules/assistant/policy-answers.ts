import type { Ctx } from '../../platform/context.ts';
import type { AssistantTurn } from '../service/api.ts';
import { searchPolicies } from './knowledge.ts';
import { answersQuestion, terms } from './retrieval.ts';
import type { Draft } from './reply.ts';

// Shop policies and invoices from the FAQ corpus (data/faq.json); no matching entry means a person answers.

const MIN_SCORE = 1.0;

export function policy(ctx: Ctx, turn: AssistantTurn, intent: string): Draft {
  // Invoices have one answer, whatever the wording; the classifier's confidence is enough.
  if (intent === 'invoice') {
    const entry = searchPolicies(ctx.deps.config, '发票').find((h) => h.item.intent === 'invoice')!;
    return {
      text: entry.item.answer,
      quickReplies: ['转人工'],
      toolsUsed: [{ tool: 'faq.search', summary: entry.item.id }],
    };
  }
  const hits = searchPolicies(ctx.deps.config, turn.text);
  // The entry written for this intent wins a near tie: "发票怎么开" should not get the contact-merchant entry.
  const best = hits.find((h) => h.item.intent === intent && h.score >= hits[0]!.score * 0.6) ?? hits[0];
  // Most of what was asked must be in the entry: "运费险" shares 运费 with the shipping-fee entry but is not it.
  const asked = terms(turn.text);
  if (!best || best.score < MIN_SCORE || !answersQuestion(asked, best.matched)) {
    return { text: '这个问题我在平台规则里没有找到明确答案，不想猜测误导你，', handover: 'low_confidence' };
  }
  return {
    text: best.item.answer,
    quickReplies: ['转人工'],
    toolsUsed: [{ tool: 'faq.search', summary: best.item.id }],
  };
}

export const greeting = (turn: AssistantTurn): Draft =>
  /谢|好的|明白|没事|ok|嗯/i.test(turn.text)
    ? { text: '不客气，还有其他问题随时问我。' }
    : {
        text: '你好，我是好物客服助手，可以帮你查订单物流、退货退款、优惠券和积分、商品信息；需要人工时说「转人工」。',
        quickReplies: ['我的订单到哪了', '怎么退货', '我有多少积分', '转人工'],
      };
