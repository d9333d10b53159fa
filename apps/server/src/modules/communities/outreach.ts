import { and, count, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { atomically } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { loadCommunity, requireStanding } from './access.ts';
import { claimPromoSlot } from './calendar.ts';
import { communities, communityMembers, inbox, marketingConsents, segmentMessages } from './schema.ts';
import { consentOf, type Segment, segmentFilter } from './scrm.ts';
import { recordTimeline } from './timeline.ts';

const refuse = refusals({
  'segment-empty': [422, '该分组没有可接收消息的成员'],
  'product-unavailable': [422, '商品不存在或已下架'],
});

export interface SegmentMessageInput {
  title: string;
  body: string;
  productId?: string | undefined;
  promotional: boolean;
  segment: Segment;
  /** 1:1 service: message exactly these members (still filtered by the segment's community). */
  userIds?: string[] | undefined;
}

/**
 * Sends a message to a segment's inboxes. A promotional one reaches only members who consented to marketing
 * and takes a slot of the community's weekly push cap (the 4th is refused); a service message needs neither.
 */
export async function sendSegmentMessage(ctx: Ctx, communityId: string, input: SegmentMessageInput) {
  const sender = requireUser(ctx.actor);
  return atomically(
    ctx,
    async (
      tx,
    ): Promise<
      Result<{ id: string; recipients: number; skippedNoConsent: number; week: string | null; slot: number | null }>
    > => {
      const community = await loadCommunity(tx, communityId);
      await requireStanding(tx, ctx.actor, community, 'owner');
      if (input.productId) {
        const brief = (await getProductBriefs(tx, [input.productId])).get(input.productId);
        if (!brief || brief.status !== 'listed' || (community.merchantId && brief.merchantId !== community.merchantId))
          return refuse('product-unavailable');
      }
      const members = await tx
        .select({ userId: communityMembers.userId })
        .from(communityMembers)
        .where(
          and(
            segmentFilter(tx, communityId, input.segment),
            input.userIds ? inArray(communityMembers.userId, input.userIds) : undefined,
          ),
        );
      const consents = input.promotional
        ? await consentOf(
            tx,
            members.map((m) => m.userId),
          )
        : new Map<string, boolean>();
      const recipients = input.promotional ? members.filter((m) => consents.get(m.userId) === true) : members;
      const id = newId('csm');
      const now = ctx.now();
      // The cap is told first: it is the reason that holds whoever the segment is. An empty segment below rolls the slot back.
      let slot: { week: string; slot: number } | null = null;
      if (input.promotional) {
        const claimed = await claimPromoSlot(tx, {
          communityId,
          kind: 'segment-message',
          refId: id,
          title: input.title,
          now,
        });
        if (!claimed.ok) return claimed;
        slot = claimed.value;
      }
      if (recipients.length === 0)
        return refuse(
          'segment-empty',
          input.promotional && members.length > 0 ? `${members.length} 位成员均未同意接收营销消息` : undefined,
        );
      await tx.insert(segmentMessages).values({
        id,
        communityId,
        title: input.title,
        body: input.body,
        productId: input.productId ?? null,
        promotional: input.promotional,
        segment: input.segment,
        recipients: recipients.length,
        skippedNoConsent: members.length - recipients.length,
        sentBy: sender.userId,
        createdAt: now,
      });
      await tx
        .insert(inbox)
        .values(recipients.map((r) => ({ messageId: id, userId: r.userId, communityId, createdAt: now })));
      await emit(tx, 'community.segment-messaged', {
        communityId,
        messageId: id,
        promotional: input.promotional,
        recipients: recipients.length,
      });
      return ok({
        id,
        recipients: recipients.length,
        skippedNoConsent: members.length - recipients.length,
        week: slot?.week ?? null,
        slot: slot?.slot ?? null,
      });
    },
  );
}

/** Messages a community sent, for its owner's history. */
export async function listSegmentMessages(
  ctx: Ctx,
  communityId: string,
  page: { cursor?: string | undefined; limit: number },
) {
  const community = await loadCommunity(ctx.db, communityId);
  await requireStanding(ctx.db, ctx.actor, community, 'owner');
  const rows = await ctx.db
    .select()
    .from(segmentMessages)
    .where(
      and(eq(segmentMessages.communityId, communityId), page.cursor ? lt(segmentMessages.id, page.cursor) : undefined),
    )
    .orderBy(desc(segmentMessages.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit).map((m) => ({
    id: m.id,
    title: m.title,
    body: m.body,
    productId: m.productId,
    promotional: m.promotional,
    segment: m.segment,
    recipients: m.recipients,
    skippedNoConsent: m.skippedNoConsent,
    createdAt: m.createdAt.toISOString(),
  }));
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null };
}

/** The signed-in user's community inbox (社群消息), newest first. */
export async function myInbox(ctx: Ctx, page: { cursor?: string | undefined; limit: number }) {
  const user = requireUser(ctx.actor);
  const rows = await ctx.db
    .select({ m: segmentMessages, readAt: inbox.readAt, communityName: communities.name })
    .from(inbox)
    .innerJoin(segmentMessages, eq(segmentMessages.id, inbox.messageId))
    .innerJoin(communities, eq(communities.id, inbox.communityId))
    .where(and(eq(inbox.userId, user.userId), page.cursor ? lt(inbox.messageId, page.cursor) : undefined))
    .orderBy(desc(inbox.messageId))
    .limit(page.limit + 1);
  const [unread] = await ctx.db
    .select({ n: count() })
    .from(inbox)
    .where(and(eq(inbox.userId, user.userId), isNull(inbox.readAt)));
  const items = rows.slice(0, page.limit).map((r) => ({
    id: r.m.id,
    communityId: r.m.communityId,
    communityName: r.communityName,
    title: r.m.title,
    body: r.m.body,
    productId: r.m.productId,
    promotional: r.m.promotional,
    read: r.readAt !== null,
    createdAt: r.m.createdAt.toISOString(),
  }));
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null, unread: unread?.n ?? 0 };
}

