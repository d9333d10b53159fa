import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { badRequest, notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { pseudonym } from '../analytics/api.ts';
import { bucketsOfPercent, freeRange, unitOf, variantFor } from './assignment.ts';
import type { ExperimentInput, ExperimentView } from './dto.ts';
import { type ExperimentStatus, experiments } from './schema.ts';
import { sampleSizePerGroup } from './stats.ts';

const refuse = refusals({
  'key-taken': '实验标识已被使用',
  'not-draft': '只有草稿状态的实验可以修改',
  'layer-full': '该互斥层剩余流量不足',
  'invalid-state-transition': '当前状态不允许此操作',
});

type Row = typeof experiments.$inferSelect;

/** Units per variant the operator must wait for, from the planning inputs (α = 0.05 two-sided, power 0.8). */
export function planOf(baselineRate: number, mde: number, variants: number): { perVariant: number; total: number } {
  const target = Math.min(0.9999, baselineRate * (1 + mde));
  const perVariant = Math.ceil(sampleSizePerGroup(baselineRate, target));
  return { perVariant, total: perVariant * variants };
}

export function viewOf(r: Row): ExperimentView {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    hypothesis: r.hypothesis,
    layer: r.layer,
    variants: r.variants,
    trafficPercent: r.trafficPercent,
    primaryMetric: r.primaryMetric,
    guardrails: r.guardrails,
    baselineRate: r.baselineRate,
    minimumDetectableEffect: r.minimumDetectableEffect,
    status: r.status,
    layerBuckets: r.bucketStart === null || r.bucketEnd === null ? null : { start: r.bucketStart, end: r.bucketEnd },
    isDemo: r.isDemo,
    plan: planOf(r.baselineRate, r.minimumDetectableEffect, r.variants.length),
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    startedBy: r.startedBy,
    startedAt: r.startedAt?.toISOString() ?? null,
    stoppedBy: r.stoppedBy,
    stoppedAt: r.stoppedAt?.toISOString() ?? null,
  };
}

export async function listExperiments(
  ctx: Ctx,
  q: { status?: ExperimentStatus | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: ExperimentView[]; nextCursor: string | null }> {
  requireOperator(ctx.actor);
  const after = decodeCursor(q.cursor);
  const rows = await ctx.db
    .select()
    .from(experiments)
    .where(
      and(
        q.status ? eq(experiments.status, q.status) : undefined,
        after
          ? or(
              lt(experiments.createdAt, after.at),
              and(eq(experiments.createdAt, after.at), sql`${experiments.id} collate "C" < ${after.id}`),
            )
          : undefined,
      ),
    )
    .orderBy(desc(experiments.createdAt), sql`${experiments.id} collate "C" desc`)
    .limit(q.limit + 1);
  const shown = rows.slice(0, q.limit);
  const last = shown[shown.length - 1];
  return {
    items: shown.map(viewOf),
    nextCursor:
      rows.length > q.limit && last
        ? Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString('base64url')
        : null,
  };
}

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (typeof id === 'string' && !Number.isNaN(date.getTime())) return { at: date, id };
  } catch {
    // fall through
  }
  throw badRequest('分页游标无效', '请从第一页重新加载');
}

export async function getExperiment(ctx: Ctx, id: string): Promise<ExperimentView> {
  requireOperator(ctx.actor);
  return viewOf(await load(ctx.db, id));
}

async function load(db: Db, id: string): Promise<Row> {
  const [row] = await db.select().from(experiments).where(eq(experiments.id, id));
  if (!row) throw notFound('实验', id);
  return row;
}

export async function createExperiment(
  ctx: Ctx,
  input: ExperimentInput,
  opts: { isDemo?: boolean } = {},
): Promise<Result<ExperimentView, 'key-taken'>> {
  const who = ctx.actor.kind === 'system' ? ctx.actor.name : requireOperator(ctx.actor).userId;
  const now = ctx.now();
  const [row] = await ctx.db
    .insert(experiments)
    .values({
      id: newId('exp'),
      ...input,
      salt: randomBytes(12).toString('base64url'),
      status: 'draft',
      isDemo: opts.isDemo ?? false,
      createdBy: who,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: experiments.key })
    .returning();
  return row ? ok(viewOf(row)) : refuse('key-taken', `「${input.key}」已有实验在用，请换一个标识`);
}

