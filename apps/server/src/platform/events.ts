import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { bulkInsert } from './bulk.ts';
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
  const createdAt = new Date();
  await bulkInsert(
    db,
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
   * One transaction per batch: events nobody subscribes to are marked done in one statement; the others run
   * their subscribers in savepoints. Rows are claimed FOR UPDATE SKIP LOCKED, so several processes share the work.
   */
  private async dispatchBatch(): Promise<number> {
    const now = new Date();
    return this.db.transaction(async (tx) => {
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
      for (const row of rows) {
        const subscribers = this.subscribers.get(row.type) ?? [];
        if (subscribers.length === 0) {
          delivered.push(row.id);
          continue;
        }
        const failures = await this.deliver(tx, row, subscribers);
        if (failures.length === 0) delivered.push(row.id);
        else {
          await tx
            .update(outboxEvents)
            .set({ attempts: row.attempts + 1, lastError: failures.join('; ').slice(0, 2000) })
            .where(eq(outboxEvents.id, row.id));
        }
      }
      if (delivered.length > 0) {
        await tx
          .update(outboxEvents)
          .set({ dispatchedAt: now, attempts: sql`${outboxEvents.attempts} + 1` })
          .where(inArray(outboxEvents.id, delivered));
      }
      return delivered.length;
    });
  }

  /** Runs each subscriber once per event, in its own savepoint; returns the failures. */
  private async deliver(
    tx: Db,
    row: typeof outboxEvents.$inferSelect,
    subscribers: { name: string; handler: Handler }[],
  ): Promise<string[]> {
    const event: OutboxEvent = {
      id: row.id,
      type: row.type,
      payload: row.payload as Record<string, unknown>,
      createdAt: row.createdAt,
    };
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
