import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { balancesByPrefix } from '../../platform/ledger.ts';
import { publicProfiles } from '../accounts/api.ts';
import { maskNickname } from './rules.ts';
import { charityDonations, charityProjects } from './schema.ts';
import { pointsAccount } from './wallet.ts';

export interface CharityProjectDto {
  id: string;
  title: string;
  organization: string;
  description: string;
  imageUrl: string | null;
  targetPoints: number;
  /** From the ledger: the credit balance of `points:charity:<id>`. */
  raisedPoints: number;
  donations: number;
  donors: number;
  active: boolean;
  createdAt: string;
}

/** Every project with what it raised; the totals are read from the ledger, the counts from the donation records. */
export async function listCharityProjects(
  db: Db,
  opts: { includeClosed: boolean },
): Promise<{ items: CharityProjectDto[] }> {
  const rows = await db
    .select()
    .from(charityProjects)
    .where(opts.includeClosed ? sql`true` : eq(charityProjects.active, true))
    .orderBy(desc(charityProjects.active), asc(charityProjects.createdAt));
  const raised = new Map((await balancesByPrefix(db, 'points:charity:')).map((b) => [b.account, -b.balance]));
  const counts = await db
    .select({
      projectId: charityDonations.projectId,
      donations: sql<number>`count(*)::int`,
      donors: sql<number>`count(distinct ${charityDonations.userId})::int`,
    })
    .from(charityDonations)
    .groupBy(charityDonations.projectId);
  const byProject = new Map(counts.map((c) => [c.projectId, c]));
  return {
    items: rows.map((p) => ({
      id: p.id,
      title: p.title,
      organization: p.organization,
      description: p.description,
      imageUrl: p.imageUrl,
      targetPoints: p.targetPoints,
      raisedPoints: raised.get(pointsAccount.charity(p.id)) ?? 0,
      donations: byProject.get(p.id)?.donations ?? 0,
      donors: byProject.get(p.id)?.donors ?? 0,
      active: p.active,
      createdAt: p.createdAt.toISOString(),
    })),
  };
}

export interface CharityProjectBrief {
  id: string;
  title: string;
  organization: string;
  active: boolean;
}

/** What other modules show of a project (charity products name it on the product page and the certificate). */
export async function charityProjectBriefs(db: Db, ids: string[]): Promise<Map<string, CharityProjectBrief>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: charityProjects.id,
      title: charityProjects.title,
      organization: charityProjects.organization,
      active: charityProjects.active,
    })
    .from(charityProjects)
    .where(inArray(charityProjects.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

export interface DonationEntryDto {
  id: string;
  donor: string;
  points: number;
  createdAt: string;
}

/** The public charity ledger of one project: its totals and every donation, newest first, donors masked. */
export async function charityLedger(
  db: Db,
  projectId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<{ project: CharityProjectDto; items: DonationEntryDto[]; nextCursor: string | null }> {
  const project = (await listCharityProjects(db, { includeClosed: true })).items.find((p) => p.id === projectId);
  if (!project) throw notFound('公益项目');
  const rows = await db
    .select()
    .from(charityDonations)
    .where(
      and(eq(charityDonations.projectId, projectId), page.cursor ? lt(charityDonations.id, page.cursor) : undefined),
    )
    .orderBy(desc(charityDonations.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  const profiles = await publicProfiles(db, [...new Set(items.map((r) => r.userId))]);
  return {
    project,
    items: items.map((r) => ({
      id: r.id,
      donor: maskNickname(profiles.get(r.userId)?.nickname ?? '好物用户'),
      points: r.points,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null,
  };
}

export interface CharityProjectInput {
  title: string;
  organization: string;
  description: string;
  imageUrl?: string | null | undefined;
  targetPoints: number;
}

export async function createCharityProject(ctx: Ctx, input: CharityProjectInput): Promise<CharityProjectDto> {
  requireOperator(ctx.actor);
  const id = newId('chp');
  await ctx.db.insert(charityProjects).values({ id, ...input, imageUrl: input.imageUrl ?? null, createdAt: ctx.now() });
  return (await listCharityProjects(ctx.db, { includeClosed: true })).items.find((p) => p.id === id)!;
}

/** Operators edit the description or close a project; what was donated stays on the ledger. */
export async function updateCharityProject(
  ctx: Ctx,
  id: string,
  input: Partial<CharityProjectInput> & { active?: boolean | undefined },
): Promise<CharityProjectDto> {
  requireOperator(ctx.actor);
  const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const updated =
    Object.keys(set).length > 0
      ? await ctx.db
          .update(charityProjects)
          .set(set)
          .where(eq(charityProjects.id, id))
          .returning({ id: charityProjects.id })
      : await ctx.db.select({ id: charityProjects.id }).from(charityProjects).where(eq(charityProjects.id, id));
  if (updated.length === 0) throw notFound('公益项目');
  return (await listCharityProjects(ctx.db, { includeClosed: true })).items.find((p) => p.id === id)!;
}
