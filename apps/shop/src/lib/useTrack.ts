import { useEffect, useRef } from 'react';
import { beforeUnloadFlush, type Channel, track, trackImpression, trackView, type TrackEvent } from './track.ts';

type ViewFields = Pick<TrackEvent, 'productId' | 'merchantId' | 'categoryId' | 'postId' | 'liveId' | 'communityId'>;

/**
 * One `view` per page visit, sent once the page knows what it shows (`ready`); a new id (another product,
 * another post) is another view. `source` makes the page the channel of products opened from it.
 */
export function usePageView(
  page: string,
  fields: ViewFields = {},
  opts: { ready?: boolean; source?: { channel: Channel; ref?: string } } = {},
): void {
  const ready = opts.ready ?? true;
  const key = JSON.stringify([page, fields, opts.source]);
  const latest = useRef({ page, fields, source: opts.source });
  latest.current = { page, fields, source: opts.source };
  useEffect(() => {
    if (!ready) return;
    const { page: p, fields: f, source } = latest.current;
    trackView(p, f, source);
  }, [key, ready]);
}

let observer: IntersectionObserver | undefined;
const onVisible = new WeakMap<Element, () => void>();

/** One shared observer: a card counts as seen when at least half of it is on screen. */
function sharedObserver(): IntersectionObserver | undefined {
  if (typeof IntersectionObserver === 'undefined') return undefined;
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (e.isIntersecting && e.intersectionRatio >= 0.5) onVisible.get(e.target)?.();
      }
    },
    { threshold: 0.5 },
  );
  return observer;
}

/** Attach to a product card: an `impression` (slot, position) the first time it is half visible in this page view. */
export function useImpression<T extends Element>(productId: string, slot: string | undefined, position: number) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const el = ref.current;
    const io = sharedObserver();
    if (!el || !io || !slot) return;
    onVisible.set(el, () => trackImpression(productId, slot, position));
    io.observe(el);
    return () => {
      io.unobserve(el);
      onVisible.delete(el);
    };
  }, [productId, slot, position]);
  return ref;
}

/** `live_enter` when the room opens, `live_leave` with the time spent when it closes or the page goes away. */
export function useLiveDwell(liveId: string, ready: boolean): void {
  useEffect(() => {
    if (!ready || !liveId) return;
    const enteredAt = Date.now();
    let left = false;
    track('live_enter', { liveId, channel: 'live', channelRef: liveId });
    const leave = () => {
      if (left) return;
      left = true;
      track('live_leave', { liveId, channel: 'live', channelRef: liveId, dwellMs: Date.now() - enteredAt });
    };
    const off = beforeUnloadFlush(leave);
    return () => {
      off();
      leave();
    };
  }, [liveId, ready]);
}
