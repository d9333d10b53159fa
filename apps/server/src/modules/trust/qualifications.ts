import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { actingMerchant, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { validityProblem, validityStatus, type ValidityStatus } from './qualification-validity.ts';
import { QUALIFICATION_KINDS, type QualificationKind } from './rules.ts';
import {
  BUSINESS_LICENCE,
  merchantApplications,
  merchantQualifications,
  qualificationDelistings,
  qualificationRenewals,
} from './schema.ts';

export const BUSINESS_LICENCE_NAME = '营业执照';
export const kindName = (kind: string): string =>
  kind === BUSINESS_LICENCE ? BUSINESS_LICENCE_NAME : (QUALIFICATION_KINDS[kind as QualificationKind] ?? kind);

const refuse = refusals({
  'validity-invalid': [422, '证件有效期不正确'],
  'permanent-not-allowed': [422, '只有营业执照可以填写长期有效'],
  'renewal-pending': [409, '该资质已有续期申请在审核中'],
});

type Application = typeof merchantApplications.$inferSelect;
type QualificationRow = typeof merchantQualifications.$inferInsert;

/** The documents an application carried, as the shop's qualifications in force (dates as given, or none on record). */
function documentsOf(app: Application, merchantId: string, now: Date): QualificationRow[] {
  const base = { merchantId, createdAt: now, updatedAt: now };
  return [
    {
      ...base,
      id: newId('mq'),
      kind: BUSINESS_LICENCE,
      number: app.creditCode,
      imageUrl: app.licenceImageUrl,
      validUntil: app.licenceValidUntil,
      permanent: app.licencePermanent,
    },
    ...app.qualifications.map((q) => ({
      ...base,
      id: newId('mq'),
      kind: q.kind,
      number: q.number,
      imageUrl: q.imageUrl,
      validUntil: q.validUntil ?? null,
      permanent: false,
    })),
  ];
}

/** In the approval's transaction: the admitted documents become the shop's qualifications in force. */
export async function recordAdmittedQualifications(
  db: Db,
  app: Application,
  merchantId: string,
  now: Date,
): Promise<void> {
  await db
    .insert(merchantQualifications)
    .values(documentsOf(app, merchantId, now))
    .onConflictDoNothing();
}

/**
 * Shops admitted before qualifications were kept apart: their approved application's documents are copied over,
 * with no validity date (shown as 未登记有效期; none is invented). Idempotent; run at start-up and by the daily job.
 */
export async function backfillQualifications(db: Db, now: Date): Promise<number> {
  const apps = await db
    .select()
    .from(merchantApplications)
    .where(
      and(
        eq(merchantApplications.status, 'approved'),
        sql`not exists (select 1 from ${merchantQualifications} where ${merchantQualifications.merchantId} = ${merchantApplications.merchantId})`,
      ),
    );
  let added = 0;
  for (const app of apps) {
    if (!app.merchantId) continue;
    const rows = await db
      .insert(merchantQualifications)
      .values(documentsOf(app, app.merchantId, now))
      .onConflictDoNothing()
      .returning({ id: merchantQualifications.id });
    added += rows.length;
  }
  return added;
}

export interface RenewalBrief {
  id: string;
  number: string;
  imageUrl: string;
  validUntil: string | null;
  permanent: boolean;
  status: 'pending' | 'approved' | 'rejected';
  reason: string | null;
  submittedAt: string;
  decidedAt: string | null;
}

export interface QualificationView {
  id: string;
  kind: string;
  kindName: string;
  number: string;
  imageUrl: string;
  validUntil: string | null;
  permanent: boolean;
  status: ValidityStatus;
  /** A renewal is waiting for the platform (续期审核中). */
  pendingRenewal: RenewalBrief | null;
  /** The latest decided renewal, so a rejection's reason stays visible. */
  lastDecision: RenewalBrief | null;
  warnedAt: string | null;
  /** Products this document's expiry took off sale and that are not back yet. */
  delisted: { productId: string; title: string; reason: string; delistedAt: string }[];
}

export const renewalBriefOf = (r: typeof qualificationRenewals.$inferSelect): RenewalBrief => ({
  id: r.id,
  number: r.number,
  imageUrl: r.imageUrl,
  validUntil: r.validUntil,
  permanent: r.permanent,
  status: r.status,
  reason: r.reason,
  submittedAt: r.submittedAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
});

/** The shop's documents in force with their validity, renewals and what their expiry delisted (资质管理). */
export async function listOwnQualifications(ctx: Ctx): Promise<{ items: QualificationView[] }> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'trust.read');
  return { items: await qualificationViews(ctx.db, merchantId, ctx.now()) };
}

