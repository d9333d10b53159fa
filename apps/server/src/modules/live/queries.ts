import { and, asc, count, desc, eq, gt, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, invalidTransition } from '../../platform/errors.ts';
import { publicProfiles } from '../accounts/api.ts';
import { getMerchantBriefs, getProductBriefs, getProductSkus, getProductStock } from '../catalog/api.ts';
import { activePrizeTemplates } from '../coupons/api.ts';
import { type LiveSession, liveAccess, requireAbility, ROLE_ABILITIES } from './access.ts';
import { liveFanout } from './fanout.ts';
import { interactionState } from './interactions.ts';
import { productFigures, sessionFigures, sessionsGmv } from './metrics.ts';
import { sessionTotals } from './totals.ts';
import { badgesOf } from './qualification.ts';
import { currentPin } from './room.ts';
import { liveReminders, liveRoles, liveSessionProducts, liveSessions, liveVisits, liveMutes } from './schema.ts';
import { clipsOf, ingestUrlFor } from './sessions.ts';

export type Tab = 'live' | 'upcoming' | 'replay';
const SAMPLE_POSTER = '/live-sample/poster.jpg';

/** Viewers now: the fan-out's count where this process holds the room, else the visits still open. */
async function viewerCounts(deps: Deps, db: Db, sessions: LiveSession[]): Promise<Map<string, number>> {
  const live = sessions.filter((s) => s.status === 'live');
  const counts = new Map<string, number>();
  const fanout = liveFanout(deps);
  const remote = live.filter((s) => fanout.localCount(s.id) === 0).map((s) => s.id);
  const open = remote.length
    ? await db
        .select({ id: liveVisits.sessionId, n: count() })
        .from(liveVisits)
        .where(and(inArray(liveVisits.sessionId, remote), isNull(liveVisits.leftAt)))
        .groupBy(liveVisits.sessionId)
    : [];
  for (const s of live)
    counts.set(
      s.id,
      fanout.localCount(s.id) > 0 ? fanout.viewerCount(s.id) : (open.find((o) => o.id === s.id)?.n ?? 0),
    );
  return counts;
}

export async function toCards(deps: Deps, db: Db, sessions: LiveSession[]) {
  const ids = sessions.map((s) => s.id);
  const bag = ids.length
    ? await db
        .select()
        .from(liveSessionProducts)
        .where(inArray(liveSessionProducts.sessionId, ids))
        .orderBy(asc(liveSessionProducts.position))
    : [];
  const briefs = await getProductBriefs(
    db,
    bag.map((b) => b.productId),
  );
  const merchants = await getMerchantBriefs(
    db,
    sessions.map((s) => s.merchantId),
  );
  const hosts = await publicProfiles(
    db,
    sessions.map((s) => s.hostUserId),
  );
  const viewers = await viewerCounts(deps, db, sessions);
  return sessions.map((s) => {
    const mine = bag.filter((b) => b.sessionId === s.id);
    const m = merchants.get(s.merchantId);
    const h = hosts.get(s.hostUserId);
    return {
      id: s.id,
      title: s.title,
      coverUrl: s.coverUrl ?? (deps.config.LIVE_PLAYBACK_BASE_URL ? null : SAMPLE_POSTER),
      status: s.status,
      scheduledAt: s.scheduledAt.toISOString(),
      startedAt: s.startedAt?.toISOString() ?? null,
      endedAt: s.endedAt?.toISOString() ?? null,
      merchant: { id: s.merchantId, name: m?.name ?? '', logoUrl: m?.logoUrl ?? null },
      host: { nickname: h?.nickname ?? '主播', avatarUrl: h?.avatarUrl ?? null },
      viewerCount: viewers.get(s.id) ?? 0,
      demoViewerCount: s.status === 'live' ? s.demoAudience : 0,
      productCount: mine.length,
      productImages: mine.flatMap((b) => briefs.get(b.productId)?.imageUrl ?? []).slice(0, 3),
    };
  });
}

const TAB_STATUS = { live: 'live', upcoming: 'scheduled', replay: 'ended' } as const;

