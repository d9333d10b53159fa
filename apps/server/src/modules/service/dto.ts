import { z } from 'zod';
import { CLOSE_REASONS, CONVERSATION_STATUSES, MESSAGE_KINDS, SENDERS, SKILLS, SOURCES } from './schema.ts';

const Id = z.string().min(1).max(64);

export const OpenBody = z.object({
  source: z.enum(SOURCES),
  productId: Id.optional(),
  orderId: Id.optional(),
  afterSaleId: Id.optional(),
  liveSessionId: Id.optional(),
  /** From 我的: a shop the consumer picks; without it the platform's service answers. */
  merchantId: Id.optional(),
});

export const SendBody = z
  .object({
    text: z.string().trim().max(1000).optional(),
    imageUrl: z.string().max(500).optional(),
    orderId: Id.optional(),
    /** The confirm button of an action the assistant proposed. */
    confirmToken: z.string().max(200).optional(),
  })
  .refine((b) => Boolean(b.text) || Boolean(b.imageUrl) || Boolean(b.orderId), {
    message: '消息不能为空',
    path: ['text'],
  });

export const ReadBody = z.object({ seq: z.number().int().min(0) });
export const RateBody = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).optional(),
});
export const CloseBody = z.object({ reason: z.enum(CLOSE_REASONS).exclude(['idle', 'transferred_out']) });
export const TransferBody = z.union([z.object({ toAgentId: Id }), z.object({ toPlatform: z.literal(true) })]);
export const NoteBody = z.object({ text: z.string().trim().min(1).max(1000) });
export const CannedBody = z.object({
  title: z.string().trim().min(1).max(40),
  text: z.string().trim().min(1).max(500),
});
export const StatusBody = z.object({
  online: z.boolean(),
  skills: z.array(z.enum(SKILLS)).max(SKILLS.length).optional(),
  maxConcurrent: z.number().int().min(1).max(50).optional(),
});
export const DeskQuery = z.object({ desk: z.enum(['shop', 'platform']).default('shop') });
export const HistoryQuery = z.object({
  /** Messages after this seq (catch-up after a reconnect), oldest first. */
  afterSeq: z.coerce.number().int().min(0).optional(),
  /** Messages before this seq (scrolling back), newest page. */
  beforeSeq: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const CardView = z.object({
  kind: z.enum(['order', 'product', 'after_sale', 'logistics', 'coupon', 'live']),
  id: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  imageUrl: z.string().nullable(),
});

export const MessageView = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: z.number().int(),
  sender: z.enum(SENDERS),
  senderName: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  text: z.string(),
  imageUrl: z.string().nullable(),
  card: CardView.nullable(),
  quickReplies: z.array(z.string()),
  proposedAction: z.object({ token: z.string(), label: z.string() }).nullable(),
  createdAt: z.string(),
});
export type MessageDto = z.infer<typeof MessageView>;

export const ConversationView = z.object({
  id: z.string(),
  userId: z.string(),
  customerName: z.string(),
  merchantId: z.string().nullable(),
  deskName: z.string(),
  source: z.enum(SOURCES),
  context: z.object({
    productId: z.string().optional(),
    orderId: z.string().optional(),
    afterSaleId: z.string().optional(),
    liveSessionId: z.string().optional(),
  }),
  skill: z.enum(SKILLS),
  status: z.enum(CONVERSATION_STATUSES),
  agentId: z.string().nullable(),
  handoverReason: z.string().nullable(),
  handedOverAt: z.string().nullable(),
  firstResponseDueAt: z.string().nullable(),
  firstResponseAt: z.string().nullable(),
  slaBreached: z.boolean(),
  lastSeq: z.number().int(),
  /** The last message the consumer and the desk have read: the other side's 已读. */
  consumerReadSeq: z.number().int(),
  agentReadSeq: z.number().int(),
  lastMessageAt: z.string(),
  lastMessageText: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  createdAt: z.string(),
});
export type ConversationDto = z.infer<typeof ConversationView>;

export const ConversationPage = z.object({ items: z.array(ConversationView), nextCursor: z.string().nullable() });
export const MessagePage = z.object({ items: z.array(MessageView), lastSeq: z.number().int() });
export const OpenedView = z.object({ conversation: ConversationView, messages: z.array(MessageView) });
export const SendResult = z.object({ messages: z.array(MessageView), conversation: ConversationView });

const QueueItem = ConversationView.extend({ waitingSeconds: z.number().int() });
const AgentView = z.object({
  userId: z.string(),
  name: z.string(),
  online: z.boolean(),
  skills: z.array(z.enum(SKILLS)),
  maxConcurrent: z.number().int(),
  activeCount: z.number().int(),
});
export const DeskView = z.object({
  desk: z.string(),
  me: AgentView.nullable(),
  agents: z.array(AgentView),
  queue: z.array(QueueItem),
  mine: z.array(ConversationView),
});

export const NoteView = z.object({ id: z.string(), authorName: z.string(), text: z.string(), createdAt: z.string() });
export const CannedView = z.object({ id: z.string(), title: z.string(), text: z.string() });
export const CustomerPanel = z.object({
  userId: z.string(),
  name: z.string(),
  memberLevel: z.string(),
  orders: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      payAmount: z.number().int(),
      title: z.string(),
      createdAt: z.string(),
    }),
  ),
  afterSales: z.array(z.object({ id: z.string(), orderId: z.string(), status: z.string(), createdAt: z.string() })),
  toolsUsed: z.array(z.object({ tool: z.string(), summary: z.string() })),
  notes: z.array(NoteView),
});

export const MetricsView = z.object({
  days: z.number().int(),
  conversations: z.number().int(),
  closed: z.number().int(),
  autoResolved: z.number().int(),
  /** closed without a person ÷ closed; null when nothing closed. */
  autoResolutionRate: z.number().nullable(),
  handedOver: z.number().int(),
  firstResponseAvgSeconds: z.number().nullable(),
  firstResponseP90Seconds: z.number().nullable(),
  withinSla: z.number().int(),
  slaBreaches: z.number().int(),
  resolutionAvgSeconds: z.number().nullable(),
  satisfactionAvg: z.number().nullable(),
  ratings: z.number().int(),
  waitingNow: z.number().int(),
  breachesOpen: z.array(QueueItem),
});
