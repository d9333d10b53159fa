// What a warm first page of the feed reads about people, kept in this process for a short while so that it needs
// no statement at all (the profile showed statements per page as the feed's cost, not ranking): each shopper's
// off-switch and precomputed candidates (discovery_user_feeds), and each user's latest interactions (what the
// people someone follows bought or posted lately — the social source). Every write discovery makes drops the
// entries it changes, in this process and at once: the off-switch, precomputing a user's candidates (their
// purchase or post, a deleted tag, the rebuild job), dropping their row, recording an interaction, forgetting
// them. A change made by another process shows here within TTL_MS, as for who follows whom (people-cache.ts).

import type { StoredCandidate, StoredFeed } from './schema.ts';

const TTL_MS = 30_000;
/** Bounds on memory (a user's row is ~20–40 kB of candidates): the oldest go first (a Map iterates in order). */
const MAX_USERS = 2_000;
const MAX_ACTIVITIES = 20_000;

export interface UserRow {
  personalised: boolean;
  /** null: not precomputed yet (the feed computes and stores it, then remembers it here). */
  feed: StoredFeed | null;
}

/** One of a user's latest interactions, with the item's features (as the social source needs them). */
export interface Activity {
  userId: string;
  kind: 'bought' | 'posted';
  weight: number;
  lastAt: number;
  item: StoredCandidate;
}

const rows = new Map<string, { at: number; value: UserRow }>();
const activities = new Map<string, { at: number; value: Activity[] }>();

function fresh<V>(m: Map<string, { at: number; value: V }>, key: string): V | undefined {
  const hit = m.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  if (hit) m.delete(key);
  return undefined;
}

function put<V>(m: Map<string, { at: number; value: V }>, key: string, value: V, max: number): void {
  m.delete(key);
  m.set(key, { at: Date.now(), value });
  while (m.size > max) m.delete(m.keys().next().value!);
}

export const cachedUserRow = (userId: string): UserRow | undefined => fresh(rows, userId);
export const rememberUserRow = (userId: string, row: UserRow): void => put(rows, userId, row, MAX_USERS);

/** A user's latest interactions (newest first, at most the social source's per-user limit), if in memory. */
export const cachedActivity = (userId: string): Activity[] | undefined => fresh(activities, userId);
export const rememberActivity = (userId: string, list: Activity[]): void =>
  put(activities, userId, list, MAX_ACTIVITIES);

/** The user's settings or candidates changed (or are about to be recomputed). */
export function forgetUserRows(userIds: string[]): void {
  for (const id of userIds) rows.delete(id);
}

/** The user's interactions changed: the feeds of the people who follow them read them again. */
export function forgetActivity(userId: string): void {
  activities.delete(userId);
}

/** The rebuild rewrote every row and the items' features (popularity): everything is read again. */
export function forgetAllUsers(): void {
  rows.clear();
  activities.clear();
}
