import { and, asc, desc, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import { requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { publicProfiles } from '../accounts/api.ts';
import { getMerchantBriefs, relistAfterQualificationRenewal } from '../catalog/api.ts';
import { validityStatus, type ValidityStatus } from './qualification-validity.ts';
import { kindName, renewalBriefOf, type RenewalBrief } from './qualifications.ts';
import { categoriesRequiring } from './rules.ts';
import { merchantQualifications, qualificationDelistings, qualificationRenewals, RENEWAL_STATUSES } from './schema.ts';

const refuse = refusals({ 'renewal-decided': [409, '该续期申请已处理，不能重复审核'] });

export type RenewalDecision = { decision: 'approve' } | { decision: 'reject'; reason: string };

export interface RenewalView extends RenewalBrief {
  qualificationId: string;
  merchantId: string;
  merchantName: string;
  kind: string;
  kindName: string;
  /** The document in force, which the renewal replaces on approval. */
  current: { number: string; imageUrl: string; validUntil: string | null; permanent: boolean; status: ValidityStatus };
  /** Products its expiry took off sale; approval lists them again if the shop has not changed them. */
  delistedCount: number;
  decidedByName: string | null;
}

/**
 * The operator's decision on a renewal, recorded on the renewal (who, when, why). Approval puts the new document in
 * force, clears the warning and expiry, and lists again — in the same transaction — the products this document's
 * expiry took off sale, only those the shop has not touched since and that no other expired document still keeps off.
 */
export async function decideRenewal(
  ctx: Ctx,
  renewalId: string,
  decision: RenewalDecision,
): Promise<Result<RenewalView>> {
  const operator = requireOperator(ctx.actor);
  const now = ctx.now();
  const done = await ctx.tx(async (db) => {
    const [renewal] = await db
      .select()
      .from(qualificationRenewals)
      .where(eq(qualificationRenewals.id, renewalId))
      .for('update');
    if (!renewal) throw notFound('续期申请', renewalId);
    if (renewal.status !== 'pending') return false;
    const approved = decision.decision === 'approve';
    await db
      .update(qualificationRenewals)
      .set({
        status: approved ? 'approved' : 'rejected',
        decidedBy: operator.userId,
        decidedAt: now,
        reason: approved ? null : decision.reason.trim(),
      })
      .where(eq(qualificationRenewals.id, renewalId));
    if (!approved) {
      await emit(db, 'trust.qualification-renewal-rejected', { renewalId, merchantId: renewal.merchantId });
      return true;
    }
    await db
      .update(merchantQualifications)
      .set({
        number: renewal.number,
        imageUrl: renewal.imageUrl,
        validUntil: renewal.validUntil,
        permanent: renewal.permanent,
        warnedAt: null,
        expiredAt: null,
        updatedAt: now,
      })
      .where(eq(merchantQualifications.id, renewal.qualificationId));
    const relisted = await relistDelisted(db, renewal.qualificationId, renewal.merchantId, now);
    await emit(db, 'trust.qualification-renewed', {
      renewalId,
      merchantId: renewal.merchantId,
      kind: renewal.kind,
      relisted,
    });
    return true;
  });
  if (!done) return refuse('renewal-decided');
  return ok((await renewalViews(ctx, [renewalId])).get(renewalId)!);
}

/** The renewed document's open delistings: relisted, handed to another expired document, or left as changed. */
async function relistDelisted(db: Db, qualificationId: string, merchantId: string, now: Date): Promise<number> {
  const open = await db
    .select()
    .from(qualificationDelistings)
    .where(and(eq(qualificationDelistings.qualificationId, qualificationId), isNull(qualificationDelistings.closedAt)));
  if (open.length === 0) return 0;
  // Another document of the shop that is still expired keeps its categories off sale (the licence keeps all).
  const others = await db
    .select()
    .from(merchantQualifications)
    .where(eq(merchantQualifications.merchantId, merchantId));
  const stillExpired = others.filter((q) => q.id !== qualificationId && validityStatus(q, now) === 'expired');
  const keeperOf = (topCategoryId: string) =>
    stillExpired.find((q) => {
      const cats = categoriesRequiring(q.kind);
      return cats === 'all' || cats.includes(topCategoryId);
    });
  const free = [];
  for (const d of open) {
    const keeper = keeperOf(d.topCategoryId);
    if (keeper)
      await db
        .update(qualificationDelistings)
        .set({ qualificationId: keeper.id })
        .where(eq(qualificationDelistings.id, d.id));
    else free.push(d);
  }
  const relisted = new Set(
    await relistAfterQualificationRenewal(db, {
      merchantId,
      items: free.map((d) => ({ productId: d.productId, delistedAt: d.delistedAt })),
      at: now,
    }),
  );
  for (const d of free)
    await db
      .update(qualificationDelistings)
      .set({ outcome: relisted.has(d.productId) ? 'relisted' : 'changed', closedAt: now })
      .where(eq(qualificationDelistings.id, d.id));
  return relisted.size;
}

const encodeCursor = (at: Date, id: string) =>
  Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
function decodeCursor(cursor: string | undefined): [Date, string] | undefined {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const date = new Date(at);
    return Number.isNaN(date.getTime()) || typeof id !== 'string' ? undefined : [date, id];
  } catch {
    return undefined;
  }
}

/** 资质续期审核: pending renewals oldest first; decided ones most recently submitted first. */
export async function listRenewalQueue(
  ctx: Ctx,
  query: { status: (typeof RENEWAL_STATUSES)[number]; cursor?: string | undefined; limit: number },
): Promise<{ items: RenewalView[]; nextCursor: string | null }> {
  requireOperator(ctx.actor);
  const after = decodeCursor(query.cursor);
  const waiting = query.status === 'pending';
  const key = qualificationRenewals.submittedAt;
  const cmp = waiting ? gt : lt;
  const rows = await ctx.db
    .select({ id: qualificationRenewals.id, key })
    .from(qualificationRenewals)
    .where(
      and(
        eq(qualificationRenewals.status, query.status),
        after ? or(cmp(key, after[0]), and(eq(key, after[0]), cmp(qualificationRenewals.id, after[1]))) : undefined,
      ),
    )
    .orderBy(...(waiting ? [asc(key), asc(qualificationRenewals.id)] : [desc(key), desc(qualificationRenewals.id)]))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const views = await renewalViews(
    ctx,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((r) => views.get(r.id)!),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.key, last.id) : null,
  };
}

