import { and, asc, desc, eq, isNull, lte, ne } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { actingMerchant, canSeeMerchant, requireOperator, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { atomically } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { caseHistory, recordStep } from './case-events.ts';
import { resolveSubject, type SubjectInput } from './complaint-subjects.ts';
import { recomputeCredit } from './credit.ts';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_OUTCOMES,
  COMPLAINT_STATUSES,
  type COMPLAINT_SUBJECTS,
  complaints,
} from './schema.ts';

/** First response within 2 hours of filing (issue 17); the SLA job escalates what is still unanswered. */
const COMPLAINT_RESPONSE_HOURS = 2;
export const COMPLAINT_SLA_JOB = 'trust.complaint-sla';

const refuse = refusals({
  'complaint-open': [409, '已有处理中的投诉'],
  'complaint-resolved': [409, '投诉已办结'],
});

type Row = typeof complaints.$inferSelect;
export interface ComplaintView {
  id: string;
  subjectType: (typeof COMPLAINT_SUBJECTS)[number];
  subjectId: string;
  subjectTitle: string | null;
  orderId: string | null;
  merchantId: string | null;
  productId: string | null;
  category: (typeof COMPLAINT_CATEGORIES)[number];
  description: string;
  images: string[];
  status: (typeof COMPLAINT_STATUSES)[number];
  respondBy: string;
  firstResponseAt: string | null;
  overdue: boolean;
  escalatedAt: string | null;
  outcome: (typeof COMPLAINT_OUTCOMES)[number] | null;
  resolvedAt: string | null;
  createdAt: string;
  history: Awaited<ReturnType<typeof caseHistory>>;
}

async function viewOf(db: Db, r: Row, now: Date, forOperator: boolean): Promise<ComplaintView> {
  return {
    id: r.id,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    subjectTitle: r.subjectTitle,
    orderId: r.orderId,
    merchantId: r.merchantId,
    productId: r.productId,
    category: r.category,
    description: r.description,
    images: r.images,
    status: r.status,
    respondBy: r.respondBy.toISOString(),
    firstResponseAt: r.firstResponseAt?.toISOString() ?? null,
    overdue: !r.firstResponseAt && now >= r.respondBy,
    escalatedAt: r.escalatedAt?.toISOString() ?? null,
    outcome: r.outcome,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    history: await caseHistory(db, r.id, forOperator),
  };
}

/**
 * A consumer complains about one of their paid orders (and optionally one product in it), a live room or a post;
 * one open complaint per person per subject.
 */
export async function fileComplaint(
  ctx: Ctx,
  input: SubjectInput & {
    category: (typeof COMPLAINT_CATEGORIES)[number];
    description: string;
    images: string[];
  },
): Promise<Result<ComplaintView>> {
  const user = requireUser(ctx.actor);
  const now = ctx.now();
  const id = newId('cpl');
  const respondBy = new Date(now.getTime() + COMPLAINT_RESPONSE_HOURS * 3_600_000);
  const filed = await atomically(ctx, async (db) => {
    const subject = await resolveSubject(db, user.userId, input);
    if (!subject.ok) return subject;
    const { merchantId, subjectType, subjectId } = subject.value;
    const [open] = await db
      .select({ id: complaints.id })
      .from(complaints)
      .where(
        and(
          eq(complaints.userId, user.userId),
          eq(complaints.subjectType, subjectType),
          eq(complaints.subjectId, subjectId),
          ne(complaints.status, 'resolved'),
        ),
      );
    if (open) return refuse('complaint-open', `投诉单 ${open.id} 还在处理中，可在投诉进度里补充说明`);
    const [row] = await db
      .insert(complaints)
      .values({
        id,
        userId: user.userId,
        ...subject.value,
        category: input.category,
        description: input.description.trim(),
        images: input.images,
        status: 'open',
        respondBy,
        createdAt: now,
      })
      .returning();
    await recordStep(db, { caseId: id, action: 'filed', by: 'consumer', actorId: user.userId, at: now });
    await ctx.deps.jobs.enqueue(db, COMPLAINT_SLA_JOB, { complaintId: id }, { runAt: respondBy, key: `cpl:${id}` });
    await emit(db, 'trust.complaint-filed', { complaintId: id, merchantId, subjectType, subjectId });
    return ok(row!);
  });
  return filed.ok ? ok(await viewOf(ctx.db, filed.value, now, false)) : filed;
}

/** The SLA job at `respondBy`: still unanswered, the complaint is escalated (flagged to supervisors, recorded). */
export async function escalateComplaintIfDue(deps: Deps, db: Db, complaintId: string): Promise<void> {
  const now = deps.clock.now();
  const moved = await db
    .update(complaints)
    .set({ escalatedAt: now })
    .where(
      and(
        eq(complaints.id, complaintId),
        isNull(complaints.firstResponseAt),
        isNull(complaints.escalatedAt),
        lte(complaints.respondBy, now),
      ),
    )
    .returning({ merchantId: complaints.merchantId });
  if (moved.length === 0) return;
  const note = `${COMPLAINT_RESPONSE_HOURS} 小时内未首次响应，已升级至平台主管`;
  await recordStep(db, { caseId: complaintId, action: 'escalated', by: 'system', actorId: 'system', note, at: now });
  await emit(db, 'trust.complaint-escalated', { complaintId, merchantId: moved[0]!.merchantId });
}

