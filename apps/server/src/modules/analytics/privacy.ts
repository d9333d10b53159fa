import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { QueryParams } from '../../platform/analytics/engine.ts';
import { analyticsLoader } from './loader.ts';
import { eventsTableDdl } from './event-model.ts';
import { pseudonym } from './pseudonym.ts';
import { analyticsInbox, analyticsOrderFacts, analyticsUserDevices } from './schema.ts';

/** Rows that are money: kept for the books, but no longer anybody's (amounts stay, identities go). */
const MONEY_TYPES = ['order', 'pay', 'refund', 'coupon_use'];

/**
 * Erases a user from analytics (docs/ANALYTICS.md "Privacy and retention"): their behaviour events — signed in
 * (their pseudonym) or anonymous on the device they last used — are deleted from the inbox and the engine; their
 * orders, payments and refunds stay as anonymous rows so sales figures remain true.
 *
 * Order matters: the inbox first, then a load (which waits for a load in flight in this process), then the
 * engine — so no page copied before the inbox delete can land after the engine delete.
 */
export async function forgetUser(deps: Deps, userId: string): Promise<{ inbox: number; engine: number }> {
  const pid = pseudonym(deps.config.ANALYTICS_PSEUDONYM_SECRET, userId);
  const db = deps.database.db;
  const inbox = await db.transaction(async (tx) => {
    const devices = await tx
      .delete(analyticsUserDevices)
      .where(eq(analyticsUserDevices.userPid, pid))
      .returning({ deviceId: analyticsUserDevices.deviceId });
    const deviceIds = devices.map((d) => d.deviceId);
    const mine = deviceIds.length
      ? or(eq(analyticsInbox.userPid, pid), inArray(analyticsInbox.deviceId, deviceIds))
      : eq(analyticsInbox.userPid, pid);
    const anonymised = await tx
      .update(analyticsInbox)
      .set({ actor: 'forgotten', userPid: null, deviceId: null, sessionId: null, province: null })
      .where(and(mine, inArray(analyticsInbox.type, MONEY_TYPES)))
      .returning({ seq: analyticsInbox.seq });
    const deleted = await tx
      .delete(analyticsInbox)
      .where(and(mine, sql`${analyticsInbox.type} <> all(${sql.param(MONEY_TYPES)}::text[])`))
      .returning({ seq: analyticsInbox.seq });
    // What the module remembers of the user's orders between their events (the placed payload names them).
    await tx.delete(analyticsOrderFacts).where(sql`${analyticsOrderFacts.placed}->>'userId' = ${userId}`);
    return { rows: anonymised.length + deleted.length, deviceIds };
  });

  await analyticsLoader(deps).load();
  const engine = deps.analytics;
  await engine.ensure(eventsTableDdl(engine));
  const devices = inbox.deviceIds;
  const mineSql = devices.length ? `(user_pid = $pid OR has($devices, device_id))` : `user_pid = $pid`;
  const mineDuck = devices.length ? `(user_pid = $pid OR list_contains($devices, device_id))` : `user_pid = $pid`;
  const mine = engine.kind === 'clickhouse' ? mineSql : mineDuck;
  const params: QueryParams = devices.length ? { pid, devices } : { pid };
  const money = `type IN (${MONEY_TYPES.map((t) => `'${t}'`).join(', ')})`;
  const [before] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM events WHERE ${mine}`, params);
  if (engine.kind === 'clickhouse') {
    // Lightweight DELETE for behaviour; a mutation for the money rows (ClickHouse has no row UPDATE).
    await engine.run(`DELETE FROM events WHERE ${mine} AND NOT ${money}`, params);
    await engine.run(
      `ALTER TABLE events UPDATE actor = 'forgotten', user_pid = NULL, device_id = NULL, session_id = NULL, province = NULL WHERE ${mine} AND ${money} SETTINGS mutations_sync = 1`,
      params,
    );
  } else {
    await engine.run(`DELETE FROM events WHERE ${mine} AND NOT ${money}`, params);
    await engine.run(
      `UPDATE events SET actor = 'forgotten', user_pid = NULL, device_id = NULL, session_id = NULL, province = NULL WHERE ${mine} AND ${money}`,
      params,
    );
  }
  await analyticsLoader(deps).refreshRecent();
  return { inbox: inbox.rows, engine: Number(before?.n ?? 0) };
}

/**
 * Retention: events older than ANALYTICS_RETENTION_DAYS leave the engine (and any such row still in the inbox).
 * Run once a day by each serving process for its engine (startAnalytics).
 */
export async function pruneExpiredEvents(deps: Deps, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - deps.config.ANALYTICS_RETENTION_DAYS * 86_400_000);
  await deps.database.db.delete(analyticsInbox).where(lt(analyticsInbox.ts, cutoff));
  await deps.database.db.delete(analyticsOrderFacts).where(lt(analyticsOrderFacts.payRowsWrittenAt, cutoff));
  const engine = deps.analytics;
  await engine.ensure(eventsTableDdl(engine));
  await engine.run(`DELETE FROM events WHERE ts < $cutoff`, { cutoff });
  await analyticsLoader(deps).refreshRecent();
}
