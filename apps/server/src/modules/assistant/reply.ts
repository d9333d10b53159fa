import type { AssistantReply, HandoverReason } from '../service/api.ts';

// Small helpers every answer uses: Beijing-time dates and the shape of a reply.

const SHANGHAI_MS = 8 * 3_600_000;

/** "12月6日 14:30", Beijing time — how replies show a moment. */
export function when(iso: string | Date): string {
  const d = new Date(new Date(iso).getTime() + SHANGHAI_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

export type Draft = Omit<AssistantReply, 'intent' | 'confidence'> & {
  /** Set when a handler passed the question to another intent's tool (a product question asked like a return one). */
  answeredAs?: string;
};

export const HUMAN_OFFER = '需要的话可以说「转人工」，客服会接着为你处理。';

const HANDOVER_TEXT: Record<HandoverReason, string> = {
  requested: '好的，正在为你转接人工客服，请稍候，客服会看到我们刚才的对话。',
  compensation: '赔偿和补偿需要人工客服核实后处理，我已为你转接人工客服，请稍候。',
  negative_sentiment: '非常抱歉给你带来不好的体验，我已为你转接人工客服，会尽快有人来处理。',
  low_confidence: '这个问题我没有把握回答准确，为避免误导你，已为你转接人工客服，请稍候。',
  unsupported: '这件事我还不能自助办理，已为你转接人工客服，请稍候。',
};

export function handover(reason: HandoverReason, before?: Draft): Draft {
  return {
    ...before,
    text: before ? `${before.text}\n${HANDOVER_TEXT[reason]}` : HANDOVER_TEXT[reason],
    handover: reason,
  };
}
