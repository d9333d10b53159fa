import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { balancesByPrefix } from '../../platform/ledger.ts';
import { publicProfiles } from '../accounts/api.ts';
import { charityProjectBriefs } from '../points/api.ts';
import { charityAccounts as acc, maskBuyer } from './rules.ts';
import { charitySales } from './schema.ts';

type SaleRow = typeof charitySales.$inferSelect;

export interface ProjectMoneyDto {
  projectId: string;
  /** From the ledger: the credit balance of `charity:<projectId>`, in 分. */
  raisedAmount: number;
  /** Donations still (partly) standing, and the buyers behind them. */
  donations: number;
  buyers: number;
}

/** Money raised by charity products, per project: totals from the ledger, counts from the donation records. */
export async function projectMoneyTotals(db: Db): Promise<{ items: ProjectMoneyDto[] }> {
  const [balances, counts] = await Promise.all([
    balancesByPrefix(db, acc.prefix),
    db
      .select({
        projectId: charitySales.projectId,
        donations: sql<number>`count(*)::int`,
        buyers: sql<number>`count(distinct ${charitySales.userId})::int`,
      })
      .from(charitySales)
      .where(sql`${charitySales.amount} > ${charitySales.reversedAmount}`)
      .groupBy(charitySales.projectId),
  ]);
  const raised = new Map(balances.map((b) => [b.account, 0 - b.balance]));
  const ids = new Set([...counts.map((c) => c.projectId), ...balances.map((b) => b.account.slice(acc.prefix.length))]);
  const byProject = new Map(counts.map((c) => [c.projectId, c]));
  return {
    items: [...ids].sort().map((projectId) => ({
      projectId,
      raisedAmount: raised.get(acc.project(projectId)) ?? 0,
      donations: byProject.get(projectId)?.donations ?? 0,
      buyers: byProject.get(projectId)?.buyers ?? 0,
    })),
  };
}

export interface SaleEntryDto {
  id: string;
  buyer: string;
  productTitle: string;
  qty: number;
  amount: number;
  reversedAmount: number;
  createdAt: string;
}

/** The public ledger of one project's charity-product donations, newest first, buyers masked. */
export async function projectSalesLedger(
  db: Db,
  projectId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<ProjectMoneyDto & { items: SaleEntryDto[]; nextCursor: string | null }> {
  if (!(await charityProjectBriefs(db, [projectId])).has(projectId)) throw notFound('公益项目');
  const totals = (await projectMoneyTotals(db)).items.find((t) => t.projectId === projectId);
  const rows = await db
    .select()
    .from(charitySales)
    .where(and(eq(charitySales.projectId, projectId), page.cursor ? lt(charitySales.id, page.cursor) : undefined))
    .orderBy(desc(charitySales.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  const profiles = await publicProfiles(db, [...new Set(items.map((r) => r.userId))]);
  return {
    projectId,
    raisedAmount: totals?.raisedAmount ?? 0,
    donations: totals?.donations ?? 0,
    buyers: totals?.buyers ?? 0,
    items: items.map((r) => ({
      id: r.id,
      buyer: maskBuyer(profiles.get(r.userId)?.nickname ?? '好物用户'),
      productTitle: r.productTitle,
      qty: r.qty,
      amount: r.amount,
      reversedAmount: r.reversedAmount,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null,
  };
}

export interface CertificateDto {
  id: string;
  certificateNo: string;
  orderId: string;
  donor: string;
  productTitle: string;
  qty: number;
  amountPerItem: number;
  amount: number;
  reversedAmount: number;
  /** What stands after refunds. */
  netAmount: number;
  /** valid; partly-refunded (the net amount stands); void (all of it was refunded, so nothing was donated). */
  status: 'valid' | 'partly-refunded' | 'void';
  project: { id: string; title: string; organization: string };
  donatedAt: string;
}

async function certificates(db: Db, rows: SaleRow[]): Promise<CertificateDto[]> {
  const projects = await charityProjectBriefs(
    db,
    rows.map((r) => r.projectId),
  );
  const profiles = await publicProfiles(db, [...new Set(rows.map((r) => r.userId))]);
  return rows.map((r) => {
    const p = projects.get(r.projectId);
    const net = r.amount - r.reversedAmount;
    return {
      id: r.id,
      certificateNo: r.certificateNo,
      orderId: r.orderId,
      donor: profiles.get(r.userId)?.nickname ?? '好物用户',
      productTitle: r.productTitle,
      qty: r.qty,
      amountPerItem: r.amountPerItem,
      amount: r.amount,
      reversedAmount: r.reversedAmount,
      netAmount: net,
      status: net === 0 ? 'void' : r.reversedAmount > 0 ? 'partly-refunded' : 'valid',
      project: { id: r.projectId, title: p?.title ?? '', organization: p?.organization ?? '' },
      donatedAt: r.createdAt.toISOString(),
    };
  });
}

/** 捐赠证书 of one of the buyer's orders (empty for other people's orders: nothing of theirs is revealed). */
export async function myOrderCertificates(ctx: Ctx, orderId: string): Promise<{ items: CertificateDto[] }> {
  const user = requireUser(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(charitySales)
    .where(and(eq(charitySales.orderId, orderId), eq(charitySales.userId, user.userId)))
    .orderBy(charitySales.id);
  return { items: await certificates(ctx.db, rows) };
}

/** One certificate, for the buyer only: anyone else gets 404, as if it did not exist. */
export async function myCertificate(ctx: Ctx, id: string): Promise<CertificateDto> {
  const user = requireUser(ctx.actor);
  const [row] = await ctx.db
    .select()
    .from(charitySales)
    .where(and(eq(charitySales.id, id), eq(charitySales.userId, user.userId)));
  if (!row) throw notFound('捐赠证书');
  return (await certificates(ctx.db, [row]))[0]!;
}
