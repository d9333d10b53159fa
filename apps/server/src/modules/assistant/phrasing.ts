import type { Ctx } from '../../platform/context.ts';
import { STATUS_LABEL as AFTER_SALE_STATUS } from '../aftersales/api.ts';
import type { AssistantReply } from '../service/api.ts';
import type { Draft } from './reply.ts';

// Optional phrasing by a large language model (any OpenAI-compatible endpoint: LLM_BASE_URL, LLM_API_KEY,
// LLM_MODEL). The model only rewords the template answer; the grounding guard throws its text away unless every
// number, date, time, amount and status in it also appears in the template answer or the tool results. Any error,
// timeout or ungrounded text falls back to the template, so the assistant never depends on the model.

const TIMEOUT_MS = 4000;
const ORDER_STATUS = ['待付款', '待发货', '待收货', '已收货', '已完成', '已取消', '已关闭'];
// Words that state a fact about an order or a refund: the model may only repeat them, never introduce them.
const STATUS_WORDS = [
  ...ORDER_STATUS,
  ...Object.values(AFTER_SALE_STATUS),
  '已发货',
  '已签收',
  '已付款',
  '已退款',
  '已到账',
  '派送中',
  '运输中',
  '已揽收',
  '今天',
  '明天',
  '后天',
  '昨天',
];

const numbersIn = (s: string) => s.normalize('NFKC').match(/\d+(?:[.:：]\d+)*/g) ?? [];

/** True when every number, date, amount and status word of `candidate` appears in `sources`. */
export function isGrounded(candidate: string, sources: string): boolean {
  const known = sources.normalize('NFKC');
  // Whole numbers only: "2" is not grounded by the 2 inside an order number. ¥99.00 may be said as 99.
  const knownNumbers = new Set(numbersIn(known).flatMap((n) => (n.endsWith('.00') ? [n, n.slice(0, -3)] : [n])));
  if (!numbersIn(candidate).every((n) => knownNumbers.has(n))) return false;
  return STATUS_WORDS.every((w) => !candidate.includes(w) || known.includes(w));
}

export async function phrase(
  ctx: Ctx,
  draft: Draft,
  meta: { intent: string; confidence: number },
  question: string,
): Promise<AssistantReply> {
  const reply: AssistantReply = { ...draft, ...meta };
  const { LLM_BASE_URL: base, LLM_API_KEY: key, LLM_MODEL: model } = ctx.deps.config;
  // Hand-overs and confirmations keep their exact wording: the button label and the promise must match.
  if (!base || draft.handover || draft.proposedAction) return reply;
  const sources = [draft.text, ...(draft.toolsUsed ?? []).map((t) => t.summary)].join('\n');
  try {
    const res = await fetch(`${base.replace(/\/$/, '')}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({
        model,
        temperature: 0.2,
        messages: [
          {
            role: 'system',
            content:
              '你是电商平台的客服。把“事实答案”改写得更自然、亲切，用简体中文，不超过 120 字。' +
              '只能使用事实答案里的信息：不得增加、修改或推测任何数字、日期、金额、状态或承诺。',
          },
          { role: 'user', content: `顾客问：${question}\n事实答案：${draft.text}` },
        ],
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) return reply;
    const body = (await res.json()) as { choices?: { message?: { content?: string } }[] };
    const text = body.choices?.[0]?.message?.content?.trim();
    if (!text || !isGrounded(text, sources)) return reply;
    return { ...reply, text, toolsUsed: [...(draft.toolsUsed ?? []), { tool: 'llm.phrase', summary: model }] };
  } catch {
    return reply;
  }
}
