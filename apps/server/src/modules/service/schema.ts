import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Where 联系客服 was pressed; it decides the shop (or the platform) and the skill an agent needs. */
export const SOURCES = ['product', 'order', 'after_sale', 'live', 'me'] as const;
export type Source = (typeof SOURCES)[number];
/** assistant: the assistant answers; waiting: handed over, in the queue; active: an agent has it; closed. */
export const CONVERSATION_STATUSES = ['assistant', 'waiting', 'active', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export const SKILLS = ['presale', 'order', 'aftersale'] as const;
export type Skill = (typeof SKILLS)[number];
export const CLOSE_REASONS = ['resolved', 'no_reply', 'duplicate', 'transferred_out', 'other', 'idle'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export interface ConversationContext {
  productId?: string;
  orderId?: string;
  afterSaleId?: string;
  liveSessionId?: string;
}

/**
 * One conversation between a consumer and a shop's service (merchantId set) or the platform's (merchantId null).
 * `lastSeq` numbers its messages, so a client that reconnects asks for everything after the last one it saw.
 */
export const conversations = pgTable(
  'service_conversations',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    merchantId: text('merchant_id'),
    source: text('source', { enum: SOURCES }).notNull(),
    context: jsonb('context').$type<ConversationContext>().notNull(),
    skill: text('skill', { enum: SKILLS }).notNull(),
    status: text('status', { enum: CONVERSATION_STATUSES }).notNull(),
    agentId: text('agent_id'),
    /** Set once any person (agent) took part: auto-resolution counts conversations closed without one. */
    humanJoinedAt: timestamp('human_joined_at', { withTimezone: true }),
    handoverReason: text('handover_reason'),
    handedOverAt: timestamp('handed_over_at', { withTimezone: true }),
    /** The SLA: a person answers by then (5 minutes after hand-over). */
    firstResponseDueAt: timestamp('first_response_due_at', { withTimezone: true }),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    slaBreachedAt: timestamp('sla_breached_at', { withTimezone: true }),
    lastSeq: integer('last_seq').notNull().default(0),
    consumerReadSeq: integer('consumer_read_seq').notNull().default(0),
    agentReadSeq: integer('agent_read_seq').notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeReason: text('close_reason', { enum: CLOSE_REASONS }),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('service_conversations_user_idx').on(t.userId, t.lastMessageAt),
    index('service_conversations_queue_idx').on(t.merchantId, t.status, t.handedOverAt),
    index('service_conversations_agent_idx').on(t.agentId, t.status),
    index('service_conversations_sla_idx')
      .on(t.firstResponseDueAt)
      .where(sql`${t.firstResponseAt} is null and ${t.slaBreachedAt} is null`),
    // One open conversation per consumer and shop (or platform), also when two taps race.
    uniqueIndex('service_conversations_one_open_uq')
      .on(t.userId, sql`coalesce(${t.merchantId}, '')`)
      .where(sql`${t.status} <> 'closed'`),
    check('service_conversations_rating_ck', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
  ],
);

export const SENDERS = ['consumer', 'assistant', 'agent', 'system'] as const;
export type Sender = (typeof SENDERS)[number];
export const MESSAGE_KINDS = ['text', 'image', 'card'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface MessageCard {
  kind: 'order' | 'product' | 'after_sale' | 'logistics' | 'coupon' | 'live';
  id: string;
  title: string;
  subtitle: string | null;
  imageUrl: string | null;
}

export const messages = pgTable(
  'service_messages',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull(),
    seq: integer('seq').notNull(),
    sender: text('sender', { enum: SENDERS }).notNull(),
    senderId: text('sender_id'),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull(),
    text: text('text').notNull(),
    imageUrl: text('image_url'),
    card: jsonb('card').$type<MessageCard>(),
    quickReplies: jsonb('quick_replies').$type<string[]>().notNull(),
    /** What the assistant did before answering (tools and outcomes), shown to the agent after hand-over. */
    /** An action the assistant proposed; the consumer's confirm button sends the token back. */
    proposedAction: jsonb('proposed_action').$type<{ token: string; label: string }>(),
    toolsUsed: jsonb('tools_used').$type<{ tool: string; summary: string }[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('service_messages_seq_uq').on(t.conversationId, t.seq)],
);

/** An agent's internal note on a conversation; the consumer never sees it. */
export const notes = pgTable(
  'service_notes',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull(),
    authorId: text('author_id').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('service_notes_conversation_idx').on(t.conversationId, t.createdAt)],
);

/** A person on a service desk: a shop's (desk = merchant id) or the platform's (desk = 'platform'). */
export const agents = pgTable(
  'service_agents',
  {
    desk: text('desk').notNull(),
    userId: text('user_id').notNull(),
    online: boolean('online').notNull(),
    /** Empty: takes every skill. */
    skills: text('skills', { enum: SKILLS }).array().notNull(),
    maxConcurrent: integer('max_concurrent').notNull(),
    /** Conversations the agent holds now; assignment only raises it while below maxConcurrent. */
    activeCount: integer('active_count').notNull().default(0),
    /** Round-robin: the agent assigned longest ago goes next. */
    lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.desk, t.userId] }), check('service_agents_active_ck', sql`${t.activeCount} >= 0`)],
);

/** A desk's canned replies (快捷回复). */
export const cannedReplies = pgTable(
  'service_canned_replies',
  {
    id: text('id').primaryKey(),
    desk: text('desk').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('service_canned_replies_desk_idx').on(t.desk, t.createdAt)],
);
