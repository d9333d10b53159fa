import type { Translate } from '../../../i18n/index.tsx';
import type { LiveChatMessage, LiveMetrics, MinutePoint } from './types.ts';

/** One frame from the room socket, as far as the console reads it; unknown types are ignored. */
export type RoomEvent =
  | { type: 'chat'; message: LiveChatMessage }
  | { type: 'removed'; messageId: string }
  | { type: 'likes'; total: number }
  | { type: 'viewers'; count: number }
  | { type: 'pin'; product: unknown }
  | { type: 'unpin' }
  | { type: 'status'; status: string }
  | { type: 'lottery'; lottery: unknown }
  | { type: 'poll'; poll: unknown }
  | { type: 'pk'; pk: unknown }
  | { type: 'flash'; flash: unknown }
  | { type: 'gmv'; total: number }
  | { type: 'metrics'; metrics: Partial<LiveMetrics> }
  | { type: 'chat-dropped'; count: number }
  /** The first frame: the room's detail and, on a staff socket, the figures. */
  | { type: 'ready'; snapshot: unknown; metrics?: LiveMetrics };

/** Batches arrive as {type:'batch', events}; direct frames (ready, ack, error) carry their own type. */
export function eventsOf(frame: unknown): RoomEvent[] {
  if (!frame || typeof frame !== 'object' || !('type' in frame)) return [];
  const f = frame as { type: string; events?: unknown };
  if (f.type === 'batch') return Array.isArray(f.events) ? (f.events as RoomEvent[]) : [];
  return [frame as RoomEvent];
}

export const CHAT_KEEP = 200;

/** The chat stream kept on screen: newest last, at most CHAT_KEEP, removed messages dropped. */
export function applyChat(list: readonly LiveChatMessage[], events: readonly RoomEvent[]): LiveChatMessage[] {
  let next = list as LiveChatMessage[];
  for (const e of events) {
    if (e.type === 'chat') {
      if (next.some((m) => m.id === e.message.id)) continue;
      next = [...next, e.message];
    } else if (e.type === 'removed') {
      next = next.filter((m) => m.id !== e.messageId);
    }
  }
  return next.length > CHAT_KEEP ? next.slice(next.length - CHAT_KEEP) : next;
}

const minuteOf = (at: number) => new Date(Math.floor(at / 60_000) * 60_000).toISOString();

/**
 * Folds live events into the dashboard figures. A `metrics` frame is the server's whole picture and replaces
 * what it carries; `gmv` and `viewers` arrive between metrics frames and move the headline figures (and the
 * current minute's point) at once, so the GMV changes within a second of a paid order.
 */
export function applyMetrics(m: LiveMetrics, events: readonly RoomEvent[], now: number): LiveMetrics {
  let next = m;
  for (const e of events) {
    if (e.type === 'metrics' || (e.type === 'ready' && e.metrics)) {
      const m: Partial<LiveMetrics> = e.type === 'metrics' ? e.metrics : e.metrics!;
      next = { ...next, ...m, series: m.series ?? next.series };
    } else if (e.type === 'gmv') {
      const gained = e.total - next.gmv;
      next = {
        ...next,
        gmv: e.total,
        series: gained > 0 ? bump(next.series, minuteOf(now), { gmv: gained }) : next.series,
      };
    } else if (e.type === 'viewers') {
      next = {
        ...next,
        viewers: e.count,
        peakViewers: Math.max(next.peakViewers, e.count),
        series: bump(next.series, minuteOf(now), { viewersAtLeast: e.count }),
      };
    }
  }
  return next;
}

function bump(
  points: readonly MinutePoint[],
  minute: string,
  by: { gmv?: number; viewersAtLeast?: number },
): MinutePoint[] {
  const i = points.findIndex((p) => Date.parse(p.minute) === Date.parse(minute));
  const current = i >= 0 ? points[i]! : { minute, viewers: 0, chats: 0, likes: 0, productClicks: 0, orders: 0, gmv: 0 };
  const updated = {
    ...current,
    gmv: current.gmv + (by.gmv ?? 0),
    viewers: Math.max(current.viewers, by.viewersAtLeast ?? 0),
  };
  if (i >= 0) return points.map((p, j) => (j === i ? updated : p));
  return [...points, updated].sort((a, b) => Date.parse(a.minute) - Date.parse(b.minute));
}

/** 12.34% from a 0–1 ratio; a dash when there is nothing to divide. */
export const percent = (ratio: number | null | undefined): string =>
  ratio == null || !Number.isFinite(ratio) ? '—' : `${(ratio * 100).toFixed(1)}%`;

/** Dwell time as 3分12秒 / 45秒 (through the caller's translate). */
export function dwell(seconds: number | null | undefined, t: Translate): string {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return m > 0 ? t('{m}分{s}秒', { m, s: s % 60 }) : t('{s}秒', { s });
}

/** A replay offset as mm:ss or h:mm:ss. */
export function offset(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  return h > 0
    ? `${h}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`
    : `${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
}

/** Time left until `iso` as m:ss (0:00 once passed). */
export function remaining(iso: string, now: number): string {
  const s = Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const MINUTE = 60_000;

/** The axis spans the points with a minute either side and at least ten minutes, so one point does not span days. */
export function timeWindow(
  points: readonly { minute: string }[],
): { min: number; max: number } | Record<string, never> {
  if (points.length === 0) return {};
  const times = points.map((p) => Date.parse(p.minute));
  const min = Math.min(...times) - MINUTE;
  return { min, max: Math.max(Math.max(...times) + MINUTE, min + 10 * MINUTE) };
}
