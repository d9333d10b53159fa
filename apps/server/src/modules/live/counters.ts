import { inArray, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { publishToRoom } from './channel.ts';
import { refreshPkFor } from './pk.ts';
import { liveMetricMinutes, liveProductStats, liveSessions } from './schema.ts';

const FLUSH_MS = 2_000;

interface MinuteCounts {
  sessionId: string;
  minute: Date;
  chats: number;
  likes: number;
  productClicks: number;
  viewers: number;
}

/** The current viewer counts of rooms with sockets in this process (the fan-out). */
export interface ViewerSource {
  localCount(sessionId: string): number;
  viewerCount(sessionId: string): number;
}

/** The minute a moment falls in: the row of live_metric_minutes it adds to. */
export const minuteOf = (at: Date): Date => new Date(Math.floor(at.getTime() / 60_000) * 60_000);

/**
 * Hot counters of the room (likes, chats, product clicks, viewer peaks), kept in memory and added to the database
 * every ~2 s with increments, so a tap is never a write and several processes add to the same rows without losing
 * each other's counts. A crash loses at most the last two seconds of taps — counts, never money.
 */
export class LiveCounters {
  private minutes = new Map<string, MinuteCounts>();
  private sessionLikes = new Map<string, number>();
  private visitLikes = new Map<string, number>();
  private clicks = new Map<string, { sessionId: string; productId: string; n: number }>();
  private peaks = new Map<string, number>();
  /** Rooms whose viewer count changed since the last flush (their staff dashboards refresh). */
  private changed = new Set<string>();
  /** Rooms this process has sockets in, sampled on every flush so a quiet minute still has its viewers. */
  private readonly watched = new Set<string>();
  private viewerSource: ViewerSource | null = null;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private readonly deps: Deps;
  /** Told after each flush which sessions' figures changed (metrics.ts publishes the staff dashboard). */
  private readonly listeners: ((sessionIds: string[]) => Promise<void>)[] = [];

  constructor(deps: Deps) {
    this.deps = deps;
  }

  /** Where the current viewer counts come from (the fan-out), sampled on every flush. */
  sampleViewersFrom(source: ViewerSource): void {
    this.viewerSource = source;
  }

  onFlushed(listener: (sessionIds: string[]) => Promise<void>): void {
    this.listeners.push(listener);
  }

  chat(sessionId: string): void {
    this.minute(sessionId).chats++;
  }

  like(sessionId: string, visitId: string | null, n: number): void {
    this.minute(sessionId).likes += n;
    this.sessionLikes.set(sessionId, (this.sessionLikes.get(sessionId) ?? 0) + n);
    if (visitId) this.visitLikes.set(visitId, (this.visitLikes.get(visitId) ?? 0) + n);
  }

  click(sessionId: string, productId: string): void {
    this.minute(sessionId).productClicks++;
    const key = `${sessionId}|${productId}`;
    const c = this.clicks.get(key) ?? { sessionId, productId, n: 0 };
    c.n++;
    this.clicks.set(key, c);
  }

  /** The room's viewer count across processes (from the fan-out's presence): kept as the minute's and session's peak. */
  viewers(sessionId: string, count: number): void {
    const m = this.minute(sessionId);
    m.viewers = Math.max(m.viewers, count);
    this.peaks.set(sessionId, Math.max(this.peaks.get(sessionId) ?? 0, count));
    this.changed.add(sessionId);
    this.watched.add(sessionId);
  }

  /**
   * The fan-out reports a count only when it changes, so a room nobody joins or leaves would have no viewers in
   * its later minutes: every flush records the count now (the minute keeps its max) for rooms with local sockets.
   */
  private sampleViewers(): void {
    const source = this.viewerSource;
    if (!source) return;
    for (const sessionId of this.watched) {
      if (source.localCount(sessionId) === 0) {
        this.watched.delete(sessionId);
        continue;
      }
      const m = this.minute(sessionId);
      m.viewers = Math.max(m.viewers, source.viewerCount(sessionId));
    }
  }

  /** Writes what was counted since the last flush (the timer does this; tests and shutdown call it). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.sampleViewers();
    if (this.minutes.size === 0) return;
    this.flushing = this.write().finally(() => (this.flushing = null));
    await this.flushing;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush().catch((err: unknown) => this.deps.log.warn({ err }, 'live counters final flush failed'));
  }

  private minute(sessionId: string): MinuteCounts {
    this.start();
    const minute = minuteOf(this.deps.clock.now());
    const key = `${sessionId}|${minute.getTime()}`;
    let m = this.minutes.get(key);
    if (!m) {
      m = { sessionId, minute, chats: 0, likes: 0, productClicks: 0, viewers: 0 };
      this.minutes.set(key, m);
    }
    return m;
  }

  private start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.flush().catch((err: unknown) => this.deps.log.error({ err }, 'live counters flush failed'));
    }, FLUSH_MS);
    this.timer.unref();
  }

  private async write(): Promise<void> {
    // Swap first: taps arriving while we write go to the next flush.
    const minutes = [...this.minutes.values()];
    const sessionLikes = this.sessionLikes;
    const visitLikes = this.visitLikes;
    const clicks = [...this.clicks.values()];
    const peaks = this.peaks;
    const changed = this.changed;
    this.changed = new Set();
    this.minutes = new Map();
    this.sessionLikes = new Map();
    this.visitLikes = new Map();
    this.clicks = new Map();
    this.peaks = new Map();
    let totals: { id: string; likes: number }[];
    try {
      totals = await this.deps.database.db.transaction(async (db) => {
        await addMinutes(db, minutes);
        await addClicks(db, clicks);
        if (visitLikes.size > 0) {
          const values = sql.join(
            [...visitLikes].map(([id, n]) => sql`(${id}, ${n}::int)`),
            sql`, `,
          );
          await db.execute(
            sql`update live_visits set likes = live_visits.likes + v.n from (values ${values}) as v(id, n) where live_visits.id = v.id`,
          );
        }
        for (const [id, peak] of peaks) {
          await db
            .update(liveSessions)
            .set({ peakViewers: sql`greatest(${liveSessions.peakViewers}, ${peak})` })
            .where(sql`${liveSessions.id} = ${id}`);
        }
        const out: { id: string; likes: number }[] = [];
        for (const [id, n] of sessionLikes) {
          const [row] = await db
            .update(liveSessions)
            .set({ likes: sql`${liveSessions.likes} + ${n}` })
            .where(inArray(liveSessions.id, [id]))
            .returning({ id: liveSessions.id, likes: liveSessions.likes });
          if (row) out.push(row);
        }
        return out;
      });
    } catch (err) {
      // Nothing was written: put the counts back so the next flush tries again.
      for (const m of minutes) {
        const into = this.minute(m.sessionId);
        into.chats += m.chats;
        into.likes += m.likes;
        into.productClicks += m.productClicks;
        into.viewers = Math.max(into.viewers, m.viewers);
      }
      for (const [id, n] of sessionLikes) this.sessionLikes.set(id, (this.sessionLikes.get(id) ?? 0) + n);
      for (const [id, n] of visitLikes) this.visitLikes.set(id, (this.visitLikes.get(id) ?? 0) + n);
      for (const c of clicks) {
        const key = `${c.sessionId}|${c.productId}`;
        this.clicks.set(key, { ...c, n: c.n + (this.clicks.get(key)?.n ?? 0) });
      }
      for (const [id, peak] of peaks) this.peaks.set(id, Math.max(this.peaks.get(id) ?? 0, peak));
      for (const id of changed) this.changed.add(id);
      throw err;
    }
    await Promise.all(totals.map((t) => publishToRoom(this.deps, t.id, { type: 'likes', total: t.likes })));
    const liked = totals.map((t) => t.id);
    if (liked.length > 0) await refreshPkFor(this.deps, liked, this.deps.database.db);
    // A sampled count alone moves no figure the dashboard shows, so it does not refresh it.
    const moved = minutes.filter((m) => m.chats + m.likes + m.productClicks > 0 || changed.has(m.sessionId));
    const touched = [...new Set(moved.map((m) => m.sessionId))];
    for (const listener of this.listeners) await listener(touched);
  }
}

async function addMinutes(db: Db, rows: MinuteCounts[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(liveMetricMinutes)
    .values(
      rows.map((m) => ({
        sessionId: m.sessionId,
        minute: m.minute,
        chats: m.chats,
        likes: m.likes,
        productClicks: m.productClicks,
        viewers: m.viewers,
      })),
    )
    .onConflictDoUpdate({
      target: [liveMetricMinutes.sessionId, liveMetricMinutes.minute],
      set: {
        chats: sql`${liveMetricMinutes.chats} + excluded.chats`,
        likes: sql`${liveMetricMinutes.likes} + excluded.likes`,
        productClicks: sql`${liveMetricMinutes.productClicks} + excluded.product_clicks`,
        viewers: sql`greatest(${liveMetricMinutes.viewers}, excluded.viewers)`,
      },
    });
}

async function addClicks(db: Db, rows: { sessionId: string; productId: string; n: number }[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(liveProductStats)
    .values(rows.map((c) => ({ sessionId: c.sessionId, productId: c.productId, clicks: c.n })))
    .onConflictDoUpdate({
      target: [liveProductStats.sessionId, liveProductStats.productId],
      set: { clicks: sql`${liveProductStats.clicks} + excluded.clicks` },
    });
}

const registry = new WeakMap<Deps, LiveCounters>();
/** One set of counters per process (per Deps). */
export function liveCounters(deps: Deps): LiveCounters {
  let c = registry.get(deps);
  if (!c) {
    c = new LiveCounters(deps);
    registry.set(deps, c);
  }
  return c;
}
