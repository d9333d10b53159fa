import { and, count, desc, eq, gte, inArray, notInArray } from 'drizzle-orm';
import { actingMerchant, requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { formatYuan } from '../../platform/money.ts';
import { listingsForPatrol } from '../catalog/api.ts';
import { recomputeCredit } from './credit.ts';
import { QUALIFICATION_KINDS, ruleFor } from './rules.ts';
import { creditFacts, FINDING_KINDS, FINDING_STATUSES, merchantApplications, patrolFindings } from './schema.ts';

/** Abnormal refund rate: over REFUND_RATE_LIMIT of the last REFUND_WINDOW_DAYS' paid orders, with enough orders. */
const PATROL_RULES = { refundRateLimit: 0.2, refundWindowDays: 30, minOrders: 5 } as const;
export const PATROL_JOB = 'trust.daily-patrol';

type Kind = (typeof FINDING_KINDS)[number];
interface Found {
  merchantId: string;
  productId: string | null;
  kind: Kind;
  detail: string;
}

const refuse = refusals({ 'finding-closed': [409, '该巡检问题已处理'] });

/** Qualifications each shop has on record: those of its approved admission application (none for hand-opened shops). */
async function qualificationsOnRecord(db: Db): Promise<Map<string, Set<string>>> {
  const rows = await db
    .select({ merchantId: merchantApplications.merchantId, q: merchantApplications.qualifications })
    .from(merchantApplications)
    .where(eq(merchantApplications.status, 'approved'));
  return new Map(rows.map((r) => [r.merchantId ?? '', new Set(r.q.map((d) => d.kind))]));
}

async function refundRateFindings(db: Db, now: Date): Promise<Found[]> {
  const since = new Date(now.getTime() - PATROL_RULES.refundWindowDays * 86_400_000);
  const rows = await db
    .select({ merchantId: creditFacts.merchantId, kind: creditFacts.kind, n: count() })
    .from(creditFacts)
    .where(and(inArray(creditFacts.kind, ['order-paid', 'after-sale']), gte(creditFacts.at, since)))
    .groupBy(creditFacts.merchantId, creditFacts.kind);
  const per = new Map<string, { orders: number; afterSales: number }>();
  for (const r of rows) {
    const m = per.get(r.merchantId) ?? { orders: 0, afterSales: 0 };
    if (r.kind === 'order-paid') m.orders = r.n;
    else m.afterSales = r.n;
    per.set(r.merchantId, m);
  }
  return [...per]
    .filter(([, m]) => m.orders >= PATROL_RULES.minOrders && m.afterSales / m.orders > PATROL_RULES.refundRateLimit)
    .map(([merchantId, m]) => ({
      merchantId,
      productId: null,
      kind: 'abnormal-refund-rate' as const,
      detail: `近 ${PATROL_RULES.refundWindowDays} 天 ${m.orders} 单中 ${m.afterSales} 单申请售后（${((m.afterSales / m.orders) * 100).toFixed(1)}%），超过 ${PATROL_RULES.refundRateLimit * 100}%`,
    }));
}

/** Runs every check over every listed product and shop; what it finds at `now`. */
async function patrolChecks(db: Db, now: Date): Promise<Found[]> {
  const found: Found[] = [];
  const quals = await qualificationsOnRecord(db);
  for (const p of await listingsForPatrol(db, now)) {
    const at = { merchantId: p.merchantId, productId: p.productId };
    const missing = (ruleFor(p.topCategoryId)?.qualifications ?? []).filter((k) => !quals.get(p.merchantId)?.has(k));
    if (missing.length > 0)
      found.push({
        ...at,
        kind: 'missing-qualification',
        detail: `「${p.title}」所在类目需要${missing.map((k) => QUALIFICATION_KINDS[k]).join('、')}，店铺未提交`,
      });
    const untrue = p.skus.filter((s) => s.originalPrice !== null && s.originalPrice > s.highestPrice30d);
    if (untrue.length > 0)
      found.push({
        ...at,
        kind: 'untruthful-original-price',
        detail: untrue
          .map(
            (s) =>
              `「${p.title}」${s.specText} 划线价 ${formatYuan(s.originalPrice!)} 高于近 30 天最高价 ${formatYuan(s.highestPrice30d)}`,
          )
          .join('；'),
      });
    if (p.skus.every((s) => s.stock === 0))
      found.push({ ...at, kind: 'stale-stock', detail: `「${p.title}」在架但全部规格无库存，消费者无法购买` });
  }
  return [...found, ...(await refundRateFindings(db, now))];
}

const keyOf = (f: Found) => `${f.kind}:${f.merchantId}:${f.productId ?? '-'}`;

/**
 * The daily patrol (巡检): a finding seen again updates its open row; an open finding no longer seen is closed as
 * fixed. The merchants whose findings changed get their credit recomputed. Returns how many open findings it saw.
 */
export async function runPatrol(db: Db, now: Date): Promise<{ found: number; opened: number; fixed: number }> {
  const found = await patrolChecks(db, now);
  const keys = found.map(keyOf);
  const touched = new Set<string>();
  let opened = 0;
  for (const f of found) {
    const dedupeKey = keyOf(f);
    const updated = await db
      .update(patrolFindings)
      .set({ lastSeenAt: now, detail: f.detail })
      .where(and(eq(patrolFindings.dedupeKey, dedupeKey), eq(patrolFindings.status, 'open')))
      .returning({ id: patrolFindings.id });
    if (updated.length > 0) continue;
    await db
      .insert(patrolFindings)
      .values({ id: newId('fnd'), ...f, status: 'open', dedupeKey, firstSeenAt: now, lastSeenAt: now });
    touched.add(f.merchantId);
    opened++;
  }
  const gone = await db
    .update(patrolFindings)
    .set({ status: 'fixed', closedAt: now })
    .where(and(eq(patrolFindings.status, 'open'), keys.length ? notInArray(patrolFindings.dedupeKey, keys) : undefined))
    .returning({ merchantId: patrolFindings.merchantId });
  for (const g of gone) touched.add(g.merchantId);
  for (const m of [...touched].sort()) await recomputeCredit(db, m, now);
  if (opened > 0) await emit(db, 'trust.patrol-findings', { opened, fixed: gone.length, at: now.toISOString() });
  return { found: found.length, opened, fixed: gone.length };
}

export interface FindingView {
  id: string;
  merchantId: string;
  productId: string | null;
  kind: Kind;
  detail: string;
  status: (typeof FINDING_STATUSES)[number];
  firstSeenAt: string;
  lastSeenAt: string;
}
const viewOf = (r: typeof patrolFindings.$inferSelect): FindingView => ({
  id: r.id,
  merchantId: r.merchantId,
  productId: r.productId,
  kind: r.kind,
  detail: r.detail,
  status: r.status,
  firstSeenAt: r.firstSeenAt.toISOString(),
  lastSeenAt: r.lastSeenAt.toISOString(),
});

export async function listFindings(
  ctx: Ctx,
  query: { status: (typeof FINDING_STATUSES)[number]; merchantId?: string | undefined },
): Promise<{ items: FindingView[] }> {
  requireOperator(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(patrolFindings)
    .where(
      and(
        eq(patrolFindings.status, query.status),
        query.merchantId ? eq(patrolFindings.merchantId, query.merchantId) : undefined,
      ),
    )
    .orderBy(desc(patrolFindings.lastSeenAt), desc(patrolFindings.id))
    .limit(200);
  return { items: rows.map(viewOf) };
}

/** The shop's own findings: open ones, then the last closed. */
export async function listOwnFindings(ctx: Ctx): Promise<{ items: FindingView[] }> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'trust.read');
  const rows = await ctx.db
    .select()
    .from(patrolFindings)
    .where(eq(patrolFindings.merchantId, merchantId))
    .orderBy(desc(patrolFindings.lastSeenAt), desc(patrolFindings.id))
    .limit(100);
  return { items: rows.map(viewOf).sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open')) };
}

/** An operator dismisses a finding (false positive); penalising goes through imposePenalty with its findingId. */
export async function dismissFinding(ctx: Ctx, id: string): Promise<Result<FindingView>> {
  requireOperator(ctx.actor);
  const now = ctx.now();
  return ctx.tx(async (db) => {
    const [row] = await db.select().from(patrolFindings).where(eq(patrolFindings.id, id)).for('update');
    if (!row) throw notFound('巡检问题', id);
    if (row.status !== 'open') return refuse('finding-closed');
    const [moved] = await db
      .update(patrolFindings)
      .set({ status: 'dismissed', closedAt: now })
      .where(eq(patrolFindings.id, id))
      .returning();
    await recomputeCredit(db, row.merchantId, now);
    return ok(viewOf(moved!));
  });
}

/** Inside imposePenalty's transaction: the finding the penalty acts on is closed as penalised. */
export async function closeFindingAsPenalised(
  db: Db,
  id: string,
  merchantId: string,
  now: Date,
): Promise<Result<true>> {
  const moved = await db
    .update(patrolFindings)
    .set({ status: 'penalised', closedAt: now })
    .where(and(eq(patrolFindings.id, id), eq(patrolFindings.merchantId, merchantId), eq(patrolFindings.status, 'open')))
    .returning({ id: patrolFindings.id });
  return moved.length ? ok(true) : refuse('finding-closed');
}
