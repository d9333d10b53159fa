import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { moderationDecisions, type OperatorAction } from './schema.ts';

export interface OperatorDecision {
  id: string;
  action: OperatorAction;
  reason: string;
  operatorId: string;
  at: string;
}

const toView = (r: typeof moderationDecisions.$inferSelect): OperatorDecision => ({
  id: r.id,
  action: r.action,
  reason: r.reason,
  operatorId: r.operatorId,
  at: r.createdAt.toISOString(),
});

/**
 * An operator hides or restores content from content management (the owning module has checked the operator
 * and the subject). Recorded with its reason and announced like every other decision, as `moderation.decided`
 * (source `operator`), so the owning module applies it in one place.
 */
export async function recordOperatorDecision(
  db: Db,
  input: {
    subjectType: string;
    subjectId: string;
    authorId: string;
    action: OperatorAction;
    reason: string;
    operatorId: string;
    at: Date;
  },
): Promise<OperatorDecision> {
  const [row] = await db
    .insert(moderationDecisions)
    .values({ id: newId('mdc'), ...input, createdAt: input.at })
    .returning();
  await emit(db, 'moderation.decided', {
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    authorId: input.authorId,
    verdict: input.action === 'hide' ? 'rejected' : 'approved',
    source: 'operator',
    reason: input.reason,
  });
  return toView(row!);
}

/** The latest operator decision for each subject, for content lists. */
export async function latestOperatorDecisions(
  db: Db,
  subjectType: string,
  subjectIds: string[],
): Promise<Map<string, OperatorDecision>> {
  if (subjectIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([moderationDecisions.subjectId])
    .from(moderationDecisions)
    .where(and(eq(moderationDecisions.subjectType, subjectType), inArray(moderationDecisions.subjectId, subjectIds)))
    .orderBy(moderationDecisions.subjectId, desc(moderationDecisions.createdAt), desc(moderationDecisions.id));
  return new Map(rows.map((r) => [r.subjectId, toView(r)]));
}
