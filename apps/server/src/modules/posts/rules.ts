import { createHash } from 'node:crypto';
import { isOwnMediaUrl } from '../../platform/media.ts';

export const MAX_TITLE_CHARS = 40;
export const MAX_BODY_CHARS = 1000;
export const MAX_POST_IMAGES = 9;
export const MAX_TAGGED_PRODUCTS = 9;
export const MAX_TOPICS = 5;
const MAX_TOPIC_CHARS = 20;
export const MAX_COMMENT_CHARS = 300;

/** #话题# in the body (小红书 style: a hash on both sides) plus the ones picked explicitly; deduplicated, at most 5. */
export function topicsOf(body: string, picked: string[]): string[] {
  const found = [...body.matchAll(/#([^#\s]{1,20})#/gu)].map((m) => m[1]!);
  const all = [...picked, ...found]
    .map((t) => t.trim().replace(/^#|#$/g, ''))
    .filter((t) => t.length > 0 && [...t].length <= MAX_TOPIC_CHARS);
  return [...new Set(all)].slice(0, MAX_TOPICS);
}

export const isVideoUrl = (url: string): boolean => isOwnMediaUrl(url) && /\.(mp4|webm)$/.test(url);

/** Shanghai calendar day, the unit of "once per day" counting. */
export const shanghaiDay = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A signed-out visitor's id (the shop's per-browser X-Device-Id, or the hw_vid cookie): random, never personal. */
export const VISITOR_COOKIE = 'hw_vid';
const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The post_views key of a signed-out visitor: a hash of their random browser id, so the views table holds
 * nothing that links back to a device id stored elsewhere (bargain helps keep the raw one). Ids that do not look
 * like ours (missing, too short, the shop's 'no-storage' fallback) give null: such a view cannot be deduplicated,
 * so it is not counted.
 */
export function visitorKey(visitorId: string | undefined): string | null {
  if (!visitorId || !VISITOR_ID.test(visitorId)) return null;
  return `anon:${createHash('sha256').update(`post-view:${visitorId}`).digest('base64url').slice(0, 22)}`;
}
