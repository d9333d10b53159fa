import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { getLineAttributions } from '../attribution/api.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { getOrderForAfterSale } from '../orders/api.ts';
import { publishToRoom, publishToStaff } from './channel.ts';
import { badgesOf } from './qualification.ts';
import { minuteOf } from './counters.ts';
import { liveFanout } from './fanout.ts';
import { refreshPkFor } from './pk.ts';
import { sessionTotals } from './totals.ts';
import {
  liveChatMessages,
  liveMetricMinutes,
  liveOrders,
  liveProductStats,
  liveSessions,
  liveVisits,
} from './schema.ts';

/** Paid, unvoided GMV (fen) of several sessions at once (the console's list). */
export async function sessionsGmv(db: Db, sessionIds: string[]): Promise<Map<string, number>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .select({ id: liveOrders.sessionId, gmv: sql<string>`coalesce(sum(${liveOrders.amount}), 0)` })
    .from(liveOrders)
    .where(and(inArray(liveOrders.sessionId, sessionIds), isNotNull(liveOrders.paidAt), isNull(liveOrders.voidedAt)))
    .groupBy(liveOrders.sessionId);
  return new Map(rows.map((r) => [r.id, Number(r.gmv)]));
}

/** The order's lines credited to one live session (the one with the largest share, when lines came from several). */
async function liveLinesOf(db: Db, orderId: string, lineIds: string[]) {
  const attributions = await getLineAttributions(db, lineIds);
  if (![...attributions.values()].some((a) => a.liveSessionId)) return undefined;
  const order = await getOrderForAfterSale(db, orderId);
  if (!order) return undefined;
  const bySession = new Map<string, typeof order.lines>();
  for (const line of order.lines) {
    const sessionId = attributions.get(line.lineId)?.liveSessionId;
    if (sessionId) bySession.set(sessionId, [...(bySession.get(sessionId) ?? []), line]);
  }
  const sum = (lines: typeof order.lines) => lines.reduce((a, l) => a + l.payAmount, 0);
  const [sessionId, lines] = [...bySession].sort((a, b) => sum(b[1]) - sum(a[1]))[0]!;
  return { order, sessionId, lines, amount: sum(lines) };
}

/**
 * order.attributed and order.paid: either may come first, so both record the live order and the second one to
 * see it paid moves the GMV — exactly once, guarded by `paid_at is null`.
 */
export async function recordLiveOrder(deps: Deps, db: Db, orderId: string, lineIds: string[], at: Date): Promise<void> {
  const found = await liveLinesOf(db, orderId, lineIds);
  if (!found) return;
  const { order, sessionId, lines, amount } = found;
  await db
    .insert(liveOrders)
    .values({
      orderId,
      sessionId,
      userId: order.userId,
      amount,
      guaranteed: (await badgesOf(db, deps.config, order.merchantId)).guarantee,
      createdAt: at,
    })
    .onConflictDoNothing();
  if (!order.paidAt || order.status === 'cancelled' || order.status === 'closed' || order.status === 'pending_payment')
    return;
  const [paid] = await db
    .update(liveOrders)
    .set({ paidAt: order.paidAt })
    .where(and(eq(liveOrders.orderId, orderId), isNull(liveOrders.paidAt), isNull(liveOrders.voidedAt)))
    .returning();
  if (!paid) return;
  await addSale(db, paid.sessionId, order.paidAt, lines, 1);
  await announceGmv(deps, db, paid.sessionId);
}

/** order.cancelled / order.closed: a paid live order stops counting, in the minute it counted in. */
export async function voidLiveOrder(deps: Deps, db: Db, orderId: string, at: Date): Promise<void> {
  const [row] = await db
    .update(liveOrders)
    .set({ voidedAt: at })
    .where(and(eq(liveOrders.orderId, orderId), isNull(liveOrders.voidedAt)))
    .returning();
  if (!row?.paidAt) return;
  const order = await getOrderForAfterSale(db, orderId);
  const attributions = await getLineAttributions(db, order?.lines.map((l) => l.lineId) ?? []);
  const lines = (order?.lines ?? []).filter((l) => attributions.get(l.lineId)?.liveSessionId === row.sessionId);
  await addSale(db, row.sessionId, row.paidAt, lines, -1);
  await announceGmv(deps, db, row.sessionId);
}

async function addSale(
  db: Db,
  sessionId: string,
  paidAt: Date,
  lines: { productId: string; qty: number; payAmount: number }[],
  sign: 1 | -1,
) {
  const gmv = sign * lines.reduce((a, l) => a + l.payAmount, 0);
  await db
    .insert(liveMetricMinutes)
    .values({ sessionId, minute: minuteOf(paidAt), orders: sign, gmv })
    .onConflictDoUpdate({
      target: [liveMetricMinutes.sessionId, liveMetricMinutes.minute],
      set: { orders: sql`${liveMetricMinutes.orders} + ${sign}`, gmv: sql`${liveMetricMinutes.gmv} + ${gmv}` },
    });
  for (const l of lines) {
    await db
      .insert(liveProductStats)
      .values({ sessionId, productId: l.productId, units: sign * l.qty, gmv: sign * l.payAmount })
      .onConflictDoUpdate({
        target: [liveProductStats.sessionId, liveProductStats.productId],
        set: {
          units: sql`${liveProductStats.units} + ${sign * l.qty}`,
          gmv: sql`${liveProductStats.gmv} + ${sign * l.payAmount}`,
        },
      });
  }
}

