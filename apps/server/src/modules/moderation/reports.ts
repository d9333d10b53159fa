import { and, desc, eq, lt } from 'drizzle-orm';
import { requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { contentReports } from './schema.ts';

const refuse = refusals({ 'already-decided': '该举报已处理' });

export interface ReportView {
  id: string;
  subjectType: string;
  subjectId: string;
  reporterId: string;
  reason: string;
  detail: string;
  status: 'open' | 'removed' | 'dismissed';
  createdAt: string;
  decidedAt: string | null;
}

const toView = (r: typeof contentReports.$inferSelect): ReportView => ({
  id: r.id,
  subjectType: r.subjectType,
  subjectId: r.subjectId,
  reporterId: r.reporterId,
  reason: r.reason,
  detail: r.detail,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
});

/** The operators' report (举报) queue, newest first. */
export async function listReports(
  ctx: Ctx,
  input: { status: 'open' | 'removed' | 'dismissed'; cursor?: string | undefined; limit: number },
): Promise<{ items: ReportView[]; nextCursor: string | null }> {
  requireOperator(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(contentReports)
    .where(and(eq(contentReports.status, input.status), input.cursor ? lt(contentReports.id, input.cursor) : undefined))
    .orderBy(desc(contentReports.id))
    .limit(input.limit + 1);
  const more = rows.length > input.limit;
  const shown = rows.slice(0, input.limit);
  return { items: shown.map(toView), nextCursor: more ? shown[shown.length - 1]!.id : null };
}

/**
 * An operator removes the reported content or dismisses the report. Every open report of the same subject is
 * closed with it; removal is announced as `moderation.decided` (verdict rejected) so the owning module hides it.
 */
export async function resolveReport(
  ctx: Ctx,
  reportId: string,
  action: 'remove' | 'dismiss',
): Promise<Result<{ resolved: number; status: 'removed' | 'dismissed' }, 'already-decided'>> {
  const operator = requireOperator(ctx.actor);
  return ctx.tx(async (db) => {
    const [report] = await db.select().from(contentReports).where(eq(contentReports.id, reportId)).for('update');
    if (!report) throw notFound('举报', reportId);
    if (report.status !== 'open') return refuse('already-decided');
    const status = action === 'remove' ? ('removed' as const) : ('dismissed' as const);
    const closed = await db
      .update(contentReports)
      .set({ status, decidedBy: operator.userId, decidedAt: ctx.now() })
      .where(
        and(
          eq(contentReports.subjectType, report.subjectType),
          eq(contentReports.subjectId, report.subjectId),
          eq(contentReports.status, 'open'),
        ),
      )
      .returning({ id: contentReports.id });
    if (status === 'removed') {
      await emit(db, 'moderation.decided', {
        subjectType: report.subjectType,
        subjectId: report.subjectId,
        authorId: null,
        verdict: 'rejected',
        source: 'report',
      });
    }
    return ok({ resolved: closed.length, status });
  });
}
