import { randomBytes } from 'node:crypto';
import { and, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { postAuthors, promoterCodeFor } from './credit-ports.ts';
import { attributionTouches, lineAttributions, shareLinks, type Source, type TouchKind } from './schema.ts';

export { affiliateLinesOfPosts, creatorAttributedLines, orderStatsByPost } from './stats.ts';

export interface LineAttribution {
  lineId: string;
  orderId: string;
  userId: string;
  productId: string;
  source: Source;
  postId: string | null;
  creatorId: string | null;
  sharerId: string | null;
  communityId: string | null;
  liveSessionId: string | null;
  affiliateCode: string | null;
  firstSource: Source;
  firstTouchAt: Date | null;
  lastTouchAt: Date | null;
}

const refuse = refusals({
  'share-link-invalid': [422, '分享链接无效'],
  'share-target-missing': [422, '请选择要分享的笔记或商品'],
  'post-missing': [422, '笔记不存在'],
  'product-missing': [422, '商品不存在'],
});

export interface TouchInput {
  kind: TouchKind;
  productId?: string | undefined;
  postId?: string | undefined;
  creatorId?: string | undefined;
  sharerId?: string | undefined;
  shareToken?: string | undefined;
  communityId?: string | undefined;
  liveSessionId?: string | undefined;
  affiliateCode?: string | undefined;
}

/**
 * Records that the signed-in shopper opened a product from somewhere. Credit is resolved here, not taken from
 * the caller: a post's creator is the post's author, and a share's sharer, post and creator come from its token.
 * Opening your own share link credits nobody.
 */
export async function recordTouch(
  ctx: Ctx,
  input: TouchInput,
): Promise<Result<{ id: string | null; recorded: boolean }>> {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (db) => {
    let { postId, sharerId, creatorId } = input;
    let productId = input.productId;
    if (input.kind === 'share') {
      if (input.shareToken) {
        const [link] = await db.select().from(shareLinks).where(eq(shareLinks.token, input.shareToken));
        if (!link) return refuse('share-link-invalid');
        ({ sharerId } = link);
        postId = link.postId ?? undefined;
        productId ??= link.productId ?? undefined;
      }
      if (!sharerId) return refuse('share-link-invalid');
      if (sharerId === user.userId) return ok({ id: null, recorded: false });
    }
    if (postId) {
      const author = (await postAuthors(db, [postId])).get(postId);
      if (!author) return refuse('post-missing');
      creatorId = author;
    } else if (input.kind === 'post') return refuse('post-missing');
    const affiliateCode = await affiliateCodeOf(
      db,
      input,
      { userId: user.userId, productId, sharerId, creatorId },
      ctx.now(),
    );
    const id = newId('tch');
    await db.insert(attributionTouches).values({
      id,
      userId: user.userId,
      kind: input.kind,
      productId: productId ?? null,
      postId: postId ?? null,
      creatorId: creatorId ?? null,
      sharerId: sharerId ?? null,
      communityId: input.communityId ?? null,
      liveSessionId: input.liveSessionId ?? null,
      affiliateCode: affiliateCode ?? null,
      at: ctx.now(),
    });
    return ok({ id, recorded: true });
  });
}

/**
 * The affiliate code a touch carries. An affiliate touch carries its link's code. A touch from a post or a share
 * link carries, on the server's word, the code of the sharer if the sharer is a promoter (分销员), else of the
 * post's creator if a promoter — never the shopper's own — so a purchase from a creator's post or a promoter's
 * share pays commission under the ordinary distribution rules. The sharer comes first: last touch decides, and
 * the share is what brought this shopper. Other touches carry none.
 */
async function affiliateCodeOf(
  db: Db,
  input: TouchInput,
  who: { userId: string; productId: string | undefined; sharerId: string | undefined; creatorId: string | undefined },
  at: Date,
): Promise<string | undefined> {
  if (input.kind === 'affiliate') return input.affiliateCode;
  if ((input.kind !== 'post' && input.kind !== 'share') || !who.productId) return undefined;
  const candidates = [who.sharerId, who.creatorId].filter((id): id is string => !!id && id !== who.userId);
  return promoterCodeFor(db, candidates, who.productId, at);
}

