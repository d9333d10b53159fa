// What a warm first page of the feed reads about people, kept in this process so that its one statement stays
// small (bench:feed's profile: parsing each user's candidates and their followees' interactions on every first
// page was most of the feed's own CPU): each shopper's precomputed candidates (discovery_user_feeds) by build
// time — the statement still reads the off-switch and the row's build time on every first page, so a switch or a
// rebuilt row counts at once in every process — and each user's latest interactions (what the people someone
// follows bought or posted lately: the social source). Discovery's writes drop what they change in this process at
// once (precomputing or dropping a user's row, recording an interaction, forgetting them, the rebuild); another
// process's new interactions of a followed user show here within TTL_MS, as who follows whom (people-cache.ts).

import type { StoredCandidate, StoredFeed } from './schema.ts';

const TTL_MS = 30_000;
/** A row is checked against its build time on every read: kept longer, only memory bounds it. */
const ROW_TTL_MS = 10 * 60_000;
/** Bounds on memory (a user's row is ~20–40 kB of candidates): the oldest go first (a Map iterates in order). */
const MAX_USERS = 2_000;
const MAX_ACTIVITIES = 20_000;

export interface UserRow {
  /** discovery_user_feeds.built_at as text: the build these candidates are. */
  builtAt: string;
  feed: StoredFeed;
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

function fresh<V>(m: Map<string, { at: number; value: V }>, key: string, ttl = TTL_MS): V | undefined {
  const hit = m.get(key);
  if (hit && Date.now() - hit.at < ttl) return hit.value;
  if (hit) m.delete(key);
  return undefined;
}

function put<V>(m: Map<string, { at: number; value: V }>, key: string, value: V, max: number): void {
  m.delete(key);
  m.set(key, { at: Date.now(), value });
  while (m.size > max) m.delete(m.keys().next().value!);
}

export const cachedUserRow = (userId: string): UserRow | undefined => fresh(rows, userId, ROW_TTL_MS);
export const rememberUserRow = (userId: string, row: UserRow): void => put(rows, userId, row, MAX_USERS);

/** A user's latest interactions (newest first, at most the social source's per-user limit), if in memory. */
export const cachedActivity = (userId: string): Activity[] | undefined => fresh(activities, userId);
export const rememberActivity = (userId: string, list: Activity[]): void =>
  put(activities, userId, list, MAX_ACTIVITIES);

/** The user's candidates changed (or were dropped to be recomputed). */
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
