import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { GroupCommitter, KeyedGroupCommitter } from '../../platform/batcher.ts';
import { bulkInsert } from '../../platform/bulk.ts';
import { liveSessions, liveVisits } from './schema.ts';

/**
 * Dwell time: one `live_visits` row per socket while the session is live. 10,000 viewers arriving within seconds
 * would be 10,000 inserts and, when they leave, 10,000 updates: both go through group commit instead (the
 * sockets that arrive while one batch commits share the next), so a connect storm costs a few statements a batch.
 */
export interface VisitOpen {
  id: string;
  viewerKey: string;
  userId: string | null;
  joinedAt: Date;
}

/**
 * Opens the visits of one session, if it is live. The session row is read FOR SHARE, so an ending that commits
 * meanwhile waits for the batch and then closes these visits too (it closes every open one).
 */
async function openVisits(deps: Deps, sessionId: string, visits: VisitOpen[]): Promise<boolean[]> {
  return deps.database.db.transaction(async (tx) => {
    const [session] = await tx
      .select({ status: liveSessions.status })
      .from(liveSessions)
      .where(eq(liveSessions.id, sessionId))
      .for('share');
    if (session?.status !== 'live') return visits.map(() => false);
    await bulkInsert(
      tx,
      liveVisits,
      visits.map((v) => ({ id: v.id, sessionId, viewerKey: v.viewerKey, userId: v.userId, joinedAt: v.joinedAt })),
    );
    return visits.map(() => true);
  });
}

/** Closes visits (each with its own leave time) in one statement; a visit the ending already closed stays as it was. */
async function closeVisits(deps: Deps, visits: { id: string; leftAt: Date }[]): Promise<void[]> {
  const ids = visits.map((v) => v.id);
  const times = visits.map((v) => v.leftAt.toISOString());
  await deps.database.db.execute(
    sql`update ${liveVisits} set left_at = v.left_at from unnest(${sql.param(ids)}::text[], ${sql.param(times)}::timestamptz[]) as v(id, left_at)
        where ${liveVisits.id} = v.id and ${liveVisits.leftAt} is null`,
  );
  return visits.map(() => undefined);
}

interface VisitCommitters {
  open: KeyedGroupCommitter<VisitOpen, boolean>;
  close: GroupCommitter<{ id: string; leftAt: Date }, void>;
}

const committers = new WeakMap<Deps, VisitCommitters>();
function committersOf(deps: Deps): VisitCommitters {
  let c = committers.get(deps);
  if (!c) {
    c = {
      open: new KeyedGroupCommitter((sessionId, visits) => openVisits(deps, sessionId, visits), { maxBatch: 1000 }),
      close: new GroupCommitter((visits) => closeVisits(deps, visits), { maxBatch: 1000 }),
    };
    committers.set(deps, c);
  }
  return c;
}

/** Resolves true once the visit is stored (false: the session is not live, so nothing is recorded). */
export const recordVisit = (deps: Deps, sessionId: string, visit: VisitOpen): Promise<boolean> =>
  committersOf(deps).open.submit(sessionId, visit);

export const closeVisit = (deps: Deps, id: string, leftAt: Date): Promise<void> =>
  committersOf(deps).close.submit({ id, leftAt });

/**
 * The visits this process has open, so a shutdown can close them before the database goes away (otherwise every
 * socket's close would arrive after it and leave its visit open, spoiling dwell time).
 */
const trackedVisits = new WeakMap<Deps, Map<string, () => Promise<void>>>();

/** Starts tracking a socket's visit; the returned `end` closes it once, whether called by the socket or a shutdown. */
export function trackVisit(deps: Deps, visitId: string, recorded: Promise<boolean>): () => Promise<void> {
  const open = trackedVisits.get(deps) ?? new Map<string, () => Promise<void>>();
  trackedVisits.set(deps, open);
  let ending: Promise<void> | null = null;
  const end = () => {
    if (!ending) {
      open.delete(visitId);
      const leftAt = deps.clock.now();
      ending = recorded.then((stored) => (stored ? closeVisit(deps, visitId, leftAt) : undefined));
    }
    return ending;
  };
  open.set(visitId, end);
  return end;
}

/** Closes every visit still open on this process (at shutdown, before the database closes). */
export async function endOpenVisits(deps: Deps): Promise<void> {
  const open = trackedVisits.get(deps);
  if (!open) return;
  await Promise.allSettled([...open.values()].map((end) => end()));
}
