import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export type AfterSaleReasonCode =
  'no_reason' | 'quality' | 'wrong_item' | 'not_as_described' | 'not_received' | 'other';

/** What a confirmed proposal does; the assistant re-checks it through the owning module's use-case when it runs. */
export type ConfirmableAction =
  | { kind: 'cancel_order'; orderId: string; orderNo: string }
  | { kind: 'change_address'; orderId: string; orderNo: string; addressId: string; addressText: string }
  | {
      kind: 'start_aftersale';
      orderId: string;
      orderNo: string;
      lineId: string;
      title: string;
      type: 'refund_only' | 'return_refund';
      reasonCode: AfterSaleReasonCode;
      description: string;
    };

/**
 * An action the assistant proposed and the consumer has not confirmed yet. The token is bound to the consumer,
 * the conversation and the action, and is spent by the first confirmation (used_at), so a replayed or forwarded
 * button does nothing.
 */
export const assistantConfirmations = pgTable(
  'assistant_confirmations',
  {
    token: text('token').primaryKey(),
    userId: text('user_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    action: jsonb('action').$type<ConfirmableAction>().notNull(),
    label: text('label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('assistant_confirmations_user_idx').on(t.userId)],
);
