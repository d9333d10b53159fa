import { and, asc, eq, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { bulkInsertSql } from './bulk.ts';
import type { Db } from './db.ts';
import { newId } from './ids.ts';
import { eventDeliveries, outboxEvents } from './schema.ts';

export interface OutboxEvent<P = Record<string, unknown>> {
  id: string;
  type: string;
  payload: P;
  createdAt: Date;
}

/** Writes an event in the caller's transaction: it exists exactly when the change it describes does. */
export async function emit(db: Db, type: string, payload: Record<string, unknown>): Promise<void> {
  await db.insert(outboxEvents).values({ id: newId('evt'), type, payload, createdAt: new Date() });
}

/** Writes many events in one statement (batched use-cases such as flash-sale purchases). */
export async function emitMany(db: Db, events: { type: string; payload: Record<string, unknown> }[]): Promise<void> {
  if (events.length === 0) return;
  await db.execute(emitManySql(events));
}

/** The insert `emitMany` runs, for `insertTogether` with the change the events describe. `events` must not be empty. */
export function emitManySql(events: { type: string; payload: Record<string, unknown> }[]): SQL {
  const createdAt = new Date();
  return bulkInsertSql(
    outboxEvents,
    events.map((e) => ({ id: newId('evt'), type: e.type, payload: e.payload, createdAt })),
  );
}

type Handler = (db: Db, event: OutboxEvent) => Promise<void>;

/**
 * Dispatches outbox events after commit to idempotent subscribers. Each subscriber runs in a savepoint with
 * its delivery recorded, so a failing subscriber is retried alone and a redelivered event never runs twice.
 */
export class EventBus {
  private readonly subscribers = new Map<string, { name: string; handler: Handler }[]>();
  private running: Promise<void> | undefined;
  private again = false;
  private readonly db: Db;
  private readonly log: Logger;
  /** Tests turn this off and call drain() so that what runs when is explicit. */
  private readonly autoDispatch: boolean;
  constructor(db: Db, log: Logger, autoDispatch: boolean) {
    this.db = db;
    this.log = log;
    this.autoDispatch = autoDispatch;
  }

  subscribe<P>(type: string, name: string, handler: (db: Db, event: OutboxEvent<P>) => Promise<void>): void {
    const list = this.subscribers.get(type) ?? [];
    if (list.some((s) => s.name === name)) throw new Error(`subscriber ${name} registered twice for ${type}`);
    list.push({ name, handler: handler as Handler });
    this.subscribers.set(type, list);
  }

  kick(): void {
    if (!this.autoDispatch) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((err: unknown) => this.log.error({ err }, 'outbox dispatch failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Dispatches until no deliverable event is left; returns how many events were completed. */
  async drain(maxRounds = 100): Promise<number> {
    let done = 0;
    for (let round = 0; round < maxRounds; round++) {
      const n = await this.dispatchBatch();
      done += n;
      if (n === 0) break;
    }
    return done;
  }

  /**
   * One transaction per batch of up to 100 events, claimed FOR UPDATE SKIP LOCKED so several processes share the
   * work. First every subscriber of every event runs together: one statement claims all their deliveries, then the
   * handlers run back to back with no savepoint of their own. That is the common case and costs the handlers'
   * statements plus three. When any handler fails, the whole attempt is rolled back and the batch runs again
   * isolated: each subscriber in its own savepoint with its own delivery row, so only the failing one is retried.
   * A handler may therefore run twice when another one fails; effects outside the database must be repeatable
   * (realtime publishes are; nothing subscribed sends messages to people).
   */
  private async dispatchBatch(): Promise<number> {
    const now = new Date();
    try {
      return await this.db.transaction((tx) => this.runBatch(tx, now, 'together'));
    } catch {
      // Whatever failed (a handler, or a statement after a handler swallowed an error), nothing was committed.
      return this.db.transaction((tx) => this.runBatch(tx, now, 'isolated'));
    }
  }

  private async runBatch(tx: Db, now: Date, mode: 'together' | 'isolated'): Promise<number> {
    const rows = await tx
      .select()
      .from(outboxEvents)
      .where(
        and(
          isNull(outboxEvents.dispatchedAt),
          or(
            eq(outboxEvents.attempts, 0),
            lte(
              sql`${outboxEvents.createdAt} + make_interval(secs => least(${outboxEvents.attempts} * ${outboxEvents.attempts}, 600))`,
              now,
            ),
          ),
        ),
      )
      .orderBy(asc(outboxEvents.id))
      .limit(100)
      .for('update', { skipLocked: true });
    if (rows.length === 0) return 0;
    const delivered: string[] = [];
    // A batch holding a retry (an event whose subscriber failed before) goes isolated straight away.
    if (mode === 'together' && rows.every((r) => r.attempts === 0)) {
      await this.deliverTogether(tx, rows);
      delivered.push(...rows.map((r) => r.id));
    } else {
      for (const row of rows) {
        const subscribers = this.subscribers.get(row.type) ?? [];
        const failures = subscribers.length === 0 ? [] : await this.deliver(tx, row, subscribers);
        if (failures.length === 0) delivered.push(row.id);
        else {
          await tx
            .update(outboxEvents)
            .set({ attempts: row.attempts + 1, lastError: failures.join('; ').slice(0, 2000) })
            .where(eq(outboxEvents.id, row.id));
        }
      }
    }
    if (delivered.length > 0) {
      await tx
        .update(outboxEvents)
        .set({ dispatchedAt: now, attempts: sql`${outboxEvents.attempts} + 1` })
        .where(inArray(outboxEvents.id, delivered));
    }
    return delivered.length;
  }

  /** Every subscriber of every event, in event order, after one statement claimed all their deliveries. */
  private async deliverTogether(tx: Db, rows: (typeof outboxEvents.$inferSelect)[]): Promise<void> {
    const pairs = rows.flatMap((row) => (this.subscribers.get(row.type) ?? []).map((sub) => ({ row, sub })));
    if (pairs.length === 0) return;
    const claimed = await tx.execute(
      sql`insert into ${eventDeliveries} (event_id, subscriber, delivered_at)
          select e, s, ${new Date().toISOString()}::timestamptz from unnest(${sql.param(pairs.map((p) => p.row.id))}::text[], ${sql.param(pairs.map((p) => p.sub.name))}::text[]) as t(e, s)
          on conflict do nothing returning event_id, subscriber`,
    );
    const mine = new Set(
      (claimed as { rows: { event_id: string; subscriber: string }[] }).rows.map(
        (r) => `${r.event_id}\n${r.subscriber}`,
      ),
    );
    for (const { row, sub } of pairs) {
      if (!mine.has(`${row.id}\n${sub.name}`)) continue;
      try {
        await sub.handler(tx, eventOf(row));
      } catch (err) {
        this.log.warn(
          { err, event: row.type, subscriber: sub.name },
          'event subscriber failed; batch retried isolated',
        );
        throw err;
      }
    }
  }

  /** Runs each subscriber once per event, in its own savepoint; returns the failures. */
  private async deliver(
    tx: Db,
    row: typeof outboxEvents.$inferSelect,
    subscribers: { name: string; handler: Handler }[],
  ): Promise<string[]> {
    const event = eventOf(row);
    const failures: string[] = [];
    for (const sub of subscribers) {
      try {
        await tx.transaction(async (sp) => {
          const claimed = await sp
            .insert(eventDeliveries)
            .values({ eventId: row.id, subscriber: sub.name, deliveredAt: new Date() })
            .onConflictDoNothing()
            .returning({ eventId: eventDeliveries.eventId });
          if (claimed.length === 0) return;
          await sub.handler(sp, event);
        });
      } catch (err) {
        this.log.error({ err, event: row.type, subscriber: sub.name }, 'event subscriber failed');
        failures.push(`${sub.name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return failures;
  }
}

const eventOf = (row: typeof outboxEvents.$inferSelect): OutboxEvent => ({
  id: row.id,
  type: row.type,
  payload: row.payload as Record<string, unknown>,
  createdAt: row.createdAt,
});
