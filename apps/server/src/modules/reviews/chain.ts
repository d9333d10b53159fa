import { createHash } from 'node:crypto';

/** The hash a product's first review links to. */
export const GENESIS_HASH = '0'.repeat(64);

/** Every field a reader relies on; anything not listed here could change unnoticed. */
export interface HashedReview {
  id: string;
  productId: string;
  skuId: string;
  merchantId: string;
  orderId: string;
  orderLineId: string;
  userId: string;
  specText: string;
  kind: string;
  parentId: string | null;
  ratingQuality: number | null;
  ratingLogistics: number | null;
  ratingService: number | null;
  rating: number | null;
  content: string;
  images: string[];
  anonymous: boolean;
  seq: number;
  prevHash: string;
  createdAt: Date;
}

export interface HashedReply {
  reviewId: string;
  merchantId: string;
  userId: string;
  content: string;
  createdAt: Date;
}

const sha256 = (parts: unknown[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

// A JSON array in fixed order is the canonical form: no key-order ambiguity, strings escaped unambiguously.
export const reviewHash = (r: HashedReview): string =>
  sha256([
    'haowu-review-v1',
    r.id,
    r.productId,
    r.skuId,
    r.merchantId,
    r.orderId,
    r.orderLineId,
    r.userId,
    r.specText,
    r.kind,
    r.parentId,
    r.ratingQuality,
    r.ratingLogistics,
    r.ratingService,
    r.rating,
    r.content,
    r.images,
    r.anonymous,
    r.seq,
    r.prevHash,
    r.createdAt.toISOString(),
  ]);

/** A reply is bound to the exact review it answers. */
export const replyHash = (reply: HashedReply, reviewContentHash: string): string =>
  sha256([
    'haowu-review-reply-v1',
    reply.reviewId,
    reviewContentHash,
    reply.merchantId,
    reply.userId,
    reply.content,
    reply.createdAt.toISOString(),
  ]);

export type ChainBreak = 'seq-gap' | 'prev-hash-mismatch' | 'content-changed' | 'reply-changed' | 'head-mismatch';

export const chainBreakText: Record<ChainBreak, string> = {
  'seq-gap': '评价链中缺少一条评价（可能被删除）',
  'prev-hash-mismatch': '与上一条评价的哈希链接不一致',
  'content-changed': '评价内容与发布时的哈希不一致（已被改动）',
  'reply-changed': '商家回复与发布时的哈希不一致（已被改动）',
  'head-mismatch': '最新评价与链头记录不一致（末尾评价可能被删除或改动）',
};

export interface ChainRow extends HashedReview {
  contentHash: string;
}
export interface ChainReply extends HashedReply {
  contentHash: string;
}

export type ChainCheck =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; broken: { reviewId: string | null; seq: number; reason: ChainBreak } };

/**
 * Recomputes a product's chain from its rows in seq order. Each row must follow the previous one without a gap,
 * link to its stored hash, and hash to what it stores; the recorded head must be the last row.
 */
export function verifyChain(
  rows: ChainRow[],
  replies: Map<string, ChainReply>,
  head: { seq: number; headHash: string } | undefined,
): ChainCheck {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    const fail = (reason: ChainBreak): ChainCheck => ({
      ok: false,
      count: rows.length,
      broken: { reviewId: row.id, seq: row.seq, reason },
    });
    if (row.seq !== expectedSeq) return fail('seq-gap');
    if (row.prevHash !== prev) return fail('prev-hash-mismatch');
    if (reviewHash(row) !== row.contentHash) return fail('content-changed');
    const reply = replies.get(row.id);
    if (reply && replyHash(reply, row.contentHash) !== reply.contentHash) return fail('reply-changed');
    prev = row.contentHash;
    expectedSeq++;
  }
  const last = rows[rows.length - 1];
  const headSeq = head?.seq ?? 0;
  const headHash = head?.headHash ?? GENESIS_HASH;
  if (headSeq !== rows.length || headHash !== prev) {
    return {
      ok: false,
      count: rows.length,
      broken: { reviewId: last?.id ?? null, seq: headSeq, reason: 'head-mismatch' },
    };
  }
  return { ok: true, count: rows.length, headHash: prev };
}

/**
 * What the transparency log commits to for a review, over the fields the shop shows anyone (no buyer or order id):
 * a reader recomputes it in the browser from the review on screen and compares it with the logged entry.
 */
export const publicReviewDigest = (r: {
  id: string;
  productId: string;
  rating: number | null;
  content: string;
  images: string[];
  createdAt: Date;
}): string =>
  sha256(['haowu-review-public-v1', r.id, r.productId, r.rating, r.content, r.images, r.createdAt.toISOString()]);
