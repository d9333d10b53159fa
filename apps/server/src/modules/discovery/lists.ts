import type { Db } from '../../platform/db.ts';

// Lists every request of a process shares (bestsellers, new arrivals, category names), kept in memory for a short
// while instead of being queried per request. A change this process learns (an item synced, a rebuild) drops them
// at once; another process's change shows within TTL_MS.

const TTL_MS = 30_000;
let version = 0;
type Entry = { version: number; at: number; value: Promise<unknown> };
const entries = new WeakMap<Db, Map<string, Entry>>();

export function invalidateSharedLists(): void {
  version++;
}

export function sharedList<T>(db: Db, key: string, load: () => Promise<T>): Promise<T> {
  let byKey = entries.get(db);
  if (!byKey) entries.set(db, (byKey = new Map<string, Entry>()));
  const hit = byKey.get(key);
  if (hit && hit.version === version && Date.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
  // Keys carrying the minute (new arrivals depend on the time) would otherwise pile up: expired ones go here.
  for (const [k, e] of byKey) if (e.version !== version || Date.now() - e.at >= TTL_MS) byKey.delete(k);
  const value = load();
  byKey.set(key, { version, at: Date.now(), value });
  value.catch(() => byKey.delete(key));
  return value;
}