/** A share link for a post or a product; the returned token goes into the URL as ?share=TOKEN. */
export async function createShareLink(
  ctx: Ctx,
  input: { postId?: string | undefined; productId?: string | undefined },
): Promise<Result<{ token: string; path: string }>> {
  const user = requireUser(ctx.actor);
  if (!input.postId && !input.productId) return refuse('share-target-missing');
  return ctx.tx(async (db) => {
    let creatorId: string | null = null;
    if (input.postId) {
      creatorId = (await postAuthors(db, [input.postId])).get(input.postId) ?? null;
      if (!creatorId) return refuse('post-missing');
    }
    // A link to nothing would still earn share points (share.created), so the product must exist.
    if (input.productId && !(await getProductBriefs(db, [input.productId])).has(input.productId))
      return refuse('product-missing');
    const token = randomBytes(9).toString('base64url');
    await db.insert(shareLinks).values({
      token,
      sharerId: user.userId,
      postId: input.postId ?? null,
      productId: input.productId ?? null,
      creatorId,
      createdAt: ctx.now(),
    });
    // The link's own time: points for sharing count by the Beijing day it was made, not when the event is handled.
    await emit(db, 'share.created', {
      token,
      sharerId: user.userId,
      postId: input.postId ?? null,
      productId: input.productId ?? null,
      createdAt: ctx.now().toISOString(),
    });
    const path = input.postId ? `/posts/${input.postId}?share=${token}` : `/products/${input.productId}?share=${token}`;
    return ok({ token, path });
  });
}

interface CreatedLine {
  lineId: string;
  productId: string;
  qty: number;
  payAmount: number;
}

/**
 * order.created: stamps every line with the shopper's last and first touch of that product within the window.
 * Idempotent: a line already stamped keeps its stamp.
 */
export async function attributeOrder(
  db: Db,
  order: { orderId: string; userId: string; merchantId: string; lines: CreatedLine[] },
  at: Date,
  windowDays: number,
): Promise<void> {
  const since = new Date(at.getTime() - windowDays * 86_400_000);
  const productIds = [...new Set(order.lines.map((l) => l.productId))];
  const touches = await db
    .select()
    .from(attributionTouches)
    .where(
      and(
        eq(attributionTouches.userId, order.userId),
        inArray(attributionTouches.productId, productIds),
        gte(attributionTouches.at, since),
        lte(attributionTouches.at, at),
      ),
    );
  const rows = order.lines.map((line): typeof lineAttributions.$inferInsert => {
    const mine = touches
      .filter((t) => t.productId === line.productId)
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
    const first = mine[0];
    const last = mine[mine.length - 1];
    return {
      lineId: line.lineId,
      orderId: order.orderId,
      userId: order.userId,
      merchantId: order.merchantId,
      productId: line.productId,
      qty: line.qty,
      payAmount: line.payAmount,
      source: last?.kind ?? 'direct',
      postId: last?.postId ?? null,
      creatorId: last?.creatorId ?? null,
      sharerId: last?.sharerId ?? null,
      communityId: last?.communityId ?? null,
      liveSessionId: last?.liveSessionId ?? null,
      affiliateCode: last?.affiliateCode ?? null,
      firstSource: first?.kind ?? 'direct',
      firstTouchAt: first?.at ?? null,
      lastTouchAt: last?.at ?? null,
      orderedAt: at,
    };
  });
  if (rows.length === 0) return;
  const inserted = await db
    .insert(lineAttributions)
    .values(rows)
    .onConflictDoNothing()
    .returning({ lineId: lineAttributions.lineId });
  if (inserted.length === 0) return;
  const stamped = await getLineAttributions(
    db,
    rows.map((r) => r.lineId),
  );
  await emit(db, 'order.attributed', {
    orderId: order.orderId,
    userId: order.userId,
    lines: [...stamped.values()].map((l) => ({
      ...l,
      firstTouchAt: l.firstTouchAt?.toISOString() ?? null,
      lastTouchAt: l.lastTouchAt?.toISOString() ?? null,
    })),
  });
}

/** order.paid / order.cancelled / order.closed: whether an attributed line counts as GMV. */
export async function markOrderPaid(db: Db, orderId: string, at: Date): Promise<void> {
  await db
    .update(lineAttributions)
    .set({ paidAt: at })
    .where(and(eq(lineAttributions.orderId, orderId), isNull(lineAttributions.paidAt)));
}
export async function markOrderVoided(db: Db, orderId: string, at: Date): Promise<void> {
  await db
    .update(lineAttributions)
    .set({ voidedAt: at })
    .where(and(eq(lineAttributions.orderId, orderId), isNull(lineAttributions.voidedAt)));
}

export async function getLineAttributions(db: Db, lineIds: string[]): Promise<Map<string, LineAttribution>> {
  if (lineIds.length === 0) return new Map();
  const rows = await db.select().from(lineAttributions).where(inArray(lineAttributions.lineId, lineIds));
  return new Map(
    rows.map((r) => [
      r.lineId,
      {
        lineId: r.lineId,
        orderId: r.orderId,
        userId: r.userId,
        productId: r.productId,
        source: r.source,
        postId: r.postId,
        creatorId: r.creatorId,
        sharerId: r.sharerId,
        communityId: r.communityId,
        liveSessionId: r.liveSessionId,
        affiliateCode: r.affiliateCode,
        firstSource: r.firstSource,
        firstTouchAt: r.firstTouchAt,
        lastTouchAt: r.lastTouchAt,
      },
    ]),
  );
}