export async function updateExperiment(
  ctx: Ctx,
  id: string,
  input: ExperimentInput,
): Promise<Result<ExperimentView, 'not-draft' | 'key-taken'>> {
  requireOperator(ctx.actor);
  return ctx.tx(async (tx) => {
    const current = await load(tx, id);
    if (current.status !== 'draft') return refuse('not-draft', '运行中或已停止的实验不能修改，以免结果失真');
    if (input.key !== current.key) {
      const [clash] = await tx.select({ id: experiments.id }).from(experiments).where(eq(experiments.key, input.key));
      if (clash) return refuse('key-taken', `「${input.key}」已有实验在用，请换一个标识`);
    }
    const [row] = await tx
      .update(experiments)
      .set({ ...input, updatedAt: ctx.now() })
      .where(and(eq(experiments.id, id), eq(experiments.status, 'draft')))
      .returning();
    return ok(viewOf(row!));
  });
}

/** Draft → running: claims a free range of the layer's buckets (serialised per layer), so layers stay exclusive. */
export async function startExperiment(
  ctx: Ctx,
  id: string,
): Promise<Result<ExperimentView, 'layer-full' | 'invalid-state-transition'>> {
  const who = ctx.actor.kind === 'system' ? ctx.actor.name : requireOperator(ctx.actor).userId;
  return ctx.tx(async (tx) => {
    const current = await load(tx, id);
    if (current.status !== 'draft') return refuse('invalid-state-transition', '只有草稿可以开始');
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`experiment-layer:${current.layer}`}))`);
    const running = await tx
      .select({ start: experiments.bucketStart, end: experiments.bucketEnd })
      .from(experiments)
      .where(and(eq(experiments.layer, current.layer), eq(experiments.status, 'running')));
    const range = freeRange(
      running.map((r) => ({ start: r.start ?? 0, end: r.end ?? 0 })),
      bucketsOfPercent(current.trafficPercent),
    );
    if (!range) {
      return refuse('layer-full', `互斥层「${current.layer}」里运行中的实验已占用流量，请降低流量或先停止其他实验`);
    }
    const now = ctx.now();
    const [row] = await tx
      .update(experiments)
      .set({
        status: 'running',
        bucketStart: range.start,
        bucketEnd: range.end,
        startedAt: now,
        startedBy: who,
        updatedAt: now,
      })
      .where(and(eq(experiments.id, id), eq(experiments.status, 'draft')))
      .returning();
    return ok(viewOf(row!));
  });
}

/** Running → stopped, for good: the layer range is freed and results keep the window it ran in. */
export async function stopExperiment(
  ctx: Ctx,
  id: string,
): Promise<Result<ExperimentView, 'invalid-state-transition'>> {
  const operator = requireOperator(ctx.actor);
  const now = ctx.now();
  const [row] = await ctx.db
    .update(experiments)
    .set({ status: 'stopped', stoppedAt: now, stoppedBy: operator.userId, updatedAt: now })
    .where(and(eq(experiments.id, id), eq(experiments.status, 'running')))
    .returning();
  if (row) return ok(viewOf(row));
  await load(ctx.db, id);
  return refuse('invalid-state-transition', '只有运行中的实验可以停止');
}

/**
 * The variants this shopper sees now, one per running experiment they fall into. Anyone may ask (visitors are
 * split by device); nothing is logged here — exposure is logged by the shop when the variant is on screen.
 */
export async function assignmentsFor(
  ctx: Ctx,
  deviceId: string | undefined,
): Promise<{ unit: 'user' | 'device' | 'none'; items: { experiment: string; variant: string }[] }> {
  const userPid =
    ctx.actor.kind === 'user' ? pseudonym(ctx.deps.config.ANALYTICS_PSEUDONYM_SECRET, ctx.actor.userId) : null;
  const unit = unitOf(userPid, deviceId);
  if (!unit) return { unit: 'none', items: [] };
  const running = await ctx.db.select().from(experiments).where(eq(experiments.status, 'running'));
  const items = running.flatMap((e) => {
    const variant = variantFor(
      {
        layer: e.layer,
        salt: e.salt,
        bucketStart: e.bucketStart ?? 0,
        bucketEnd: e.bucketEnd ?? 0,
        variants: e.variants,
      },
      unit,
    );
    return variant ? [{ experiment: e.key, variant }] : [];
  });
  return { unit: userPid ? 'user' : 'device', items };
}

/** The row results need, for the operator who asked. */
export async function experimentForResults(ctx: Ctx, id: string): Promise<Row> {
  requireOperator(ctx.actor);
  return load(ctx.db, id);
}