/** Published from the dispatch transaction: were it to roll back, the next event or snapshot corrects the figure. */
async function announceGmv(deps: Deps, db: Db, sessionId: string): Promise<void> {
  const totals = await sessionTotals(db, sessionId);
  await publishToRoom(deps, sessionId, { type: 'gmv', total: totals.gmv });
  await publishStaffMetrics(deps, db, [sessionId]);
  await refreshPkFor(deps, [sessionId], db);
}

export async function publishStaffMetrics(deps: Deps, db: Db, sessionIds: string[]): Promise<void> {
  for (const id of sessionIds) {
    const [session] = await db.select().from(liveSessions).where(eq(liveSessions.id, id));
    if (session?.status === 'live')
      await publishToStaff(deps, id, { type: 'metrics', metrics: await sessionFigures(deps, db, session) });
  }
}

interface MinutePoint {
  minute: string;
  viewers: number;
  chats: number;
  likes: number;
  productClicks: number;
  orders: number;
  gmv: number;
}

export interface SessionFigures {
  sessionId: string;
  status: string;
  viewers: number;
  peakViewers: number;
  uniqueViewers: number;
  averageDwellSeconds: number;
  interactingViewers: number;
  interactionRate: number;
  likes: number;
  chats: number;
  productClicks: number;
  payingBuyers: number;
  conversionRate: number;
  orders: number;
  gmv: number;
  series: MinutePoint[];
}

const ratio = (a: number, b: number): number => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : 0);

/** The dashboard's figures (docs/LIVE.md "Real-time metrics"), whole session so far, from the shared tables. */
export async function sessionFigures(
  deps: Deps,
  db: Db,
  session: typeof liveSessions.$inferSelect,
): Promise<SessionFigures> {
  const id = session.id;
  const now = deps.clock.now();
  const [visits] = await db
    .select({
      unique: sql<number>`count(distinct ${liveVisits.viewerKey})::int`,
      open: sql<number>`(count(*) filter (where ${liveVisits.leftAt} is null))::int`,
      dwell: sql<string>`coalesce(sum(extract(epoch from (coalesce(${liveVisits.leftAt}, ${now}) - ${liveVisits.joinedAt}))), 0)`,
    })
    .from(liveVisits)
    .where(eq(liveVisits.sessionId, id));
  // A viewer who liked or chatted, counted once: signed-in viewers' key is their user id.
  const interacting = await db.execute(sql`
    select count(*)::int as n from (
      select viewer_key from live_visits where session_id = ${id} and likes > 0
      union select user_id from live_chat_messages where session_id = ${id} and kind = 'viewer'
    ) who`);
  const interactingViewers = Number((interacting as { rows: { n: number }[] }).rows[0]?.n ?? 0);
  const [chats] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(liveChatMessages)
    .where(and(eq(liveChatMessages.sessionId, id), isNull(liveChatMessages.removedAt)));
  const [buyers] = await db
    .select({ n: sql<number>`count(distinct ${liveOrders.userId})::int` })
    .from(liveOrders)
    .where(and(eq(liveOrders.sessionId, id), isNotNull(liveOrders.paidAt), isNull(liveOrders.voidedAt)));
  const minutes = await db
    .select()
    .from(liveMetricMinutes)
    .where(eq(liveMetricMinutes.sessionId, id))
    .orderBy(asc(liveMetricMinutes.minute));
  const totals = await sessionTotals(db, id);
  const fanout = liveFanout(deps);
  // A process holding the room knows the count across processes; otherwise the open visits tell it.
  const viewers =
    session.status !== 'live' ? 0 : fanout.localCount(id) > 0 ? fanout.viewerCount(id) : (visits?.open ?? 0);
  const uniqueViewers = visits?.unique ?? 0;
  const payingBuyers = buyers?.n ?? 0;
  return {
    sessionId: id,
    status: session.status,
    viewers,
    peakViewers: Math.max(session.peakViewers, viewers),
    uniqueViewers,
    averageDwellSeconds: uniqueViewers > 0 ? Math.round(Number(visits?.dwell ?? 0) / uniqueViewers) : 0,
    interactingViewers,
    interactionRate: ratio(interactingViewers, uniqueViewers),
    likes: totals.likes,
    chats: chats?.n ?? 0,
    productClicks: minutes.reduce((a, m) => a + m.productClicks, 0),
    payingBuyers,
    conversionRate: ratio(payingBuyers, uniqueViewers),
    orders: totals.orders,
    gmv: totals.gmv,
    series: minutes.map((m) => ({
      minute: m.minute.toISOString(),
      viewers: m.viewers,
      chats: m.chats,
      likes: m.likes,
      productClicks: m.productClicks,
      orders: m.orders,
      gmv: m.gmv,
    })),
  };
}

/** Per product of the session, for the report: clicks, units and GMV, in the bag's order. */
export async function productFigures(db: Db, sessionId: string, productIds: string[]) {
  const rows = await db.select().from(liveProductStats).where(eq(liveProductStats.sessionId, sessionId));
  const ids = [...new Set([...productIds, ...rows.map((r) => r.productId)])];
  const briefs = await getProductBriefs(db, ids);
  return ids.map((productId) => {
    const r = rows.find((x) => x.productId === productId);
    return {
      productId,
      title: briefs.get(productId)?.title ?? '已删除商品',
      clicks: r?.clicks ?? 0,
      units: r?.units ?? 0,
      gmv: r?.gmv ?? 0,
    };
  });
}
