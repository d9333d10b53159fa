import { and, asc, desc, eq, gt, inArray, lt, or } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { requireOperator, requireUser } from '../../platform/auth.ts';
import { makeCtx, type Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { forbidden, notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { phonesOf, publicProfiles } from '../accounts/api.ts';
import { createMerchant } from '../catalog/api.ts';
import { isValidIdNumber } from '../live/api.ts';
import { sealBackfill, sealColumns } from '../../platform/seal-backfill.ts';
import { isValidCreditCode } from './credit-code.ts';
import { BUSINESS_LICENCE_NAME, recordAdmittedQualifications } from './qualifications.ts';
import { validityProblem } from './qualification-validity.ts';
import { openDeposit } from './deposits.ts';
import { addWorkingDays, QUALIFICATION_KINDS, REVIEW_WORKING_DAYS, ruleFor, type QualificationKind } from './rules.ts';
import {
  type ApplicationStatus,
  merchantApplicationEvents,
  merchantApplications,
  type QualificationDoc,
} from './schema.ts';

const refuse = refusals({
  'unknown-category': [422, '不支持该主营类目'],
  'credit-code-invalid': [422, '统一社会信用代码不正确'],
  'qualification-missing': [422, '缺少类目要求的资质'],
  'id-number-invalid': [422, '法定代表人身份证号码不正确'],
  'bank-holder-mismatch': [422, '对公账户户名须与营业执照名称一致'],
  'validity-invalid': [422, '证件有效期不正确'],
  'application-open': [409, '已有审核中的入驻申请'],
  'not-awaiting-resubmission': [409, '该申请当前不需要补充资料'],
  'not-awaiting-review': [409, '该申请已处理，不能重复审核'],
});

export interface ApplicationInput {
  entityType: 'company' | 'individual';
  shopName: string;
  categoryId: string;
  licenceName: string;
  creditCode: string;
  licenceImageUrl: string;
  /** The licence's last valid day (YYYY-MM-DD), or null with licencePermanent for 长期. */
  licenceValidUntil: string | null;
  licencePermanent: boolean;
  qualifications: QualificationDoc[];
  legalRep: { name: string; idNumber: string };
  bank: { bankName: string; accountHolder: string; accountNumber: string };
}

export type Decision =
  | { decision: 'approve'; reason?: string | undefined }
  | {
      decision: 'reject' | 'request-info';
      reason: string;
    };

type Row = typeof merchantApplications.$inferSelect;

/** Checks the application against the category rules and national formats; returns the columns to store. */
function validated(deps: Pick<Deps, 'fieldCrypto'>, input: ApplicationInput, now: Date) {
  const rule = ruleFor(input.categoryId);
  if (!rule) return refuse('unknown-category');
  const creditCode = input.creditCode.trim().toUpperCase();
  if (!isValidCreditCode(creditCode))
    return refuse('credit-code-invalid', '请核对营业执照上的 18 位代码（校验位不符）');
  const given = new Set(input.qualifications.map((q) => q.kind));
  const missing = rule.qualifications.filter((k) => !given.has(k));
  if (missing.length > 0)
    return refuse(
      'qualification-missing',
      `「${rule.name}」须上传：${missing.map((k) => QUALIFICATION_KINDS[k]).join('、')}`,
    );
  // Every document must still be valid when submitted: the licence (or 长期) and each category qualification.
  const past = [
    validityProblem(
      { validUntil: input.licenceValidUntil, permanent: input.licencePermanent },
      now,
      BUSINESS_LICENCE_NAME,
    ),
    ...input.qualifications
      .filter((q) => q.kind in QUALIFICATION_KINDS)
      .map((q) => validityProblem(q, now, QUALIFICATION_KINDS[q.kind as QualificationKind])),
  ].find((p) => p !== null);
  if (past) return refuse('validity-invalid', past);
  const idNumber = input.legalRep.idNumber.trim().toUpperCase();
  if (!isValidIdNumber(idNumber)) return refuse('id-number-invalid', '请填写 18 位居民身份证号码');
  if (input.entityType === 'company' && input.bank.accountHolder.trim() !== input.licenceName.trim())
    return refuse('bank-holder-mismatch');
  const name = input.legalRep.name.trim();
  return ok({
    entityType: input.entityType,
    shopName: input.shopName.trim(),
    categoryId: input.categoryId,
    licenceName: input.licenceName.trim(),
    creditCode,
    licenceImageUrl: input.licenceImageUrl,
    licenceValidUntil: input.licencePermanent ? null : input.licenceValidUntil,
    licencePermanent: input.licencePermanent,
    qualifications: input.qualifications
      .filter((q) => q.kind in QUALIFICATION_KINDS)
      .map((q) => ({ kind: q.kind, number: q.number, imageUrl: q.imageUrl, validUntil: q.validUntil ?? null })),
    // As for live hosts: the number is checked, then only its last four and the masked name are kept.
    legalRepName: name.slice(0, 1) + '*'.repeat(Math.max(1, name.length - 1)),
    legalRepIdTail: idNumber.slice(-4),
    bankName: input.bank.bankName.trim(),
    // The account holder's real name is shown to reviewers, so it is sealed rather than masked.
    bankAccountHolder: deps.fieldCrypto.seal(input.bank.accountHolder.trim()),
    bankAccountTail: input.bank.accountNumber.slice(-4),
  });
}

async function record(
  db: Db,
  applicationId: string,
  action: Row['status'] | 'submitted' | 'resubmitted' | 'info-requested',
  actorId: string,
  reason: string | null,
  at: Date,
) {
  await db.insert(merchantApplicationEvents).values({
    id: newId('mae'),
    applicationId,
    action: action === 'needs-info' ? 'info-requested' : action,
    actorId,
    reason,
    at,
  });
}

/** A signed-in person applies to open a shop; the review clock starts now. */
export async function submitApplication(ctx: Ctx, input: ApplicationInput): Promise<Result<ApplicationView>> {
  const user = requireUser(ctx.actor);
  const now = ctx.now();
  const checked = validated(ctx.deps, input, now);
  if (!checked.ok) return checked;
  const id = newId('mapp');
  const opened = await ctx.tx(async (db) => {
    // The partial unique index turns a second open application (even a racing one) into no row inserted.
    const inserted = await db
      .insert(merchantApplications)
      .values({
        id,
        applicantId: user.userId,
        status: 'submitted',
        ...checked.value,
        legalRepVerifiedAt: now,
        revision: 1,
        submittedAt: now,
        dueAt: addWorkingDays(now, REVIEW_WORKING_DAYS),
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: merchantApplications.id });
    if (inserted.length === 0) return false;
    await record(db, id, 'submitted', user.userId, null, now);
    await emit(db, 'merchant-application.submitted', { applicationId: id, applicantId: user.userId });
    return true;
  });
  if (!opened) return refuse('application-open', '请等待当前申请审核完成，或按要求补充资料后重新提交');
  return ok(await loadView(ctx, id));
}

/** After 补充资料 was asked for, the applicant sends the corrected application; the SLA restarts. */
export async function resubmitApplication(
  ctx: Ctx,
  applicationId: string,
  input: ApplicationInput,
): Promise<Result<ApplicationView>> {
  const user = requireUser(ctx.actor);
  const now = ctx.now();
  const checked = validated(ctx.deps, input, now);
  if (!checked.ok) return checked;
  const status = await ctx.tx(async (db) => {
    const [row] = await db
      .select({ status: merchantApplications.status, revision: merchantApplications.revision })
      .from(merchantApplications)
      .where(and(eq(merchantApplications.id, applicationId), eq(merchantApplications.applicantId, user.userId)))
      .for('update');
    if (!row) throw notFound('入驻申请', applicationId);
    if (row.status !== 'needs-info') return row.status;
    await db
      .update(merchantApplications)
      .set({
        ...checked.value,
        status: 'submitted',
        legalRepVerifiedAt: now,
        revision: row.revision + 1,
        submittedAt: now,
        dueAt: addWorkingDays(now, REVIEW_WORKING_DAYS),
        updatedAt: now,
      })
      .where(eq(merchantApplications.id, applicationId));
    await record(db, applicationId, 'resubmitted', user.userId, null, now);
    await emit(db, 'merchant-application.submitted', { applicationId, applicantId: user.userId });
    return 'resubmitted' as const;
  });
  if (status !== 'resubmitted') return refuse('not-awaiting-resubmission');
  return ok(await loadView(ctx, applicationId));
}

/**
 * The operator's decision. Approval opens the shop through the catalog (the applicant becomes its owner) and the
 * category's deposit account, in the same transaction as the decision, so there is never a half-opened shop.
 */
export async function decideApplication(
  ctx: Ctx,
  applicationId: string,
  decision: Decision,
): Promise<Result<ApplicationView>> {
  const operator = requireOperator(ctx.actor);
  const now = ctx.now();
  const outcome = await ctx.tx(async (db) => {
    const [row] = await db
      .select()
      .from(merchantApplications)
      .where(eq(merchantApplications.id, applicationId))
      .for('update');
    if (!row) throw notFound('入驻申请', applicationId);
    if (row.applicantId === operator.userId) throw forbidden('不能审核自己提交的入驻申请');
    if (row.status !== 'submitted') return false;
    const reason = decision.reason?.trim() || null;
    let merchantId: string | null = null;
    if (decision.decision === 'approve') {
      const phone = (await phonesOf(ctx.deps, db, [row.applicantId])).get(row.applicantId);
      if (!phone) throw notFound('申请人', row.applicantId);
      const merchant = await createMerchant(makeCtx(ctx.deps, ctx.actor, { db }), {
        name: row.shopName,
        ownerPhone: phone,
      });
      merchantId = merchant.id;
      await openDeposit(db, { merchantId, categoryId: row.categoryId, now });
      await recordAdmittedQualifications(db, row, merchantId, now);
    }
    const status: ApplicationStatus =
      decision.decision === 'approve' ? 'approved' : decision.decision === 'reject' ? 'rejected' : 'needs-info';
    await db
      .update(merchantApplications)
      .set({ status, dueAt: null, merchantId, updatedAt: now })
      .where(eq(merchantApplications.id, applicationId));
    await record(db, applicationId, status, operator.userId, reason, now);
    await emit(db, `merchant-application.${status}`, { applicationId, applicantId: row.applicantId, merchantId });
    return true;
  });
  if (!outcome) return refuse('not-awaiting-review');
  return ok(await loadView(ctx, applicationId));
}

export interface ApplicationView {
  id: string;
  status: ApplicationStatus;
  entityType: 'company' | 'individual';
  shopName: string;
  categoryId: string;
  categoryName: string;
  licenceName: string;
  creditCode: string;
  licenceImageUrl: string;
  licenceValidUntil: string | null;
  licencePermanent: boolean;
  qualifications: (QualificationDoc & { kindName: string; validUntil: string | null })[];
  legalRepName: string;
  legalRepIdTail: string;
  bankName: string;
  bankAccountHolder: string;
  bankAccountMasked: string;
  deposit: number;
  revision: number;
  submittedAt: string;
  dueAt: string | null;
  overdue: boolean;
  merchantId: string | null;
  /** The reason given with the latest operator decision (what to fix, or why it was refused). */
  lastReason: string | null;
  applicant: { id: string; nickname: string };
  history: { action: string; by: 'applicant' | 'operator'; byName: string | null; reason: string | null; at: string }[];
}

/** One application: its applicant and operators see it; anyone else is told it does not exist. */
export async function getApplication(ctx: Ctx, applicationId: string): Promise<ApplicationView> {
  const user = requireUser(ctx.actor);
  const view = await loadViews(ctx, [applicationId], true).then((m) => m.get(applicationId));
  if (!view || (view.applicant.id !== user.userId && !user.roles.includes('operator')))
    throw notFound('入驻申请', applicationId);
  return view;
}

/** The signed-in person's own applications, newest first (a person rarely has more than a few). */
export async function listMyApplications(ctx: Ctx): Promise<{ items: ApplicationView[] }> {
  const user = requireUser(ctx.actor);
  const rows = await ctx.db
    .select({ id: merchantApplications.id })
    .from(merchantApplications)
    .where(eq(merchantApplications.applicantId, user.userId))
    .orderBy(desc(merchantApplications.createdAt))
    .limit(50);
  const views = await loadViews(
    ctx,
    rows.map((r) => r.id),
    true,
  );
  return { items: rows.map((r) => views.get(r.id)!) };
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

/**
 * The review queue. Waiting applications come oldest first (the one closest to its SLA on top); decided ones and
 * those waiting for the applicant come most recently changed first.
 */
export async function listApplicationQueue(
  ctx: Ctx,
  query: { status: ApplicationStatus; cursor?: string | undefined; limit: number },
): Promise<{ items: ApplicationView[]; nextCursor: string | null }> {
  requireOperator(ctx.actor);
  const after = decodeCursor(query.cursor);
  const waiting = query.status === 'submitted';
  const key = waiting ? merchantApplications.submittedAt : merchantApplications.updatedAt;
  const cmp = waiting ? gt : lt;
  const rows = await ctx.db
    .select({ id: merchantApplications.id, key })
    .from(merchantApplications)
    .where(
      and(
        eq(merchantApplications.status, query.status),
        after ? or(cmp(key, after[0]), and(eq(key, after[0]), cmp(merchantApplications.id, after[1]))) : undefined,
      ),
    )
    .orderBy(...(waiting ? [asc(key), asc(merchantApplications.id)] : [desc(key), desc(merchantApplications.id)]))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const views = await loadViews(
    ctx,
    page.map((r) => r.id),
    false,
  );
  const last = page.at(-1);
  return {
    items: page.map((r) => views.get(r.id)!),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.key, last.id) : null,
  };
}

async function loadView(ctx: Ctx, id: string): Promise<ApplicationView> {
  const view = (await loadViews(ctx, [id], true)).get(id);
  if (!view) throw notFound('入驻申请', id);
  return view;
}

async function loadViews(ctx: Ctx, ids: string[], withHistory: boolean): Promise<Map<string, ApplicationView>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.select().from(merchantApplications).where(inArray(merchantApplications.id, ids));
  const events = await ctx.db
    .select()
    .from(merchantApplicationEvents)
    .where(inArray(merchantApplicationEvents.applicationId, ids))
    .orderBy(asc(merchantApplicationEvents.at), asc(merchantApplicationEvents.id));
  const people = await publicProfiles(ctx.db, [
    ...new Set([...rows.map((r) => r.applicantId), ...events.map((e) => e.actorId)]),
  ]);
  const viewerIsOperator = ctx.actor.kind === 'user' && ctx.actor.roles.includes('operator');
  const now = ctx.now().getTime();
  return new Map(
    rows.map((r) => {
      const own = events.filter((e) => e.applicationId === r.id);
      const lastDecision = own.filter((e) => e.actorId !== r.applicantId).at(-1);
      const rule = ruleFor(r.categoryId);
      return [
        r.id,
        {
          id: r.id,
          status: r.status,
          entityType: r.entityType,
          shopName: r.shopName,
          categoryId: r.categoryId,
          categoryName: rule?.name ?? r.categoryId,
          licenceName: r.licenceName,
          creditCode: r.creditCode,
          licenceImageUrl: r.licenceImageUrl,
          licenceValidUntil: r.licenceValidUntil,
          licencePermanent: r.licencePermanent,
          qualifications: r.qualifications.map((q) => ({
            ...q,
            validUntil: q.validUntil ?? null,
            kindName: QUALIFICATION_KINDS[q.kind as QualificationKind] ?? q.kind,
          })),
          legalRepName: r.legalRepName,
          legalRepIdTail: r.legalRepIdTail,
          bankName: r.bankName,
          bankAccountHolder: ctx.deps.fieldCrypto.open(r.bankAccountHolder),
          bankAccountMasked: `**** **** **** ${r.bankAccountTail}`,
          deposit: rule?.deposit ?? 0,
          revision: r.revision,
          submittedAt: r.submittedAt.toISOString(),
          dueAt: r.dueAt?.toISOString() ?? null,
          overdue: !!r.dueAt && r.dueAt.getTime() <= now,
          merchantId: r.merchantId,
          lastReason: lastDecision?.reason ?? null,
          applicant: { id: r.applicantId, nickname: people.get(r.applicantId)?.nickname ?? '' },
          history: withHistory
            ? own.map((e) => {
                const byApplicant = e.actorId === r.applicantId;
                return {
                  action: e.action,
                  by: byApplicant ? ('applicant' as const) : ('operator' as const),
                  // The applicant sees that the platform decided, not which operator did.
                  byName: byApplicant || viewerIsOperator ? (people.get(e.actorId)?.nickname ?? null) : null,
                  reason: e.reason,
                  at: e.at.toISOString(),
                };
              })
            : [],
        },
      ];
    }),
  );
}

/** Start-up backfill: seals account-holder names of applications written before sealing. */
export const sealPlainBankHolders = (deps: Deps): Promise<number> =>
  sealBackfill(
    deps.database.db,
    sealColumns(deps.fieldCrypto, {
      table: merchantApplications,
      key: merchantApplications.id,
      columns: { bankAccountHolder: merchantApplications.bankAccountHolder },
    }),
  );