/** Keyset pages: live by start (newest first), upcoming by schedule (soonest first), replays by end (newest first). */
export async function listSessions(
  ctx: Ctx,
  input: {
    tab: Tab;
    cursor?: string | undefined;
    limit: number;
    merchantId?: string | undefined;
    reminded?: 'true' | undefined;
  },
) {
  const remindedBy = input.reminded ? requireUser(ctx.actor).userId : null;
  const col =
    input.tab === 'live'
      ? liveSessions.startedAt
      : input.tab === 'upcoming'
        ? liveSessions.scheduledAt
        : liveSessions.endedAt;
  const ascending = input.tab === 'upcoming';
  let after: SQL | undefined;
  if (input.cursor) {
    const cut = input.cursor.indexOf('_');
    const ms = Number(input.cursor.slice(0, cut));
    const id = input.cursor.slice(cut + 1);
    if (cut < 1 || !Number.isFinite(ms) || !id) throw badRequest('分页参数无效');
    const at = new Date(ms);
    after = ascending
      ? or(gt(col, at), and(eq(col, at), gt(liveSessions.id, id)))
      : or(lt(col, at), and(eq(col, at), lt(liveSessions.id, id)));
  }
  const rows = await ctx.db
    .select()
    .from(liveSessions)
    .where(
      and(
        eq(liveSessions.status, TAB_STATUS[input.tab]),
        input.merchantId ? eq(liveSessions.merchantId, input.merchantId) : undefined,
        remindedBy
          ? inArray(
              liveSessions.id,
              ctx.db
                .select({ id: liveReminders.sessionId })
                .from(liveReminders)
                .where(eq(liveReminders.userId, remindedBy)),
            )
          : undefined,
        after,
      ),
    )
    .orderBy(ascending ? asc(col) : desc(col), ascending ? asc(liveSessions.id) : desc(liveSessions.id))
    .limit(input.limit + 1);
  const shown = rows.slice(0, input.limit);
  const last = shown[shown.length - 1];
  const key = (s: LiveSession) =>
    (input.tab === 'live' ? s.startedAt : input.tab === 'upcoming' ? s.scheduledAt : s.endedAt)!.getTime();
  return {
    items: await toCards(ctx.deps, ctx.db, shown),
    nextCursor: rows.length > input.limit && last ? `${key(last)}_${last.id}` : null,
  };
}

/** The room as a viewer sees it (also the socket's ready snapshot). */
export async function sessionDetail(ctx: Ctx, sessionId: string) {
  const { session } = await liveAccess(ctx, sessionId);
  const db = ctx.db;
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const [card] = await toCards(ctx.deps, db, [session]);
  const bag = await db
    .select()
    .from(liveSessionProducts)
    .where(eq(liveSessionProducts.sessionId, sessionId))
    .orderBy(asc(liveSessionProducts.position));
  const ids = bag.map((b) => b.productId);
  const [briefs, stock] = await Promise.all([getProductBriefs(db, ids), getProductStock(db, ids)]);
  const [reminders] = await db.select({ n: count() }).from(liveReminders).where(eq(liveReminders.sessionId, sessionId));
  const [mine] = userId
    ? await db
        .select()
        .from(liveReminders)
        .where(and(eq(liveReminders.sessionId, sessionId), eq(liveReminders.userId, userId)))
    : [];
  const totals = await sessionTotals(db, sessionId);
  return {
    ...card!,
    playbackUrl: session.status === 'ended' ? (session.replayUrl ?? session.playbackUrl) : session.playbackUrl,
    posterUrl: session.coverUrl ?? SAMPLE_POSTER,
    badges: await badgesOf(db, ctx.deps.config, session.merchantId),
    products: bag.map((b) => {
      const p = briefs.get(b.productId);
      const units = stock.get(b.productId) ?? 0;
      return {
        productId: b.productId,
        title: p?.title ?? '商品',
        imageUrl: p?.imageUrl ?? null,
        price: p?.minPrice ?? 0,
        stock:
          p?.status !== 'listed' ? ('unavailable' as const) : units > 0 ? ('in_stock' as const) : ('sold_out' as const),
        claim: b.claim,
      };
    }),
    pinned: session.status === 'live' ? await currentPin(db, sessionId) : null,
    reminded: !!mine,
    remindersCount: reminders?.n ?? 0,
    likes: totals.likes,
    gmv: totals.gmv,
    clips: session.status === 'ended' ? await clipsOf(db, session) : [],
    ...(await interactionState(ctx, sessionId, userId)),
  };
}

