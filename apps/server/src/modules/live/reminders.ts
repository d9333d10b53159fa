import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { maskPhone } from '../../platform/sms.ts';
import { phonesOf } from '../accounts/api.ts';
import { loadSession } from './access.ts';
import { liveReminders } from './schema.ts';

/** Tells reminded viewers the session started; enqueued by startSession so going live is not slowed by sending. */
export const NOTIFY_REMINDERS_JOB = 'live.notify-reminders';
const CHUNK = 500;

/**
 * Subscribing to the reminder is the consent: each reminded user gets one SMS notice per session. The reminder
 * is claimed (notifiedAt set) in the job's transaction before sending, so a redelivered or repeated job sends
 * nobody twice; a failed send is logged, not retried, for the same reason. Large rooms go in chunks.
 */
export async function notifyReminders(deps: Deps, db: Db, sessionId: string): Promise<void> {
  const session = await loadSession(db, sessionId);
  const pending = await db
    .select({ userId: liveReminders.userId })
    .from(liveReminders)
    .where(and(eq(liveReminders.sessionId, sessionId), isNull(liveReminders.notifiedAt)))
    .limit(CHUNK);
  if (pending.length === 0) return;
  const claimed = await db
    .update(liveReminders)
    .set({ notifiedAt: deps.clock.now() })
    .where(
      and(
        eq(liveReminders.sessionId, sessionId),
        inArray(
          liveReminders.userId,
          pending.map((p) => p.userId),
        ),
        isNull(liveReminders.notifiedAt),
      ),
    )
    .returning({ userId: liveReminders.userId });
  const phones = await phonesOf(
    deps,
    db,
    claimed.map((c) => c.userId),
  );
  const text = `你预约的直播「${session.title}」开始了`;
  for (const { userId } of claimed) {
    const phone = phones.get(userId);
    if (!phone) continue;
    try {
      await deps.sms.sendNotice(phone, text);
    } catch (err) {
      deps.log.warn({ err, sessionId, phone: maskPhone(phone) }, 'live reminder not sent');
    }
  }
  // More than a chunk: the rest in a follow-up job (no key: this job's key is still held while it runs).
  if (pending.length === CHUNK)
    await deps.jobs.enqueue(db, NOTIFY_REMINDERS_JOB, { sessionId }, { runAt: deps.clock.now() });
}
