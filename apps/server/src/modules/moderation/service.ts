import { and, desc, eq, lt } from 'drizzle-orm';
import { requireOperator, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { currentLexicon } from '../compliance/api.ts';
import { recordItemEvent } from './appeals.ts';
import { type AdLawMode, judge, type Judgement, reasonText, type Reason } from './rules.ts';

// Subjects that are the merchant's own advertising: the ad-law scanner's blocking rules refuse them outright.
const ADVERTISING_SUBJECTS = new Set(['live_session', 'live_claim']);
const adLawModeOf = (subjectType: string): AdLawMode => (ADVERTISING_SUBJECTS.has(subjectType) ? 'enforce' : 'review');
import { contentReports, moderationItems, type ReportReason } from './schema.ts';

export interface ModerationInput {
  subjectType: string;
  subjectId: string;
  authorId: string;
  text?: string;
  imageUrls?: string[];
  /** For text about goods (reviews): the goods' category and its parent, for category-scoped ad-law rules. */
  categoryIds?: readonly string[];
  at: Date;
}

export interface ModerationResult {
  verdict: 'approved' | 'flagged' | 'rejected';
  /** The sanitised text: what may be stored and shown. */
  text: string;
  reasons: string[];
}

/**
 * The one gate every piece of user-written text and every user image passes (posts, comments, chat, …).
 * Runs in the caller's transaction: a flagged item enters the operator queue exactly when the content is saved.
 * When an operator decides, `moderation.decided` tells the owning module to show or hide the subject.
 */
export async function moderate(db: Db, input: ModerationInput): Promise<ModerationResult> {
  const imageUrls = input.imageUrls ?? [];
  const lexicon = await currentLexicon(db);
  const j = judge(input.text ?? '', imageUrls, adLawModeOf(input.subjectType), lexicon, input.categoryIds);
  if (j.verdict === 'approved') {
    await clearPendingReview(db, input.subjectType, input.subjectId);
    return { verdict: 'approved', text: j.text, reasons: j.reasons };
  }
  await upsertItem(db, input, imageUrls, { ...j, verdict: j.verdict });
  return { verdict: j.verdict, text: j.text, reasons: j.reasons };
}

/** An edit that now passes clears an earlier pending flag for the same subject. */
export async function clearPendingReview(db: Db, subjectType: string, subjectId: string): Promise<void> {
  await db
    .delete(moderationItems)
    .where(
      and(
        eq(moderationItems.subjectType, subjectType),
        eq(moderationItems.subjectId, subjectId),
        eq(moderationItems.status, 'pending'),
      ),
    );
}

async function upsertItem(
  db: Db,
  input: ModerationInput,
  imageUrls: string[],
  j: Omit<Judgement, 'verdict'> & { verdict: 'flagged' | 'rejected' },
): Promise<void> {
  const row = {
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    authorId: input.authorId,
    text: j.text,
    imageUrls,
    verdict: j.verdict,
    reasons: j.reasons,
    matchedWords: j.matchedWords,
    lexiconVersion: j.lexiconVersion,
    status: j.verdict === 'flagged' ? ('pending' as const) : ('rejected' as const),
    decidedBy: j.verdict === 'rejected' ? 'rules' : null,
    decisionNote: null,
    appealReason: null,
    appealedAt: null,
    createdAt: input.at,
    decidedAt: j.verdict === 'rejected' ? input.at : null,
  };
  await db
    .insert(moderationItems)
    .values({ id: newId('mod'), ...row })
    .onConflictDoUpdate({ target: [moderationItems.subjectType, moderationItems.subjectId], set: row });
}

/**
 * Puts a subject another module has already judged in front of a person (a product whose copy has ad-law
 * findings that need checking), replacing an earlier item for it.
 */
export async function queueForReview(
  db: Db,
  input: ModerationInput & { reasons: Reason[]; matchedWords: string[]; lexiconVersion: number },
): Promise<void> {
  await upsertItem(db, input, input.imageUrls ?? [], {
    verdict: 'flagged',
    text: input.text ?? '',
    reasons: input.reasons,
    matchedWords: input.matchedWords,
    lexiconVersion: input.lexiconVersion,
  });
}

/**
 * `moderate` for many subjects created in the caller's transaction (e.g. a batch of live chat messages): no
 * earlier flag can exist for a new subject, so nothing is cleared, and the flagged or rejected ones enter the
 * queue in one insert. Results are in input order.
 */
export async function moderateNew(db: Db, inputs: readonly ModerationInput[]): Promise<ModerationResult[]> {
  const lexicon = await currentLexicon(db);
  const judged = inputs.map((input) => ({
    input,
    j: judge(input.text ?? '', input.imageUrls ?? [], adLawModeOf(input.subjectType), lexicon, input.categoryIds),
  }));
  const queued = judged.filter(({ j }) => j.verdict !== 'approved');
  if (queued.length > 0) {
    await db.insert(moderationItems).values(
      queued.map(({ input, j }) => ({
        id: newId('mod'),
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        authorId: input.authorId,
        text: j.text,
        imageUrls: input.imageUrls ?? [],
        verdict: j.verdict as 'flagged' | 'rejected',
        reasons: j.reasons,
        matchedWords: j.matchedWords,
        lexiconVersion: j.lexiconVersion,
        status: j.verdict === 'flagged' ? ('pending' as const) : ('rejected' as const),
        decidedBy: j.verdict === 'rejected' ? 'rules' : null,
        decisionNote: null,
        createdAt: input.at,
        decidedAt: j.verdict === 'rejected' ? input.at : null,
      })),
    );
  }
  return judged.map(({ j }) => ({ verdict: j.verdict, text: j.text, reasons: j.reasons }));
}

/** Chinese explanations of moderation reasons, for refusals shown to authors. */
export const describeReasons = (reasons: string[]): string =>
  reasons.map((r) => reasonText[r as Reason] ?? r).join('；');

const refuse = refusals({
  'already-decided': '该内容已处理',
  'already-reported': '你已经举报过该内容',
});

export interface QueueItem {
  id: string;
  subjectType: string;
  subjectId: string;
  authorId: string;
  text: string;
  imageUrls: string[];
  verdict: 'flagged' | 'rejected';
  reasons: string[];
  reasonText: string;
  matchedWords: string[];
  lexiconVersion: number | null;
  status: 'pending' | 'approved' | 'rejected';
  decisionNote: string | null;
  appealReason: string | null;
  appealedAt: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export const toQueueItem = (r: typeof moderationItems.$inferSelect): QueueItem => ({
  id: r.id,
  subjectType: r.subjectType,
  subjectId: r.subjectId,
  authorId: r.authorId,
  text: r.text,
  imageUrls: r.imageUrls,
  verdict: r.verdict,
  reasons: r.reasons,
  reasonText: describeReasons(r.reasons),
  matchedWords: r.matchedWords,
  lexiconVersion: r.lexiconVersion,
  status: r.status,
  decisionNote: r.decisionNote,
  appealReason: r.appealReason,
  appealedAt: r.appealedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
});

/** The operator review queue, newest first (ids are time-ordered, so the id is the cursor). */
export async function listModerationQueue(
  ctx: Ctx,
  input: { status: 'pending' | 'approved' | 'rejected'; cursor?: string | undefined; limit: number },
): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
  requireOperator(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(moderationItems)
    .where(
      and(eq(moderationItems.status, input.status), input.cursor ? lt(moderationItems.id, input.cursor) : undefined),
    )
    .orderBy(desc(moderationItems.id))
    .limit(input.limit + 1);
  const more = rows.length > input.limit;
  const shown = rows.slice(0, input.limit);
  return { items: shown.map(toQueueItem), nextCursor: more ? shown[shown.length - 1]!.id : null };
}

/** An operator approves or rejects a flagged item; the owning module shows or hides it on `moderation.decided`. */
export async function decideModerationItem(
  ctx: Ctx,
  itemId: string,
  input: { decision: 'approve' | 'reject'; note?: string | undefined },
): Promise<Result<QueueItem, 'already-decided'>> {
  const operator = requireOperator(ctx.actor);
  return ctx.tx(async (db) => {
    const [item] = await db.select().from(moderationItems).where(eq(moderationItems.id, itemId)).for('update');
    if (!item) throw notFound('审核项', itemId);
    if (item.status !== 'pending') return refuse('already-decided');
    const status = input.decision === 'approve' ? ('approved' as const) : ('rejected' as const);
    const [updated] = await db
      .update(moderationItems)
      .set({ status, decidedBy: operator.userId, decisionNote: input.note ?? null, decidedAt: ctx.now() })
      .where(eq(moderationItems.id, itemId))
      .returning();
    await recordItemEvent(db, {
      itemId,
      action: input.decision,
      actorId: operator.userId,
      note: input.note ?? null,
      at: ctx.now(),
    });
    await emit(db, 'moderation.decided', {
      subjectType: item.subjectType,
      subjectId: item.subjectId,
      authorId: item.authorId,
      verdict: status,
      source: 'review',
    });
    return ok(toQueueItem(updated!));
  });
}

/** A signed-in user reports (举报) content; it joins the operators' report queue. */
export async function fileReport(
  ctx: Ctx,
  input: { subjectType: string; subjectId: string; reason: ReportReason; detail: string },
): Promise<Result<{ id: string; status: 'open' }, 'already-reported'>> {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (db) => {
    const id = newId('rpt');
    const inserted = await db
      .insert(contentReports)
      .values({
        id,
        ...input,
        detail: input.detail.trim(),
        reporterId: user.userId,
        status: 'open',
        createdAt: ctx.now(),
      })
      .onConflictDoNothing()
      .returning({ id: contentReports.id });
    if (inserted.length === 0) return refuse('already-reported');
    return ok({ id, status: 'open' as const });
  });
}

export { listReports, resolveReport } from './reports.ts';
export { latestOperatorDecisions, recordOperatorDecision, type OperatorDecision } from './decisions.ts';