export async function listMyComplaints(ctx: Ctx): Promise<{ items: ComplaintView[] }> {
  const user = requireUser(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(complaints)
    .where(eq(complaints.userId, user.userId))
    .orderBy(desc(complaints.createdAt))
    .limit(50);
  return { items: await Promise.all(rows.map((r) => viewOf(ctx.db, r, ctx.now(), false))) };
}

/** One complaint: its consumer, the platform's operators, and the staff of the shop it is about. */
export async function getComplaint(ctx: Ctx, id: string): Promise<ComplaintView> {
  const user = requireUser(ctx.actor);
  const [row] = await ctx.db.select().from(complaints).where(eq(complaints.id, id));
  const staff = row?.merchantId
    ? canSeeMerchant(ctx.actor, row.merchantId, 'complaints.handle')
    : user.roles.includes('operator');
  if (!row || (row.userId !== user.userId && !staff)) throw notFound('投诉', id);
  return viewOf(ctx.db, row, ctx.now(), user.roles.includes('operator'));
}

/** The operators' queue: open first, nearest deadline (escalated/overdue ones are already past it) on top. */
export async function listComplaintQueue(
  ctx: Ctx,
  query: { status: (typeof COMPLAINT_STATUSES)[number] },
): Promise<{ items: ComplaintView[] }> {
  requireOperator(ctx.actor);
  const order = query.status === 'resolved' ? [desc(complaints.resolvedAt)] : [asc(complaints.respondBy)];
  const rows = await ctx.db
    .select()
    .from(complaints)
    .where(eq(complaints.status, query.status))
    .orderBy(...order, asc(complaints.id))
    .limit(100);
  return { items: await Promise.all(rows.map((r) => viewOf(ctx.db, r, ctx.now(), true))) };
}

/** The merchant's view: complaints about its shop, newest first (outcomes count in its credit score). */
export async function listShopComplaints(ctx: Ctx, merchantId: string): Promise<{ items: ComplaintView[] }> {
  const rows = await ctx.db
    .select()
    .from(complaints)
    .where(eq(complaints.merchantId, merchantId))
    .orderBy(desc(complaints.createdAt))
    .limit(50);
  return { items: await Promise.all(rows.map((r) => viewOf(ctx.db, r, ctx.now(), false))) };
}

/**
 * The shop answers a complaint about itself. Its first answer within the 2 hours stops the clock (the SLA job then
 * finds it answered and does not escalate); a late answer is recorded but the escalation stands. Only the platform
 * resolves: the outcome feeds the shop's own credit score.
 */
export async function respondAsMerchant(ctx: Ctx, id: string, message: string): Promise<Result<ComplaintView>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'complaints.handle');
  const user = requireUser(ctx.actor);
  const now = ctx.now();
  const done = await atomically(ctx, async (db) => {
    const [row] = await db.select().from(complaints).where(eq(complaints.id, id)).for('update');
    if (!row || row.merchantId !== merchantId) throw notFound('投诉', id);
    if (row.status === 'resolved') return refuse('complaint-resolved');
    await db
      .update(complaints)
      .set({ status: 'responded', firstResponseAt: row.firstResponseAt ?? now })
      .where(eq(complaints.id, id));
    await recordStep(db, {
      caseId: id,
      action: 'merchant-responded',
      by: 'merchant',
      actorId: user.userId,
      note: message,
      at: now,
    });
    await emit(db, 'trust.complaint-responded', { complaintId: id, merchantId, by: 'merchant' });
    return ok(true);
  });
  if (!done.ok) return done;
  const [row] = await ctx.db.select().from(complaints).where(eq(complaints.id, id));
  return ok(await viewOf(ctx.db, row!, now, false));
}

/** An operator answers (the first answer stops the SLA clock) or resolves with an outcome that feeds the credit score. */
export async function actOnComplaint(
  ctx: Ctx,
  id: string,
  input: { action: 'respond' | 'resolve'; message: string; outcome?: (typeof COMPLAINT_OUTCOMES)[number] | undefined },
): Promise<Result<ComplaintView>> {
  const operator = requireOperator(ctx.actor);
  const now = ctx.now();
  const done = await atomically(ctx, async (db) => {
    const [row] = await db.select().from(complaints).where(eq(complaints.id, id)).for('update');
    if (!row) throw notFound('投诉', id);
    if (row.status === 'resolved') return refuse('complaint-resolved');
    const first = row.firstResponseAt ?? now;
    if (input.action === 'respond') {
      await db.update(complaints).set({ status: 'responded', firstResponseAt: first }).where(eq(complaints.id, id));
      await recordStep(db, {
        caseId: id,
        action: 'responded',
        by: 'operator',
        actorId: operator.userId,
        note: input.message,
        at: now,
      });
    } else {
      const outcome = input.outcome ?? 'not-upheld';
      await db
        .update(complaints)
        .set({ status: 'resolved', firstResponseAt: first, outcome, resolvedAt: now })
        .where(eq(complaints.id, id));
      await recordStep(db, {
        caseId: id,
        action: `resolved-${outcome}`,
        by: 'operator',
        actorId: operator.userId,
        note: input.message,
        at: now,
      });
      if (row.merchantId) await recomputeCredit(db, row.merchantId, now);
      await emit(db, 'trust.complaint-resolved', { complaintId: id, merchantId: row.merchantId, outcome });
    }
    return ok(true);
  });
  if (!done.ok) return done;
  const [row] = await ctx.db.select().from(complaints).where(eq(complaints.id, id));
  return ok(await viewOf(ctx.db, row!, now, true));
}
