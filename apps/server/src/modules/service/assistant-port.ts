import type { Ctx } from '../../platform/context.ts';
import { definePort } from '../../platform/port.ts';

/**
 * The customer-service assistant answers a consumer's message before a person does (docs/SERVICE.md). The service
 * module (conversations) defines this port; the assistant module provides it in its events.ts, so conversations
 * never import the assistant and the assistant can call orders, after-sales and catalog as the consumer.
 * `ctx.actor` is the consumer: every tool the assistant uses runs with the consumer's own permissions.
 */
export interface AssistantTurn {
  conversationId: string;
  text: string;
  /** What the conversation was opened from; the assistant uses it to fill slots ("this order"). */
  context: { productId?: string; orderId?: string; afterSaleId?: string; liveSessionId?: string };
  /** Set when the consumer pressed the confirm button of an action the assistant proposed earlier. */
  confirmToken?: string;
}

export type HandoverReason = 'requested' | 'low_confidence' | 'negative_sentiment' | 'compensation' | 'unsupported';

export interface AssistantCard {
  kind: 'order' | 'product' | 'after_sale' | 'logistics' | 'coupon';
  id: string;
}

export interface AssistantReply {
  /** Chinese text shown as the assistant's message; grounded in tool results, never invented. */
  text: string;
  intent: string;
  /** 0..1 — how sure the classifier was. */
  confidence: number;
  /** Set when a person should take over; the service module then queues the conversation for an agent. */
  handover?: HandoverReason;
  cards?: AssistantCard[];
  quickReplies?: string[];
  /** An action that needs the consumer's confirmation (e.g. start a return); the token comes back in confirmToken. */
  proposedAction?: { token: string; label: string };
  /** What the assistant did (tools called and their outcome), shown to the human agent after hand-over. */
  toolsUsed?: Array<{ tool: string; summary: string }>;
}

export type Assistant = (ctx: Ctx, turn: AssistantTurn) => Promise<AssistantReply>;

const port = definePort<Assistant>('service.assistant', 'assistant/events.ts');

export const provideAssistant = port.provide;
export const askAssistant: Assistant = (ctx, turn) => port.use()(ctx, turn);