/** Opening an inbox message marks it read and is a 'read' moment in the member's timeline. */
export async function readInboxMessage(ctx: Ctx, messageId: string) {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (tx) => {
    const [row] = await tx
      .update(inbox)
      .set({ readAt: ctx.now() })
      .where(and(eq(inbox.messageId, messageId), eq(inbox.userId, user.userId), isNull(inbox.readAt)))
      .returning({ communityId: inbox.communityId });
    if (row) {
      await recordTimeline(tx, {
        communityId: row.communityId,
        userId: user.userId,
        kind: 'read',
        refId: messageId,
        detail: '阅读社群消息',
        at: ctx.now(),
        dedupeKey: `inbox-read:${messageId}:${user.userId}`,
      });
    }
    return { read: true };
  });
}

export async function getMarketingConsent(ctx: Ctx) {
  const user = requireUser(ctx.actor);
  const consents = await consentOf(ctx.db, [user.userId]);
  return { consented: consents.get(user.userId) ?? false };
}

/** The user's own switch for promotional messages from communities; off unless they turn it on. */
export async function setMarketingConsent(ctx: Ctx, consented: boolean) {
  const user = requireUser(ctx.actor);
  await ctx.tx((tx) =>
    tx
      .insert(marketingConsents)
      .values({ userId: user.userId, consented, updatedAt: ctx.now() })
      .onConflictDoUpdate({ target: marketingConsents.userId, set: { consented, updatedAt: ctx.now() } }),
  );
  return { consented };
}

/** A member asks the community's staff for 1:1 service: an 'asked' moment staff see in the SCRM timeline. */
export async function requestService(ctx: Ctx, communityId: string, question: string) {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (tx) => {
    const community = await loadCommunity(tx, communityId);
    await requireStanding(tx, ctx.actor, community, 'member');
    const id = newId('csr');
    await recordTimeline(tx, {
      communityId,
      userId: user.userId,
      kind: 'asked',
      refId: id,
      detail: `1对1咨询：${question}`,
      at: ctx.now(),
    });
    await emit(tx, 'community.service-requested', { communityId, userId: user.userId, requestId: id });
    return { id };
  });
}
