import { and, avg, count, eq, gt, gte, inArray, sql } from 'drizzle-orm';
import { actingMerchant, canSeeMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { forbidden } from '../../platform/errors.ts';
import { recordComputedCreditScore } from '../catalog/api.ts';
import {
  compensationClaims,
  complaints,
  creditFacts,
  creditScores,
  type CreditComponent,
  merchantPenalties,
  patrolFindings,
  PENALTY_KINDS,
} from './schema.ts';

/**
 * The merchant credit score (信用分), computed — docs/TRUST.md "Credit score" is the same formula in words.
 * 100 minus what each component takes off, never below 0. Rates look back RATE_DAYS; compensations and penalties
 * stay on the record PENALTY_DAYS. Every cap is there so one bad week cannot alone zero a shop, except the sum.
 */
const RATE_DAYS = 90;
const PENALTY_DAYS = 365;
export const CREDIT_RULES = {
  afterSale: { freeRate: 0.05, pointsPerPercent: 1, cap: 15 },
  complaint: { perUpheld: 4, cap: 20 },
  compensation: { perPaid: 10, cap: 40 },
  shipping: { lateAfterHours: 48, pointsPerLateShare: 20, cap: 10 },
  review: { target: 4.5, pointsPerStar: 5, minReviews: 3, cap: 10 },
  patrol: { perOpenFinding: 2, cap: 10 },
  penalty: { cap: 30, points: { warning: 2, delist: 4, suspension: 10, 'deposit-deduction': 8 } },
} as const;

const DAY = 86_400_000;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const take = (raw: number, cap: number) => {
  const off = Math.min(cap, Math.max(0, Math.round(raw)));
  return off === 0 ? 0 : -off;
};

async function factCount(db: Db, merchantId: string, kind: 'order-paid' | 'after-sale', since: Date) {
  const [r] = await db
    .select({ n: count() })
    .from(creditFacts)
    .where(and(eq(creditFacts.merchantId, merchantId), eq(creditFacts.kind, kind), gte(creditFacts.at, since)));
  return r?.n ?? 0;
}

export interface CreditBreakdown {
  merchantId: string;
  score: number;
  components: CreditComponent[];
  computedAt: string;
}

/** Measures each component for one merchant at `now`. Reads only the trust module's own tables. */
export async function computeCredit(db: Db, merchantId: string, now: Date): Promise<CreditBreakdown> {
  const rateSince = new Date(now.getTime() - RATE_DAYS * DAY);
  const recordSince = new Date(now.getTime() - PENALTY_DAYS * DAY);
  const R = CREDIT_RULES;
  const components: CreditComponent[] = [];

  const orders = await factCount(db, merchantId, 'order-paid', rateSince);
  const afterSales = await factCount(db, merchantId, 'after-sale', rateSince);
  const asRate = orders > 0 ? afterSales / orders : 0;
  components.push({
    key: 'after-sale',
    name: '售后率',
    measure: `近 ${RATE_DAYS} 天 ${afterSales} 单售后 / ${orders} 单成交（${pct(asRate)}，${pct(R.afterSale.freeRate)} 以内不扣分）`,
    points: take((asRate - R.afterSale.freeRate) * 100 * R.afterSale.pointsPerPercent, R.afterSale.cap),
    cap: R.afterSale.cap,
  });

  const [cs] = await db
    .select({
      filed: count(),
      upheld: sql<number>`count(*) filter (where ${complaints.outcome} = 'upheld')`.mapWith(Number),
    })
    .from(complaints)
    .where(and(eq(complaints.merchantId, merchantId), gte(complaints.createdAt, rateSince)));
  const upheld = cs?.upheld ?? 0;
  components.push({
    key: 'complaint',
    name: '投诉',
    measure: `近 ${RATE_DAYS} 天投诉 ${cs?.filed ?? 0} 件，经核实成立 ${upheld} 件（每件扣 ${R.complaint.perUpheld} 分）`,
    points: take(upheld * R.complaint.perUpheld, R.complaint.cap),
    cap: R.complaint.cap,
  });

  const [paid] = await db
    .select({ n: count(), total: sql<number>`coalesce(sum(${compensationClaims.approved}), 0)`.mapWith(Number) })
    .from(compensationClaims)
    .where(
      and(
        eq(compensationClaims.merchantId, merchantId),
        inArray(compensationClaims.status, ['paying', 'paid']),
        gte(compensationClaims.decidedAt, recordSince),
      ),
    );
  const claims = paid?.n ?? 0;
  components.push({
    key: 'compensation',
    name: '先行赔付',
    measure: `近 ${PENALTY_DAYS} 天平台先行赔付 ${claims} 笔，共 ¥${((paid?.total ?? 0) / 100).toFixed(2)}（每笔扣 ${R.compensation.perPaid} 分）`,
    points: take(claims * R.compensation.perPaid, R.compensation.cap),
    cap: R.compensation.cap,
  });

  const shippedWhere = and(
    eq(creditFacts.merchantId, merchantId),
    eq(creditFacts.kind, 'order-shipped'),
    gte(creditFacts.at, rateSince),
  );
  const [ship] = await db
    .select({
      n: count(),
      late: sql<number>`count(*) filter (where ${creditFacts.value} > ${R.shipping.lateAfterHours})`.mapWith(Number),
    })
    .from(creditFacts)
    .where(shippedWhere);
  const shipped = ship?.n ?? 0;
  const lateShare = shipped > 0 ? (ship?.late ?? 0) / shipped : 0;
  components.push({
    key: 'shipping',
    name: '发货及时率',
    measure: `近 ${RATE_DAYS} 天发货 ${shipped} 单，超过 ${R.shipping.lateAfterHours} 小时发货 ${ship?.late ?? 0} 单（${pct(lateShare)}）`,
    points: take(lateShare * R.shipping.pointsPerLateShare, R.shipping.cap),
    cap: R.shipping.cap,
  });

  const [rv] = await db
    .select({ n: count(), mean: avg(creditFacts.value) })
    .from(creditFacts)
    .where(and(eq(creditFacts.merchantId, merchantId), eq(creditFacts.kind, 'review'), gte(creditFacts.at, rateSince)));
  const reviews = rv?.n ?? 0;
  const mean = Number(rv?.mean ?? 0);
  const counted = reviews >= R.review.minReviews;
  components.push({
    key: 'review',
    name: '评价分',
    measure: counted
      ? `近 ${RATE_DAYS} 天 ${reviews} 条评价，平均 ${mean.toFixed(2)} 星（${R.review.target} 星及以上不扣分）`
      : `近 ${RATE_DAYS} 天评价 ${reviews} 条，不足 ${R.review.minReviews} 条不计`,
    points: counted ? take((R.review.target - mean) * R.review.pointsPerStar, R.review.cap) : 0,
    cap: R.review.cap,
  });

  const [open] = await db
    .select({ n: count() })
    .from(patrolFindings)
    .where(and(eq(patrolFindings.merchantId, merchantId), eq(patrolFindings.status, 'open')));
  components.push({
    key: 'patrol',
    name: '巡检问题',
    measure: `未处理的巡检问题 ${open?.n ?? 0} 项（每项扣 ${R.patrol.perOpenFinding} 分）`,
    points: take((open?.n ?? 0) * R.patrol.perOpenFinding, R.patrol.cap),
    cap: R.patrol.cap,
  });

  const pens = await db
    .select({ kind: merchantPenalties.kind, n: count() })
    .from(merchantPenalties)
    .where(and(eq(merchantPenalties.merchantId, merchantId), gt(merchantPenalties.at, recordSince)))
    .groupBy(merchantPenalties.kind);
  const byKind = new Map(pens.map((p) => [p.kind, p.n]));
  const penaltyRaw = PENALTY_KINDS.reduce((a, k) => a + (byKind.get(k) ?? 0) * R.penalty.points[k], 0);
  components.push({
    key: 'penalty',
    name: '处罚记录',
    measure: `近 ${PENALTY_DAYS} 天：警告 ${byKind.get('warning') ?? 0}、下架 ${byKind.get('delist') ?? 0}、暂停营业 ${byKind.get('suspension') ?? 0}、扣除保证金 ${byKind.get('deposit-deduction') ?? 0}`,
    points: take(penaltyRaw, R.penalty.cap),
    cap: R.penalty.cap,
  });

  const score = Math.max(0, 100 + components.reduce((a, c) => a + c.points, 0));
  return { merchantId, score, components, computedAt: now.toISOString() };
}

/**
 * Recomputes and stores a merchant's score in the caller's transaction, and hands it to the catalog (which owns the
 * merchant row live's go-live gate reads). Called on each event that moves it and by the daily job.
 */
export async function recomputeCredit(db: Db, merchantId: string, now: Date): Promise<CreditBreakdown> {
  const b = await computeCredit(db, merchantId, now);
  await db
    .insert(creditScores)
    .values({ merchantId, score: b.score, components: b.components, computedAt: now })
    .onConflictDoUpdate({
      target: creditScores.merchantId,
      set: { score: b.score, components: b.components, computedAt: now },
    });
  await recordComputedCreditScore(db, merchantId, b.score);
  return b;
}

/** Every merchant the trust module knows anything about: the daily job's list (others stay at 100, as computed). */
export async function merchantsWithCreditInputs(db: Db): Promise<string[]> {
  // PGlite and node-postgres both answer { rows }, which drizzle's shared Db type does not spell out.
  const result: unknown = await db.execute(sql`
    select merchant_id from ${creditFacts} union select merchant_id from ${creditScores}
    union select merchant_id from ${merchantPenalties} union select merchant_id from ${complaints} where merchant_id is not null
    union select merchant_id from ${compensationClaims} union select merchant_id from ${patrolFindings}`);
  return (result as { rows: { merchant_id: string }[] }).rows.map((r) => r.merchant_id).sort();
}

/** The breakdown as the merchant (its staff) or an operator sees it: computed fresh, so it matches the rules now. */
export async function viewCredit(ctx: Ctx, merchantId?: string): Promise<CreditBreakdown & { minLiveScore: number }> {
  const id = merchantId ?? actingMerchant(ctx.actor, ctx.merchantHint, 'trust.read').merchantId;
  if (!canSeeMerchant(ctx.actor, id, 'trust.read')) throw forbidden('只能查看本店的信用分');
  return { ...(await computeCredit(ctx.db, id, ctx.now())), minLiveScore: ctx.deps.config.LIVE_MIN_CREDIT_SCORE };
}
