import type { FeedItem } from './feed.ts';

// Each shopper's ranked, re-ranked feed, kept in this process for a short while so that scrolling (pages 2..n,
// the ones with a cursor) costs no database round trip and pages stay consistent with the first one. The first
// page (no cursor: opening or pulling to refresh) always ranks afresh, so a new follow, purchase or rebuild shows
// there at once. The off-switch, a deleted tag and account forgetting drop the user's entry in this process; a
// change made through another process reaches that process's next pages within TTL_MS.

const TTL_MS = 30_000;
/** Bound on memory: the oldest entries go first (a Map iterates in insertion order). */
const MAX_ENTRIES = 20_000;

export interface CachedFeed {
  personalised: boolean;
  items: FeedItem[];
}

const entries = new Map<string, { at: number; value: CachedFeed }>();

/** `null` for the signed-out feed (the same for everyone). */
const keyOf = (userId: string | null) => userId ?? '';

export function cachedFeed(userId: string | null): CachedFeed | null {
  const key = keyOf(userId);
  const hit = entries.get(key);
  if (!hit) return null;
  if (Date.now() - hit.at >= TTL_MS) {
    entries.delete(key);
    return null;
  }
  return hit.value;
}

export function storeFeed(userId: string | null, value: CachedFeed): void {
  const key = keyOf(userId);
  entries.delete(key);
  entries.set(key, { at: Date.now(), value });
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}

export function forgetCachedFeed(userId: string): void {
  entries.delete(keyOf(userId));
}
