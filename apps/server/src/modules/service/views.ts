import { desc, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { publicProfiles } from '../accounts/api.ts';
import { getMerchantBriefs } from '../catalog/api.ts';
import type { ConversationDto, MessageDto } from './dto.ts';
import { type conversations, messages, type Sender } from './schema.ts';

type ConversationRow = typeof conversations.$inferSelect;
type MessageRow = typeof messages.$inferSelect;

const SENDER_NAMES: Record<Sender, string> = {
  consumer: '我',
  assistant: '智能助手',
  agent: '人工客服',
  system: '系统',
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toMessageDto = (m: MessageRow): MessageDto => ({
  id: m.id,
  conversationId: m.conversationId,
  seq: m.seq,
  sender: m.sender,
  senderName: SENDER_NAMES[m.sender],
  kind: m.kind,
  text: m.text,
  imageUrl: m.imageUrl,
  card: m.card ?? null,
  quickReplies: m.quickReplies,
  proposedAction: m.proposedAction ?? null,
  createdAt: m.createdAt.toISOString(),
});

/** Conversations as both sides see them: the customer's nickname, the desk's name and the last message. */
export async function conversationViews(db: Db, rows: ConversationRow[]): Promise<ConversationDto[]> {
  if (rows.length === 0) return [];
  const [people, shops, last] = await Promise.all([
    publicProfiles(
      db,
      rows.map((r) => r.userId),
    ),
    getMerchantBriefs(
      db,
      rows.flatMap((r) => (r.merchantId ? [r.merchantId] : [])),
    ),
    lastMessages(db, rows),
  ]);
  return rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    customerName: people.get(r.userId)?.nickname ?? '顾客',
    merchantId: r.merchantId,
    deskName: r.merchantId ? (shops.get(r.merchantId)?.name ?? '店铺客服') : '平台客服',
    source: r.source,
    context: r.context,
    skill: r.skill,
    status: r.status,
    agentId: r.agentId,
    handoverReason: r.handoverReason,
    handedOverAt: iso(r.handedOverAt),
    firstResponseDueAt: iso(r.firstResponseDueAt),
    firstResponseAt: iso(r.firstResponseAt),
    slaBreached: r.slaBreachedAt !== null,
    lastSeq: r.lastSeq,
    consumerReadSeq: r.consumerReadSeq,
    agentReadSeq: r.agentReadSeq,
    lastMessageAt: r.lastMessageAt.toISOString(),
    lastMessageText: last.get(r.id) ?? null,
    closedAt: iso(r.closedAt),
    closeReason: r.closeReason,
    rating: r.rating,
    ratingComment: r.ratingComment,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function conversationView(db: Db, row: ConversationRow): Promise<ConversationDto> {
  return (await conversationViews(db, [row]))[0]!;
}

async function lastMessages(db: Db, rows: ConversationRow[]): Promise<Map<string, string>> {
  const wanted = rows.filter((r) => r.lastSeq > 0);
  if (wanted.length === 0) return new Map();
  const found = await db
    .selectDistinctOn([messages.conversationId], {
      conversationId: messages.conversationId,
      text: messages.text,
      kind: messages.kind,
    })
    .from(messages)
    .where(
      inArray(
        messages.conversationId,
        wanted.map((r) => r.id),
      ),
    )
    .orderBy(messages.conversationId, desc(messages.seq));
  return new Map(found.map((m) => [m.conversationId, m.kind === 'image' ? '[图片]' : m.text]));
}
