import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { caseEvents } from './schema.ts';

/** Records one step of a complaint or a 先行赔付 claim, in the transaction of the change it describes. */
export async function recordStep(
  db: Db,
  step: {
    caseId: string;
    action: string;
    by: 'consumer' | 'merchant' | 'operator' | 'system';
    actorId: string;
    note?: string;
    at: Date;
  },
): Promise<void> {
  await db.insert(caseEvents).values({ id: newId('tce'), note: null, ...step });
}

export interface CaseStep {
  action: string;
  by: 'consumer' | 'merchant' | 'operator' | 'system';
  /** The operator's account id, for operators only; the consumer sees 平台客服 (or 商家 for the shop's staff). */
  actorId: string | null;
  note: string | null;
  at: string;
}

export async function caseHistory(db: Db, caseId: string, forOperator: boolean): Promise<CaseStep[]> {
  const rows = await db
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.at), asc(caseEvents.id));
  return rows.map((r) => ({
    action: r.action,
    by: r.by,
    actorId: forOperator && r.by === 'operator' ? r.actorId : null,
    note: r.note,
    at: r.at.toISOString(),
  }));
}
