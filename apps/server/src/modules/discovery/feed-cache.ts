// Each shopper's ranked list (with reasons) and the part of it already checked against the live catalogue, kept in
// this process for a short while: scrolling on (pages 2..n, the ones with a cursor) then costs no database round
// trip while the checked part covers the page, and one step of catalogue checks (briefs, stock, shops at once)
// each time it has to grow (it at least doubles); pages stay consistent with the first one. The first page (no
// cursor: opening or pulling to refresh) always ranks afresh, so a new follow (posts emits follow.created only
// through the outbox, after the request), purchase or rebuild shows there at once. The off-switch, a deleted tag
// and forgetting the account drop the user's entry in this process; a change made through another process reaches
// that process's next pages within TTL_MS.

const TTL_MS = 30_000;
/** Bound on memory (an entry is up to a few hundred kB): the oldest go first (a Map iterates in insertion order). */
const MAX_ENTRIES = 1_000;

const entries = new Map<string, { at: number; value: unknown }>();

/** `null` for the signed-out feed (the same for everyone). */
const keyOf = (userId: string | null) => userId ?? '';

/** The caller's (feed.ts's) state type: kept generic so this file does not import feed.ts back. */
export function cachedFeed<T>(userId: string | null): T | null {
  const key = keyOf(userId);
  const hit = entries.get(key);
  if (!hit) return null;
  if (Date.now() - hit.at >= TTL_MS) {
    entries.delete(key);
    return null;
  }
  return hit.value as T;
}

export function storeFeed(userId: string | null, value: unknown): void {
  const key = keyOf(userId);
  entries.delete(key);
  entries.set(key, { at: Date.now(), value });
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}

export function forgetCachedFeed(userId: string): void {
  entries.delete(keyOf(userId));
}
