import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import { bulkInsert } from './bulk.ts';
import type { Db } from './db.ts';
import { newId } from './ids.ts';
import { jobs } from './schema.ts';

const MAX_ATTEMPTS = 10;
const LOCK_MS = 60_000;

type JobHandler = (db: Db, payload: Record<string, unknown>) => Promise<void>;
/** Handles whatever is due by `now` (found by a query, not by job rows); returns how many items it handled. */
type Sweep = (now: Date) => Promise<number>;

/**
 * A PostgreSQL-backed job queue (FOR UPDATE SKIP LOCKED). Jobs are rows, so they survive restarts and several
 * processes share them. Due times come from the injected clock, so tests move time instead of sleeping.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly sweeps = new Map<string, Sweep>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly log: Logger;
  constructor(db: Db, clock: Clock, log: Logger) {
    this.db = db;
    this.clock = clock;
    this.log = log;
  }

  register<P extends Record<string, unknown>>(name: string, handler: (db: Db, payload: P) => Promise<void>): void {
    if (this.handlers.has(name)) throw new Error(`job ${name} registered twice`);
    this.handlers.set(name, handler as JobHandler);
  }

  /**
   * A sweep runs with every poll (and every `runDue`): for deadlines that every row of a table carries anyway
   * (an unpaid order's pay deadline), one indexed query per poll replaces a job row inserted and deleted per item.
   */
  registerSweep(name: string, sweep: Sweep): void {
    if (this.sweeps.has(name)) throw new Error(`sweep ${name} registered twice`);
    this.sweeps.set(name, sweep);
  }

  /** Enqueues in the caller's transaction. With a key, a second pending job of the same key is ignored. */
  async enqueue(
    db: Db,
    name: string,
    payload: Record<string, unknown>,
    opts: { runAt: Date; key?: string },
  ): Promise<void> {
    await db
      .insert(jobs)
      .values({
        id: newId('job'),
        name,
        key: opts.key ?? null,
        payload,
        runAt: opts.runAt,
        createdAt: this.clock.now(),
      })
      .onConflictDoNothing();
  }

  /** Enqueues many jobs in one statement; keys already pending are skipped, as with `enqueue`. */
  async enqueueMany(
    db: Db,
    items: { name: string; payload: Record<string, unknown>; runAt: Date; key?: string }[],
  ): Promise<void> {
    if (items.length === 0) return;
    const createdAt = this.clock.now();
    await bulkInsert(
      db,
      jobs,
      items.map((j) => ({
        id: newId('job'),
        name: j.name,
        key: j.key ?? null,
        payload: j.payload,
        runAt: j.runAt,
        createdAt,
      })),
      { onConflictDoNothing: true },
    );
  }

  /** Cancels a pending keyed job (e.g. the payment timeout of an order that got paid). */
  async cancel(db: Db, key: string): Promise<void> {
    await db.delete(jobs).where(and(eq(jobs.key, key), isNull(jobs.doneAt)));
  }

  /** Runs every job due by the clock's now; returns how many ran. */
  async runDue(limit = 500): Promise<number> {
    let ran = 0;
    for (const [name, sweep] of this.sweeps) {
      try {
        ran += await sweep(this.clock.now());
      } catch (err) {
        this.log.error({ err, sweep: name }, 'sweep failed');
      }
    }
    // After stop() a tick in progress finishes the job it holds and claims no more, so shutdown is not held up.
    while (ran < limit && !this.stopped) {
      const id = await this.claimNext();
      if (!id) break;
      await this.runOne(id);
      ran++;
    }
    return ran;
  }

  start(intervalMs = 1000): void {
    this.stopped = false;
    const tick = () => {
      this.runDue(200)
        .catch((err: unknown) => this.log.error({ err }, 'job worker failed'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async claimNext(): Promise<string | undefined> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(
          and(
            isNull(jobs.doneAt),
            isNull(jobs.failedAt),
            lte(jobs.runAt, now),
            or(isNull(jobs.lockedUntil), lte(jobs.lockedUntil, now)),
          ),
        )
        .orderBy(asc(jobs.runAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!row) return undefined;
      await tx
        .update(jobs)
        .set({ lockedUntil: new Date(now.getTime() + LOCK_MS), attempts: sql`${jobs.attempts} + 1` })
        .where(eq(jobs.id, row.id));
      return row.id;
    });
  }

  private async runOne(id: string): Promise<void> {
    const [job] = await this.db.select().from(jobs).where(eq(jobs.id, id));
    if (!job) return;
    const handler = this.handlers.get(job.name);
    try {
      if (!handler) throw new Error(`no handler for job ${job.name}`);
      await this.db.transaction(async (tx) => {
        await handler(tx, job.payload as Record<string, unknown>);
        await tx.update(jobs).set({ doneAt: this.clock.now(), key: null, lockedUntil: null }).where(eq(jobs.id, id));
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.error({ err, job: job.name, id }, 'job failed');
      const giveUp = job.attempts >= MAX_ATTEMPTS;
      const retryAt = new Date(this.clock.now().getTime() + Math.min(2 ** job.attempts, 3600) * 1000);
      await this.db
        .update(jobs)
        .set(
          giveUp
            ? { failedAt: this.clock.now(), lastError: message, key: null }
            : { runAt: retryAt, lockedUntil: null, lastError: message },
        )
        .where(eq(jobs.id, id));
    }
  }
}