/** The console's list: sessions of the merchant(s) the caller works for, and sessions where they hold a role. */
export async function mySessions(ctx: Ctx, input: { cursor?: string | undefined; limit: number }) {
  const user = requireUser(ctx.actor);
  const merchantIds = user.staff.filter((s) => s.permissions.includes('live.manage')).map((s) => s.merchantId);
  const roles = await ctx.db.select().from(liveRoles).where(eq(liveRoles.userId, user.userId));
  const scope = or(
    merchantIds.length ? inArray(liveSessions.merchantId, merchantIds) : undefined,
    roles.length
      ? inArray(
          liveSessions.id,
          roles.map((r) => r.sessionId),
        )
      : undefined,
  );
  if (!scope) return { items: [], nextCursor: null };
  const rows = await ctx.db
    .select()
    .from(liveSessions)
    .where(and(scope, input.cursor ? lt(liveSessions.id, input.cursor) : undefined))
    .orderBy(desc(liveSessions.id))
    .limit(input.limit + 1);
  const shown = rows.slice(0, input.limit);
  const cards = await toCards(ctx.deps, ctx.db, shown);
  const gmv = await sessionsGmv(
    ctx.db,
    shown.map((s) => s.id),
  );
  // The stored peak is flushed every ~2 s; the live count now may already be above it.
  const items = cards.map((c, i) => ({
    ...c,
    peakViewers: Math.max(shown[i]!.peakViewers, c.viewerCount),
    gmv: gmv.get(c.id) ?? 0,
    role: merchantIds.includes(shown[i]!.merchantId)
      ? ('owner' as const)
      : roles.find((r) => r.sessionId === c.id)!.role,
  }));
  return { items, nextCursor: rows.length > input.limit ? shown[shown.length - 1]!.id : null };
}

/** What the caller's role may do, the state, the team, and (host and merchant only) the ingest address. */
export async function controlPanel(ctx: Ctx, sessionId: string) {
  requireUser(ctx.actor);
  const { session, role } = await liveAccess(ctx, sessionId);
  if (!role) throw new AppError('forbidden', 403, '没有权限执行此操作', '你不是本场直播的工作人员');
  const team = await ctx.db.select().from(liveRoles).where(eq(liveRoles.sessionId, sessionId));
  const profiles = await publicProfiles(
    ctx.db,
    team.map((r) => r.userId),
  );
  const mutes = await ctx.db
    .select()
    .from(liveMutes)
    .where(and(eq(liveMutes.sessionId, sessionId), gt(liveMutes.until, ctx.now())));
  const seesStream = role === 'owner' || role === 'host';
  // A guest host or a 场控 is not the merchant's staff, so the merchant's own coupon and product routes are closed to
  // them: the panel carries the lottery prizes and the flash form's SKUs they may use.
  const runs = ROLE_ABILITIES[role].includes('run');
  const bag = runs
    ? await ctx.db
        .select({ productId: liveSessionProducts.productId })
        .from(liveSessionProducts)
        .where(eq(liveSessionProducts.sessionId, sessionId))
    : [];
  return {
    role,
    abilities: [...ROLE_ABILITIES[role]],
    session: await sessionDetail(ctx, sessionId),
    stream: seesStream
      ? { streamKey: session.streamKey, ingestUrl: ingestUrlFor(ctx.deps.config, session.streamKey) }
      : null,
    team: team.map((r) => ({
      userId: r.userId,
      nickname: profiles.get(r.userId)?.nickname ?? '好物用户',
      role: r.role,
    })),
    mutes: mutes.map((m) => ({ userId: m.userId, until: m.until.toISOString() })),
    prizeTemplates: runs ? await activePrizeTemplates(ctx.db, session.merchantId, ctx.now()) : [],
    skus: await getProductSkus(
      ctx.db,
      bag.map((b) => b.productId),
    ),
  };
}

export async function dashboard(ctx: Ctx, sessionId: string) {
  const { session } = await requireAbility(ctx, sessionId, 'metrics');
  return sessionFigures(ctx.deps, ctx.db, session);
}

/** After the end: the whole session's figures, per product, and the replay's clips. */
export async function sessionReport(ctx: Ctx, sessionId: string) {
  const { session } = await requireAbility(ctx, sessionId, 'metrics');
  if (session.status !== 'ended') throw invalidTransition(session.status, '查看复盘报告');
  const bag = await ctx.db
    .select({ productId: liveSessionProducts.productId })
    .from(liveSessionProducts)
    .where(eq(liveSessionProducts.sessionId, sessionId))
    .orderBy(asc(liveSessionProducts.position));
  const durationSeconds =
    session.startedAt && session.endedAt
      ? Math.round((session.endedAt.getTime() - session.startedAt.getTime()) / 1000)
      : 0;
  return {
    ...(await sessionFigures(ctx.deps, ctx.db, session)),
    title: session.title,
    startedAt: session.startedAt?.toISOString() ?? null,
    endedAt: session.endedAt?.toISOString() ?? null,
    durationSeconds,
    products: await productFigures(
      ctx.db,
      sessionId,
      bag.map((b) => b.productId),
    ),
    clips: await clipsOf(ctx.db, session),
  };
}
