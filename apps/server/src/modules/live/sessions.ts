import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { actingMerchant, requireUser } from '../../platform/auth.ts';
import { type Ctx, makeCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { invalidTransition, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { maskPhone } from '../../platform/sms.ts';
import { findUserIdByPhone } from '../accounts/api.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { postAnnouncement, merchantCommunities } from '../communities/api.ts';
import { moderate } from '../moderation/api.ts';
import { loadSession, requireAbility, requireHost } from './access.ts';
import { publishToRoom } from './channel.ts';
import { forgetRoles, forgetSession } from './room-cache.ts';
import { liveCounters } from './counters.ts';
import { startGate } from './qualification.ts';
import { NOTIFY_REMINDERS_JOB } from './reminders.ts';
import {
  type LiveRole,
  livePins,
  liveReminders,
  liveRoles,
  liveSessionProducts,
  liveSessions,
  liveVisits,
} from './schema.ts';

const refuse = refusals({
  'content-rejected': [422, '内容包含违规信息，请修改后再提交'],
  'product-unavailable': [422, '只能选择本店在售的商品'],
  'schedule-in-past': [422, '开播时间不能早于现在'],
  'user-not-found': [422, '该手机号还没有注册好物账号'],
  'one-host': [422, '每场直播只能有一位主播'],
  'credit-score-low': [403, '店铺信用分不足，暂不能开播'],
  'real-name-required': [403, '主播尚未完成实名认证，暂不能开播'],
});

export interface SessionInput {
  title: string;
  coverUrl?: string | null | undefined;
  scheduledAt: string;
  products: { productId: string; claim?: string | null | undefined }[];
}

/** `…/live/<streamKey>.m3u8` from the media server, else the bundled sample so the room visibly plays. */
const playbackUrlFor = (config: Config, streamKey: string): string =>
  config.LIVE_PLAYBACK_BASE_URL
    ? `${config.LIVE_PLAYBACK_BASE_URL.replace(/\/$/, '')}/${streamKey}.m3u8`
    : '/live-sample/sample.webm';
const replayUrlFor = (config: Config, streamKey: string): string =>
  config.LIVE_PLAYBACK_BASE_URL
    ? `${config.LIVE_PLAYBACK_BASE_URL.replace(/\/$/, '')}/${streamKey}/replay.m3u8`
    : '/live-sample/sample.webm';
export const ingestUrlFor = (config: Config, streamKey: string): string | null =>
  config.LIVE_INGEST_BASE_URL ? `${config.LIVE_INGEST_BASE_URL.replace(/\/$/, '')}/${streamKey}` : null;

/** Title and product claims pass moderation; products must be the merchant's listed products. */
async function checkContent(
  db: Db,
  ctx: Ctx,
  sessionId: string,
  merchantId: string,
  input: Partial<SessionInput>,
): Promise<Result<{ title?: string; claims: Map<string, string | null> }>> {
  const userId = requireUser(ctx.actor).userId;
  const at = ctx.now();
  let title: string | undefined;
  if (input.title !== undefined) {
    const verdict = await moderate(db, {
      subjectType: 'live_session',
      subjectId: sessionId,
      authorId: userId,
      text: input.title,
      at,
    });
    if (verdict.verdict === 'rejected') return refuse('content-rejected', `标题：${verdict.reasons.join('；')}`);
    title = verdict.text;
  }
  const claims = new Map<string, string | null>();
  if (input.products) {
    const briefs = await getProductBriefs(
      db,
      input.products.map((p) => p.productId),
    );
    for (const p of input.products) {
      const brief = briefs.get(p.productId);
      if (!brief || brief.merchantId !== merchantId || brief.status !== 'listed')
        return refuse('product-unavailable', p.productId);
      if (!p.claim) {
        claims.set(p.productId, null);
        continue;
      }
      const verdict = await moderate(db, {
        subjectType: 'live_claim',
        subjectId: `${sessionId}:${p.productId}`,
        authorId: userId,
        text: p.claim,
        at,
      });
      if (verdict.verdict === 'rejected')
        return refuse('content-rejected', `「${brief.title}」的卖点：${verdict.reasons.join('；')}`);
      claims.set(p.productId, verdict.text);
    }
  }
  return ok(title === undefined ? { claims } : { title, claims });
}

async function replaceProducts(db: Db, sessionId: string, claims: Map<string, string | null>): Promise<void> {
  await db.delete(liveSessionProducts).where(eq(liveSessionProducts.sessionId, sessionId));
  await db
    .insert(liveSessionProducts)
    .values([...claims].map(([productId, claim], position) => ({ sessionId, productId, position, claim })));
}

export async function scheduleSession(
  ctx: Ctx,
  input: SessionInput,
  opts: { announce: boolean } = { announce: true },
): Promise<Result<{ id: string; notices: { communityId: string; sent: boolean; reason?: string }[] }>> {
  const user = requireUser(ctx.actor);
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'live.manage');
  const scheduledAt = new Date(input.scheduledAt);
  if (scheduledAt.getTime() < ctx.now().getTime() - 60_000) return refuse('schedule-in-past');
  const id = newId('lvs');
  const result = await ctx.tx(async (db): Promise<Result<{ id: string }>> => {
    const checked = await checkContent(db, ctx, id, merchantId, input);
    if (!checked.ok) return checked;
    const streamKey = randomBytes(16).toString('base64url');
    await db.insert(liveSessions).values({
      id,
      merchantId,
      hostUserId: user.userId,
      title: checked.value.title!,
      coverUrl: input.coverUrl ?? null,
      status: 'scheduled',
      scheduledAt,
      streamKey,
      playbackUrl: playbackUrlFor(ctx.deps.config, streamKey),
      createdBy: user.userId,
      createdAt: ctx.now(),
    });
    await replaceProducts(db, id, checked.value.claims);
    await emit(db, 'live.scheduled', { sessionId: id, merchantId, scheduledAt: scheduledAt.toISOString() });
    return ok({ id });
  });
  if (!result.ok) return result;
  return ok({ id, notices: opts.announce ? await noticeCommunities(ctx, input.title, scheduledAt) : [] });
}

/**
 * 直播预告 to the merchant's communities, through their announcement use-case (a promotional announcement takes
 * one of the weekly push slots). A refusal — cap reached, moderation — is reported back and never undoes the session.
 */
async function noticeCommunities(ctx: Ctx, title: string, at: Date) {
  // Without the caller's Idempotency-Key: each announcement is its own change.
  const plain = makeCtx(ctx.deps, ctx.actor, {
    requestId: ctx.requestId,
    ip: ctx.ip,
    ...(ctx.merchantHint ? { merchantHint: ctx.merchantHint } : {}),
  });
  const when = at.toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const notices: { communityId: string; sent: boolean; reason?: string }[] = [];
  for (const c of await merchantCommunities(plain)) {
    try {
      const posted = await postAnnouncement(plain, c.id, {
        title: `直播预告：${title}`.slice(0, 60),
        body: `${when}（北京时间）开播，进直播间可预约开播提醒。`,
        promotional: true,
        pinned: false,
      });
      notices.push(
        posted.ok ? { communityId: c.id, sent: true } : { communityId: c.id, sent: false, reason: posted.title },
      );
    } catch (err) {
      ctx.deps.log.warn({ err, communityId: c.id }, 'live notice to community failed');
      notices.push({ communityId: c.id, sent: false, reason: '发送失败' });
    }
  }
  return notices;
}

export async function editSession(
  ctx: Ctx,
  sessionId: string,
  input: Partial<SessionInput>,
): Promise<Result<{ id: string }>> {
  return ctx.tx(async (db) => {
    const { session } = await requireAbility(ctx, sessionId, 'manage', db);
    if (session.status !== 'scheduled' && session.status !== 'live') throw invalidTransition(session.status, '修改');
    if (
      input.scheduledAt &&
      session.status === 'scheduled' &&
      new Date(input.scheduledAt).getTime() < ctx.now().getTime() - 60_000
    )
      return refuse('schedule-in-past');
    const checked = await checkContent(db, ctx, sessionId, session.merchantId, input);
    if (!checked.ok) return checked;
    await db
      .update(liveSessions)
      .set({
        ...(checked.value.title !== undefined ? { title: checked.value.title } : {}),
        ...(input.coverUrl !== undefined ? { coverUrl: input.coverUrl } : {}),
        ...(input.scheduledAt && session.status === 'scheduled' ? { scheduledAt: new Date(input.scheduledAt) } : {}),
      })
      .where(eq(liveSessions.id, sessionId));
    if (input.products) await replaceProducts(db, sessionId, checked.value.claims);
    return ok({ id: sessionId });
  });
}

export async function cancelSession(ctx: Ctx, sessionId: string): Promise<{ id: string; status: 'cancelled' }> {
  await ctx.tx(async (db) => {
    const { session } = await requireAbility(ctx, sessionId, 'manage', db);
    const [moved] = await db
      .update(liveSessions)
      .set({ status: 'cancelled' })
      .where(and(eq(liveSessions.id, sessionId), eq(liveSessions.status, 'scheduled')))
      .returning();
    if (!moved) throw invalidTransition(session.status, '取消');
    await emit(db, 'live.cancelled', { sessionId, merchantId: session.merchantId });
  });
  await publishToRoom(ctx.deps, sessionId, { type: 'status', status: 'cancelled' });
  return { id: sessionId, status: 'cancelled' };
}

/** Goes live: the credit-score and real-name gate first; reminded viewers are told through `live.started`. */
export async function startSession(
  ctx: Ctx,
  sessionId: string,
): Promise<Result<{ id: string; status: 'live'; reminded: number }>> {
  const result = await ctx.tx(async (db): Promise<Result<{ id: string; status: 'live'; reminded: number }>> => {
    const { session } = await requireHost(ctx, sessionId, db);
    const gate = await startGate(db, ctx.deps.config, session.merchantId);
    if (gate.creditScore < ctx.deps.config.LIVE_MIN_CREDIT_SCORE) {
      return refuse(
        'credit-score-low',
        `当前信用分 ${gate.creditScore}，开播需要至少 ${ctx.deps.config.LIVE_MIN_CREDIT_SCORE} 分`,
      );
    }
    if (!gate.realNameVerified) return refuse('real-name-required', '请先在「直播资质」中完成实名认证');
    const now = ctx.now();
    const [moved] = await db
      .update(liveSessions)
      .set({ status: 'live', startedAt: now })
      .where(and(eq(liveSessions.id, sessionId), eq(liveSessions.status, 'scheduled')))
      .returning();
    if (!moved) throw invalidTransition(session.status, '开播');
    const reminded = await db
      .select({ userId: liveReminders.userId })
      .from(liveReminders)
      .where(and(eq(liveReminders.sessionId, sessionId), isNull(liveReminders.notifiedAt)));
    // The notices go out from a job (reminders.ts), which also marks each reminder notified.
    if (reminded.length > 0)
      await ctx.deps.jobs.enqueue(
        db,
        NOTIFY_REMINDERS_JOB,
        { sessionId },
        { runAt: now, key: `${NOTIFY_REMINDERS_JOB}:${sessionId}` },
      );
    await emit(db, 'live.started', {
      sessionId,
      merchantId: session.merchantId,
      title: session.title,
      startedAt: now.toISOString(),
      remindedUserIds: reminded.map((r) => r.userId),
    });
    return ok({ id: sessionId, status: 'live' as const, reminded: reminded.length });
  });
  if (result.ok) await publishToRoom(ctx.deps, sessionId, { type: 'status', status: 'live' });
  return result;
}

/** Ends the broadcast: the pin comes down, open visits close, the replay is the recording (or the sample). */
export async function endSession(ctx: Ctx, sessionId: string): Promise<{ id: string; status: 'ended' }> {
  await liveCounters(ctx.deps).flush();
  await ctx.tx(async (db) => {
    const { session } = await requireHost(ctx, sessionId, db);
    const now = ctx.now();
    const [moved] = await db
      .update(liveSessions)
      .set({ status: 'ended', endedAt: now, replayUrl: replayUrlFor(ctx.deps.config, session.streamKey) })
      .where(and(eq(liveSessions.id, sessionId), eq(liveSessions.status, 'live')))
      .returning();
    if (!moved) throw invalidTransition(session.status, '下播');
    await db
      .update(livePins)
      .set({ unpinnedAt: now })
      .where(and(eq(livePins.sessionId, sessionId), isNull(livePins.unpinnedAt)));
    await db
      .update(liveVisits)
      .set({ leftAt: now })
      .where(and(eq(liveVisits.sessionId, sessionId), isNull(liveVisits.leftAt)));
    await emit(db, 'live.ended', { sessionId, merchantId: session.merchantId, endedAt: now.toISOString() });
  });
  await publishToRoom(ctx.deps, sessionId, { type: 'unpin' });
  await publishToRoom(ctx.deps, sessionId, { type: 'status', status: 'ended' });
  return { id: sessionId, status: 'ended' };
}

export async function setReminder(ctx: Ctx, sessionId: string, on: boolean): Promise<{ reminded: boolean }> {
  const user = requireUser(ctx.actor);
  const session = await loadSession(ctx.db, sessionId);
  if (on && session.status !== 'scheduled') throw invalidTransition(session.status, '预约开播提醒');
  await ctx.tx(async (db) => {
    if (on)
      await db
        .insert(liveReminders)
        .values({ sessionId, userId: user.userId, createdAt: ctx.now() })
        .onConflictDoNothing();
    else
      await db
        .delete(liveReminders)
        .where(and(eq(liveReminders.sessionId, sessionId), eq(liveReminders.userId, user.userId)));
  });
  return { reminded: on };
}

/** 1 + N: replaces the session's roles with these accounts (by phone); the host role also makes them the host. */
export async function setRoles(
  ctx: Ctx,
  sessionId: string,
  input: { phone: string; role: LiveRole }[],
): Promise<Result<{ roles: { userId: string; phone: string; role: LiveRole }[] }>> {
  const user = requireUser(ctx.actor);
  const result = await ctx.tx(async (db) => {
    const { session } = await requireAbility(ctx, sessionId, 'manage', db);
    if (input.filter((r) => r.role === 'host').length > 1) return refuse('one-host');
    const resolved: { userId: string; phone: string; role: LiveRole }[] = [];
    for (const r of input) {
      const userId = await findUserIdByPhone(ctx.deps, db, r.phone);
      if (!userId) return refuse('user-not-found', maskPhone(r.phone));
      resolved.push({ userId, phone: r.phone, role: r.role });
    }
    await db.delete(liveRoles).where(eq(liveRoles.sessionId, sessionId));
    const unique = [...new Map(resolved.map((r) => [r.userId, r])).values()];
    if (unique.length > 0) {
      await db.insert(liveRoles).values(
        unique.map((r) => ({
          sessionId,
          userId: r.userId,
          role: r.role,
          assignedBy: user.userId,
          assignedAt: ctx.now(),
        })),
      );
    }
    const host = unique.find((r) => r.role === 'host');
    await db
      .update(liveSessions)
      .set({ hostUserId: host?.userId ?? session.createdBy })
      .where(eq(liveSessions.id, sessionId));
    return ok({ roles: unique.map((r) => ({ ...r, phone: maskPhone(r.phone) })) });
  });
  // The chat's role and host checks read per-process caches: this process forgets at once, others within ~1 s.
  forgetRoles(ctx.deps, sessionId);
  forgetSession(ctx.deps, sessionId);
  return result;
}

/** The replay's highlight clips: the first pin of each product, as an offset from the start. */
export async function clipsOf(db: Db, session: { id: string; startedAt: Date | null }) {
  if (!session.startedAt) return [];
  const pins = await db.select().from(livePins).where(eq(livePins.sessionId, session.id)).orderBy(livePins.pinnedAt);
  const first = [...new Map(pins.toReversed().map((p) => [p.productId, p])).values()].sort(
    (a, b) => a.pinnedAt.getTime() - b.pinnedAt.getTime(),
  );
  const briefs = await getProductBriefs(
    db,
    first.map((p) => p.productId),
  );
  const startedAt = session.startedAt.getTime();
  return first.map((p) => ({
    productId: p.productId,
    title: briefs.get(p.productId)?.title ?? '商品',
    offsetSeconds: Math.max(0, Math.floor((p.pinnedAt.getTime() - startedAt) / 1000)),
  }));
}

/**
 * Demo data only (the seed): gives a demo session (its title says 演示) a number of simulated viewers, which the
 * shop shows apart as 演示观众 — the real online count, peaks and metrics never include them.
 */
export async function setDemoAudience(ctx: Ctx, sessionId: string, viewers: number): Promise<void> {
  const { session } = await requireHost(ctx, sessionId, ctx.db);
  if (!session.title.includes('演示')) throw new Error('only a session whose title says 演示 may have demo viewers');
  await ctx.db
    .update(liveSessions)
    .set({ demoAudience: Math.max(0, Math.floor(viewers)) })
    .where(eq(liveSessions.id, sessionId));
  forgetSession(ctx.deps, sessionId);
}
