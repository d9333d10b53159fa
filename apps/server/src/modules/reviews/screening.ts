import { createHmac } from 'node:crypto';
import { and, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { currentLexicon, scanAdText } from '../compliance/api.ts';
import { detectSignals, FLAG_THRESHOLD, type ReviewFacts, scoreOf, type Signal } from './fraud.ts';
import { reviewFingerprints, reviewFlags, reviews } from './schema.ts';

const WINDOW_MS = 7 * 86_400_000;
const MAX_PEERS = 500;
const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/** Keyed hash: equal addresses stay comparable, the address itself is not kept. */
const keyedHash = (secret: string, kind: string, value: string): string =>
  createHmac('sha256', secret).update(`${kind}:${value}`).digest('hex');

export interface Origin {
  ip: string;
  deviceId: string | undefined;
  deliveredAt: Date | null;
  secret: string;
  accountCreatedAt: Date | null;
  /** Keyed digests from the orders and payments modules, stored as they come. */
  addressHash: string | null;
  payerHash: string | null;
}

/** Records where a first review came from, then screens it (and the reviews it forms a pattern with). */
export async function screenNewReview(
  tx: Db,
  review: { id: string; userId: string; merchantId: string; createdAt: Date },
  origin: Origin,
): Promise<void> {
  await tx.insert(reviewFingerprints).values({
    reviewId: review.id,
    userId: review.userId,
    merchantId: review.merchantId,
    ipHash: LOOPBACK.test(origin.ip) ? null : keyedHash(origin.secret, 'ip', origin.ip),
    deviceHash: origin.deviceId ? keyedHash(origin.secret, 'device', origin.deviceId) : null,
    deliveredAt: origin.deliveredAt,
    refundedAt: null,
    accountCreatedAt: origin.accountCreatedAt,
    addressHash: origin.addressHash,
    payerHash: origin.payerHash,
    createdAt: review.createdAt,
  });
  await screen(tx, review.id, review.createdAt);
}

/** A refund after the review is one more signal: record it and screen the order's reviews again. */
export async function noteRefund(db: Db, orderId: string, at: Date): Promise<void> {
  const rows = await db
    .select({ id: reviews.id })
    .from(reviews)
    .where(and(eq(reviews.orderId, orderId), eq(reviews.kind, 'initial'), lte(reviews.createdAt, at)));
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.id);
  await db
    .update(reviewFingerprints)
    .set({ refundedAt: at })
    .where(and(inArray(reviewFingerprints.reviewId, ids), isNull(reviewFingerprints.refundedAt)));
  for (const id of ids) await screen(db, id, at);
}

async function screen(db: Db, reviewId: string, now: Date): Promise<void> {
  const [target] = await facts(db, [eq(reviews.id, reviewId)]);
  if (!target) return;
  const from = new Date(target.createdAt.getTime() - WINDOW_MS);
  const to = new Date(target.createdAt.getTime() + WINDOW_MS);
  const peers = (
    await facts(db, [
      eq(reviews.merchantId, target.merchantId),
      gte(reviews.createdAt, from),
      lte(reviews.createdAt, to),
    ])
  ).filter((p) => p.id !== target.id);
  const signatures = new Map<string, Uint32Array>();
  const byId = new Map([target, ...peers].map((r) => [r.id, r]));
  const signals = [
    ...detectSignals(target, peers, await authorMerchants(db, target.userId), signatures),
    ...(await adLawSignals(db, target)),
  ];
  await hold(db, target, signals, now);
  // The review that completes a pattern also exposes the earlier ones in it.
  const related = new Set(signals.flatMap((s) => s.related));
  for (const id of related) {
    const other = byId.get(id)!;
    const others = [...byId.values()].filter((r) => r.id !== id);
    await hold(db, other, detectSignals(other, others, await authorMerchants(db, other.userId), signatures), now);
  }
}

/**
 * A review whose text breaks the advertising law (全网第一, 治疗失眠 …) reads like the shop's advertisement: a
 * blocking finding under the lexicon in force, for the product's category, holds it for a person on its own.
 */
async function adLawSignals(db: Db, r: { productId: string; content: string }): Promise<Signal[]> {
  const product = (await getProductBriefs(db, [r.productId])).get(r.productId);
  const scan = scanAdText(r.content, {
    lexicon: await currentLexicon(db),
    categoryIds: product ? [product.categoryId] : [],
  });
  const blocking = scan.findings.filter((f) => f.severity === 'block');
  if (blocking.length === 0) return [];
  const what = blocking.map((f) => `「${f.matched}」${f.title}（${f.article}）`).join('；');
  return [{ code: 'ad-law', weight: FLAG_THRESHOLD, detail: `${what}，词库第 ${scan.lexiconVersion} 版`, related: [] }];
}

async function hold(db: Db, r: ReviewFacts & { productId: string }, signals: Signal[], now: Date): Promise<void> {
  const score = scoreOf(signals);
  if (score < FLAG_THRESHOLD) return;
  const stored = signals.map(({ code, weight, detail }) => ({ code, weight, detail }));
  const inserted = await db
    .insert(reviewFlags)
    .values({
      reviewId: r.id,
      merchantId: r.merchantId,
      productId: r.productId,
      status: 'pending',
      score,
      signals: stored,
      flaggedAt: now,
    })
    .onConflictDoNothing()
    .returning({ reviewId: reviewFlags.reviewId });
  if (inserted.length > 0) {
    await emit(db, 'review.flagged', {
      reviewId: r.id,
      productId: r.productId,
      merchantId: r.merchantId,
      rating: r.rating,
      score,
    });
    return;
  }
  // Still waiting for an operator: show them the latest evidence. A decided flag stays decided.
  await db
    .update(reviewFlags)
    .set({ score, signals: stored })
    .where(and(eq(reviewFlags.reviewId, r.id), eq(reviewFlags.status, 'pending')));
}

async function facts(db: Db, where: ReturnType<typeof eq>[]): Promise<(ReviewFacts & { productId: string })[]> {
  const rows = await db
    .select({
      id: reviews.id,
      userId: reviews.userId,
      merchantId: reviews.merchantId,
      productId: reviews.productId,
      rating: reviews.rating,
      content: reviews.content,
      createdAt: reviews.createdAt,
      deliveredAt: reviewFingerprints.deliveredAt,
      ipHash: reviewFingerprints.ipHash,
      deviceHash: reviewFingerprints.deviceHash,
      refundedAt: reviewFingerprints.refundedAt,
      accountCreatedAt: reviewFingerprints.accountCreatedAt,
      addressHash: reviewFingerprints.addressHash,
      payerHash: reviewFingerprints.payerHash,
    })
    .from(reviews)
    .leftJoin(reviewFingerprints, eq(reviewFingerprints.reviewId, reviews.id))
    .where(and(eq(reviews.kind, 'initial'), ...where))
    .orderBy(sql`${reviews.createdAt} desc`)
    .limit(MAX_PEERS);
  return rows.map((r) => ({
    ...r,
    deliveredAt: r.deliveredAt ?? null,
    ipHash: r.ipHash ?? null,
    deviceHash: r.deviceHash ?? null,
    refundedAt: r.refundedAt ?? null,
    accountCreatedAt: r.accountCreatedAt ?? null,
    addressHash: r.addressHash ?? null,
    payerHash: r.payerHash ?? null,
  }));
}

async function authorMerchants(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ merchantId: reviews.merchantId })
    .from(reviews)
    .where(and(eq(reviews.userId, userId), eq(reviews.kind, 'initial')));
  return rows.map((r) => r.merchantId);
}
