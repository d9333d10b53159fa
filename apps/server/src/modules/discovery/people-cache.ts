// Who each shopper follows and the nicknames reasons name, kept in this process for a short while so that a first
// page of the feed needs no round trip for them (the profile showed statements per page, not computation, as the
// feed's cost). A follow or unfollow reaches discovery's handler right after it commits (posts emits follow.created
// / follow.deleted; the outbox is kicked on commit), which drops that follower's entry, so in the process that
// handles the event a new follow counts on the next first page; another process sees it within TTL_MS. Nicknames
// are only names on reasons: a changed nickname shows within TTL_MS.

const TTL_MS = 30_000;
/** Bound on memory: the oldest go first (a Map iterates in insertion order). */
const MAX_ENTRIES = 20_000;

export interface Follows {
  users: string[];
  merchants: string[];
}
type Profile = { nickname: string; avatarUrl: string | null };

const follows = new Map<string, { at: number; value: Follows }>();
const profiles = new Map<string, { at: number; value: Profile | null }>();

function fresh<V>(m: Map<string, { at: number; value: V }>, key: string): { value: V } | undefined {
  const hit = m.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit;
  if (hit) m.delete(key);
  return undefined;
}

function put<V>(m: Map<string, { at: number; value: V }>, key: string, value: V): void {
  m.delete(key);
  m.set(key, { at: Date.now(), value });
  while (m.size > MAX_ENTRIES) m.delete(m.keys().next().value!);
}

export const cachedFollows = (userId: string): Follows | undefined => fresh(follows, userId)?.value;
export function rememberFollows(userId: string, value: Follows): Follows {
  put(follows, userId, value);
  return value;
}
export function forgetFollows(followerId: string): void {
  follows.delete(followerId);
}

/**
 * Nicknames of `ids` from memory, the missing ones loaded at once (`load`, accounts' publicProfiles) and
 * remembered, unknown ones too (a deleted account stays unnamed until TTL_MS).
 */
export async function profilesOf(
  ids: string[],
  load: (ids: string[]) => Promise<Map<string, Profile>>,
): Promise<Map<string, Profile>> {
  const out = new Map<string, Profile>();
  const missing: string[] = [];
  for (const id of ids) {
    const hit = fresh(profiles, id);
    if (!hit) missing.push(id);
    else if (hit.value) out.set(id, hit.value);
  }
  if (missing.length > 0) {
    const loaded = await load(missing);
    for (const id of missing) {
      const p = loaded.get(id) ?? null;
      put(profiles, id, p);
      if (p) out.set(id, p);
    }
  }
  return out;
}