async function renewalViews(ctx: Ctx, ids: string[]): Promise<Map<string, RenewalView>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.select().from(qualificationRenewals).where(inArray(qualificationRenewals.id, ids));
  const qIds = [...new Set(rows.map((r) => r.qualificationId))];
  const [docs, delistings, shops, people] = await Promise.all([
    ctx.db.select().from(merchantQualifications).where(inArray(merchantQualifications.id, qIds)),
    ctx.db
      .select({ qualificationId: qualificationDelistings.qualificationId, outcome: qualificationDelistings.outcome })
      .from(qualificationDelistings)
      .where(inArray(qualificationDelistings.qualificationId, qIds)),
    getMerchantBriefs(
      ctx.db,
      rows.map((r) => r.merchantId),
    ),
    publicProfiles(ctx.db, [...new Set(rows.flatMap((r) => (r.decidedBy ? [r.decidedBy] : [])))]),
  ]);
  const now = ctx.now();
  return new Map(
    rows.map((r) => {
      const doc = docs.find((d) => d.id === r.qualificationId)!;
      const own = delistings.filter((d) => d.qualificationId === r.qualificationId);
      return [
        r.id,
        {
          ...renewalBriefOf(r),
          qualificationId: r.qualificationId,
          merchantId: r.merchantId,
          merchantName: shops.get(r.merchantId)?.name ?? r.merchantId,
          kind: r.kind,
          kindName: kindName(r.kind),
          current: {
            number: doc.number,
            imageUrl: doc.imageUrl,
            validUntil: doc.validUntil,
            permanent: doc.permanent,
            status: validityStatus(doc, now),
          },
          delistedCount: own.filter((d) => d.outcome === null).length,
          decidedByName: r.decidedBy ? (people.get(r.decidedBy)?.nickname ?? null) : null,
        },
      ];
    }),
  );
}