async function qualificationViews(db: Db, merchantId: string, now: Date): Promise<QualificationView[]> {
  const rows = await db
    .select()
    .from(merchantQualifications)
    .where(eq(merchantQualifications.merchantId, merchantId))
    .orderBy(asc(merchantQualifications.createdAt), asc(merchantQualifications.id));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [renewals, delistings] = await Promise.all([
    db
      .select()
      .from(qualificationRenewals)
      .where(inArray(qualificationRenewals.qualificationId, ids))
      .orderBy(desc(qualificationRenewals.submittedAt), desc(qualificationRenewals.id)),
    db
      .select()
      .from(qualificationDelistings)
      .where(and(inArray(qualificationDelistings.qualificationId, ids), isNull(qualificationDelistings.closedAt)))
      .orderBy(asc(qualificationDelistings.delistedAt), asc(qualificationDelistings.productId)),
  ]);
  // The business licence first, then the category qualifications in the order they were admitted.
  const ordered = [...rows].sort((a, b) => Number(b.kind === BUSINESS_LICENCE) - Number(a.kind === BUSINESS_LICENCE));
  return ordered.map((r) => {
    const own = renewals.filter((x) => x.qualificationId === r.id);
    const pending = own.find((x) => x.status === 'pending');
    const decided = own.find((x) => x.status !== 'pending');
    return {
      id: r.id,
      kind: r.kind,
      kindName: kindName(r.kind),
      number: r.number,
      imageUrl: r.imageUrl,
      validUntil: r.validUntil,
      permanent: r.permanent,
      status: validityStatus(r, now),
      pendingRenewal: pending ? renewalBriefOf(pending) : null,
      lastDecision: decided ? renewalBriefOf(decided) : null,
      warnedAt: r.warnedAt?.toISOString() ?? null,
      delisted: delistings
        .filter((d) => d.qualificationId === r.id)
        .map((d) => ({
          productId: d.productId,
          title: d.productTitle,
          reason: d.reason,
          delistedAt: d.delistedAt.toISOString(),
        })),
    };
  });
}

export interface RenewalInput {
  number: string;
  imageUrl: string;
  validUntil: string | null;
  permanent: boolean;
}

/**
 * 更新资质: the shop uploads the new document with its last valid day; it goes to the platform's review queue. The
 * document in force is untouched until approval. One renewal under review per document.
 */
export async function submitRenewal(
  ctx: Ctx,
  qualificationId: string,
  input: RenewalInput,
): Promise<Result<QualificationView>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'shop.manage');
  const user = requireUser(ctx.actor).userId;
  const now = ctx.now();
  const [current] = await ctx.db
    .select()
    .from(merchantQualifications)
    .where(and(eq(merchantQualifications.id, qualificationId), eq(merchantQualifications.merchantId, merchantId)));
  if (!current) throw notFound('资质', qualificationId);
  if (input.permanent && current.kind !== BUSINESS_LICENCE) return refuse('permanent-not-allowed');
  const problem = validityProblem(input, now, kindName(current.kind));
  if (problem) return refuse('validity-invalid', problem);
  const id = newId('qrn');
  const inserted = await ctx.tx(async (db) => {
    // The partial unique index turns a second pending renewal (even a racing one) into no row inserted.
    const rows = await db
      .insert(qualificationRenewals)
      .values({
        id,
        qualificationId,
        merchantId,
        kind: current.kind,
        number: input.number.trim(),
        imageUrl: input.imageUrl,
        validUntil: input.permanent ? null : input.validUntil,
        permanent: input.permanent,
        status: 'pending',
        submittedBy: user,
        submittedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: qualificationRenewals.id });
    if (rows.length === 0) return false;
    await emit(db, 'trust.qualification-renewal-submitted', { renewalId: id, merchantId, kind: current.kind });
    return true;
  });
  if (!inserted) return refuse('renewal-pending', '请等待平台审核当前的续期申请');
  const view = (await qualificationViews(ctx.db, merchantId, now)).find((q) => q.id === qualificationId);
  return ok(view!);
}
