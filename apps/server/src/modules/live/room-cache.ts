import { and, eq, gt } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { type Actor, mayActFor } from '../../platform/auth.ts';
import { TtlCache } from '../../platform/cache.ts';
import type { Db } from '../../platform/db.ts';
import { publicProfiles } from '../accounts/api.ts';
import { type LiveSession, loadSession, type SessionRole } from './access.ts';
import { liveMutes, liveRoles } from './schema.ts';

/**
 * Per-process caches for the room's hot paths (docs/LIVE.md "Scale"): a busy room's chat and connects would
 * otherwise read the same session row, roles, mutes and profiles thousands of times a second.
 *
 * Staleness, and why it is acceptable:
 * - session row, 1 s: used only to pre-check; a cached row that does not say 'live' is re-read, and every chat
 *   batch and visit batch re-reads the status in its own transaction, so nothing is written to a room that is not live;
 * - roles and mutes, 1 s: dropped at once on the process that changes them (`forgetMutes` in muteViewer,
 *   `forgetRoles` after the team changes), so a mute or a role change holds everywhere within ~1 s;
 * - profiles, 5 s: a new nickname or avatar reaches chat lines within 5 s.
 */
const ROOM_TTL_MS = 1_000;
const PROFILE_TTL_MS = 5_000;

export type Profile = { nickname: string; avatarUrl: string | null };

class RoomCache {
  readonly sessions = new TtlCache<string, Promise<LiveSession>>({ ttlMs: ROOM_TTL_MS, maxEntries: 10_000 });
  readonly roles = new TtlCache<string, Promise<Map<string, SessionRole>>>({ ttlMs: ROOM_TTL_MS, maxEntries: 10_000 });
  readonly mutes = new TtlCache<string, Promise<Map<string, Date>>>({ ttlMs: ROOM_TTL_MS, maxEntries: 10_000 });
  readonly profiles = new TtlCache<string, Profile>({ ttlMs: PROFILE_TTL_MS, maxEntries: 100_000 });
}

const caches = new WeakMap<Deps, RoomCache>();
function cacheOf(deps: Deps): RoomCache {
  let c = caches.get(deps);
  if (!c) {
    c = new RoomCache();
    caches.set(deps, c);
  }
  return c;
}

/** One shared lookup per key: concurrent callers await the same promise, a failed one is forgotten. */
function shared<V>(cache: TtlCache<string, Promise<V>>, key: string, load: () => Promise<V>): Promise<V> {
  const hit = cache.get(key);
  if (hit) return hit;
  const value = load();
  cache.set(key, value);
  value.catch(() => {
    if (cache.get(key) === value) cache.delete(key);
  });
  return value;
}

/** The session row, at most ~1 s old when it says 'live'; re-read otherwise (a room that just started). */
export async function cachedSession(deps: Deps, sessionId: string): Promise<LiveSession> {
  const cache = cacheOf(deps).sessions;
  const session = await shared(cache, sessionId, () => loadSession(deps.database.db, sessionId));
  if (session.status === 'live') return session;
  cache.delete(sessionId);
  return loadSession(deps.database.db, sessionId);
}

export function forgetSession(deps: Deps, sessionId: string): void {
  cacheOf(deps).sessions.delete(sessionId);
}

/** The actor's role in the session, as `roleIn` answers it, from the room's role list (one query per room and second). */
export async function cachedRole(deps: Deps, actor: Actor, session: LiveSession): Promise<SessionRole | null> {
  if (actor.kind !== 'user') return null;
  if (mayActFor(actor, session.merchantId, 'live.manage')) return 'owner';
  const roles = await shared(cacheOf(deps).roles, session.id, async () => {
    const rows = await deps.database.db
      .select({ userId: liveRoles.userId, role: liveRoles.role })
      .from(liveRoles)
      .where(eq(liveRoles.sessionId, session.id));
    return new Map(rows.map((r) => [r.userId, r.role]));
  });
  return roles.get(actor.userId) ?? null;
}

export function forgetRoles(deps: Deps, sessionId: string): void {
  cacheOf(deps).roles.delete(sessionId);
}

/** When the viewer's mute ends, or null: the room's mutes still running, one query per room and second. */
export async function mutedUntil(deps: Deps, sessionId: string, userId: string): Promise<Date | null> {
  const mutes = await shared(cacheOf(deps).mutes, sessionId, async () => {
    const rows = await deps.database.db
      .select({ userId: liveMutes.userId, until: liveMutes.until })
      .from(liveMutes)
      .where(and(eq(liveMutes.sessionId, sessionId), gt(liveMutes.until, deps.clock.now())));
    return new Map(rows.map((r) => [r.userId, r.until]));
  });
  const until = mutes.get(userId);
  return until && until > deps.clock.now() ? until : null;
}

export function forgetMutes(deps: Deps, sessionId: string): void {
  cacheOf(deps).mutes.delete(sessionId);
}

/** Chat authors' public profiles: cached ones, the rest in one query. */
export async function chatProfiles(
  deps: Deps,
  userIds: string[],
  db: Db = deps.database.db,
): Promise<Map<string, Profile>> {
  const cache = cacheOf(deps).profiles;
  const found = new Map<string, Profile>();
  const missing: string[] = [];
  for (const id of new Set(userIds)) {
    const hit = cache.get(id);
    if (hit) found.set(id, hit);
    else missing.push(id);
  }
  for (const [id, profile] of await publicProfiles(db, missing)) {
    cache.set(id, profile);
    found.set(id, profile);
  }
  return found;
}
