import { v7 as timeOrderedId } from 'uuid';
import type { BodyOf } from '../api/client.ts';
import { readJson, writeJson } from './storage.ts';

/**
 * The shop's behaviour tracker (docs/ANALYTICS.md "Event schema"): events are queued and sent in batches to
 * `POST /api/v1/events` — every 5 s or at 20 events, and at once when the page is hidden or closed
 * (`navigator.sendBeacon`, text/plain, which survives unload). Each event gets its UUID when it happens, so a
 * batch that is retried, or a beacon that was delivered after all, is counted once by the server.
 *
 * Identities are pseudonymous: a random device id kept in localStorage and a session id that changes after
 * 30 idle minutes. The server adds the signed-in user's pseudonym; nothing personal is sent from here.
 */

type Batch = BodyOf<'/api/v1/events', 'post'>;
export type TrackEvent = Batch['events'][number];
type Fields = Omit<TrackEvent, 'id' | 'type' | 'ts'>;
export type Channel = NonNullable<TrackEvent['channel']>;

const ENDPOINT = '/api/v1/events';
const FLUSH_MS = 5_000;
const FLUSH_AT = 20;
const MAX_BATCH = 100;
/** A shop offline for long keeps at most this many events; the oldest give way (the server drops stale ones). */
const MAX_QUEUE = 500;
const SESSION_IDLE_MS = 30 * 60_000;
const DEVICE_KEY = 'haowu.track.device';
const SESSION_KEY = 'haowu.track.session';
const PENDING_KEY = 'haowu.track.pending';
const CHANNEL_KEY = 'haowu.track.channels';

interface Queued {
  sessionId: string;
  event: TrackEvent;
}

let queue: Queued[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let sending = false;
let backoffMs = 0;
const unloadHooks = new Set<() => void>();

const randomId = (): string => crypto.randomUUID();

export function deviceId(): string {
  let id = readJson<string | null>(DEVICE_KEY, null);
  if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    id = randomId();
    writeJson(DEVICE_KEY, id);
  }
  return id;
}

/** The current session: a new one after 30 minutes without an event. */
function sessionId(now: number): string {
  const s = readJson<{ id: string; last: number } | null>(SESSION_KEY, null);
  const id = s && now - s.last < SESSION_IDLE_MS ? s.id : randomId();
  writeJson(SESSION_KEY, { id, last: now });
  return id;
}

/** Queues one event; returns its id. Never throws: analytics must not break a page. */
export function track(type: TrackEvent['type'], fields: Fields = {}): string {
  const now = Date.now();
  // Time-ordered (UUIDv7): the inbox deduplicates on a unique index of event ids, and random ids land all over
  // that B-tree — about 3× the cost of an insert without it in docs/PERFORMANCE.md's side measurement — while
  // ids that rise with time append at its right edge.
  const id = timeOrderedId({ msecs: now });
  try {
    queue.push({ sessionId: sessionId(now), event: { id, type, ts: new Date(now).toISOString(), ...clean(fields) } });
    if (queue.length > MAX_QUEUE) queue = queue.slice(queue.length - MAX_QUEUE);
    if (queue.length >= FLUSH_AT) void flush();
    else schedule();
  } catch {
    // Storage or crypto unavailable: this event is lost, the page goes on.
  }
  return id;
}

function clean(fields: Fields): Fields {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}

function schedule(): void {
  if (timer || typeof window === 'undefined') return;
  timer = setTimeout(() => {
    timer = undefined;
    void flush();
  }, FLUSH_MS + backoffMs);
}

/** The next batch: events of one session, at most 100, in order. */
function takeBatch(): { batch: Batch; taken: Queued[] } | undefined {
  const first = queue[0];
  if (!first) return undefined;
  const taken: Queued[] = [];
  for (const q of queue) {
    if (q.sessionId !== first.sessionId || taken.length === MAX_BATCH) break;
    taken.push(q);
  }
  queue = queue.slice(taken.length);
  return { batch: { deviceId: deviceId(), sessionId: first.sessionId, events: taken.map((q) => q.event) }, taken };
}

/** Sends what is queued with fetch (keepalive). A failed batch goes back to the front with the same ids. */
async function flush(): Promise<void> {
  if (sending) return;
  sending = true;
  if (timer) clearTimeout(timer);
  timer = undefined;
  try {
    for (let next = takeBatch(); next; next = takeBatch()) {
      let ok: boolean;
      try {
        const res = await fetch(ENDPOINT, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(next.batch),
          credentials: 'same-origin',
          keepalive: true,
        });
        // 4xx other than 429: the batch itself is refused and resending it would be refused again.
        ok = res.ok || (res.status >= 400 && res.status < 500 && res.status !== 429);
      } catch {
        ok = false;
      }
      if (!ok) {
        queue = [...next.taken, ...queue];
        backoffMs = Math.min(60_000, backoffMs ? backoffMs * 2 : 5_000);
        break;
      }
      backoffMs = 0;
    }
  } finally {
    sending = false;
    if (queue.length > 0) schedule();
  }
}

/** The page is going away: hand everything to the browser's beacon; what it refuses is kept for next time. */
function flushOnUnload(): void {
  for (const hook of unloadHooks) hook();
  if (timer) clearTimeout(timer);
  timer = undefined;
  const left: Queued[] = [];
  for (let next = takeBatch(); next; next = takeBatch()) {
    const sent =
      typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(ENDPOINT, JSON.stringify(next.batch));
    if (!sent) left.push(...next.taken);
  }
  if (left.length > 0) writeJson(PENDING_KEY, left.slice(-MAX_QUEUE));
}

/** Runs `hook` just before the page's events are beaconed on unload (e.g. a live room's leave event). */
export function beforeUnloadFlush(hook: () => void): () => void {
  unloadHooks.add(hook);
  return () => unloadHooks.delete(hook);
}

if (typeof window !== 'undefined') {
  // Events a previous page could not beacon: same ids, so a beacon that did arrive is not counted twice.
  const pending = readJson<Queued[]>(PENDING_KEY, []);
  if (Array.isArray(pending) && pending.length > 0) {
    writeJson(PENDING_KEY, []);
    queue = pending.filter((q) => q && typeof q.sessionId === 'string' && q.event && typeof q.event.id === 'string');
    schedule();
  }
  window.addEventListener('pagehide', flushOnUnload);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushOnUnload();
  });
}

// ── Attribution: where this visit to a product came from ──────────────────────────────────────────────────

interface Source {
  channel: Channel;
  ref?: string;
}
/** The channel of the page the shopper is on (home = direct, a post, a live room …) and per-product sources. */
let pageSource: Source = { channel: 'direct' };

function productSources(): Record<string, Source> {
  try {
    const raw = sessionStorage.getItem(CHANNEL_KEY);
    return raw ? (JSON.parse(raw) as Record<string, Source>) : {};
  } catch {
    return {};
  }
}

/**
 * Records how the shopper reached a product — the same sources the shop sends to attribution as touches
 * (a post, a live room, a community card, a share or affiliate link, search) — so the product's view,
 * add-to-cart and checkout events carry it for the rest of this tab's visit.
 */
export function noteProductSource(productId: string, channel: Channel, ref?: string): void {
  try {
    const all = productSources();
    all[productId] = ref ? { channel, ref } : { channel };
    const keys = Object.keys(all);
    for (const k of keys.slice(0, Math.max(0, keys.length - 50))) delete all[k];
    sessionStorage.setItem(CHANNEL_KEY, JSON.stringify(all));
  } catch {
    // sessionStorage unavailable: the product falls back to the page it was opened from.
  }
}

/** The channel fields for an event about `productId` (or about the page when no product). */
export function channelOf(productId?: string): Pick<TrackEvent, 'channel' | 'channelRef'> {
  const s = (productId ? productSources()[productId] : undefined) ?? pageSource;
  return s.ref ? { channel: s.channel, channelRef: s.ref } : { channel: s.channel };
}

// ── Page views, impressions, clicks ───────────────────────────────────────────────────────────────────────

let pageViewId = '';
const seenImpressions = new Set<string>();
const exposed = new Set<string>();

/**
 * One page view. Pages that are channels in themselves (a post, a live room, a community) become the source of
 * the products opened from them; the home page and other pages are "direct", search results "search".
 */
export function trackView(page: string, fields: Fields = {}, source?: Source): void {
  if (source) pageSource = source;
  else if (page !== 'product') pageSource = { channel: 'direct' };
  seenImpressions.clear();
  exposed.clear();
  const withChannel = fields.productId ? { ...channelOf(fields.productId), ...fields } : { ...channelOf(), ...fields };
  pageViewId = track('view', { page, ...withChannel });
}

/** A product card at least half visible: once per card and slot per page view. */
export function trackImpression(productId: string, slot: string, position: number): void {
  const key = `${pageViewId}:${slot}:${productId}`;
  if (seenImpressions.has(key)) return;
  seenImpressions.add(key);
  track('impression', { productId, slot, position, ...channelOf() });
}

/**
 * A tap on a product in a slot; the product page that follows inherits this page's channel. On search results
 * the click carries the query it answered, so 搜索洞察 can tell which queries' results get clicked.
 */
export function trackClick(productId: string, slot: string, position: number, query?: string): void {
  track('click', { productId, slot, position, ...(query ? { query } : {}), ...channelOf() });
  if (!productSources()[productId] && pageSource.channel !== 'direct')
    noteProductSource(productId, pageSource.channel, pageSource.ref);
}

/** The shopper saw variant `variant` of `experiment` (the element is on screen): once per page view and experiment. */
export function trackExposure(experiment: string, variant: string): void {
  const key = `${experiment}:${variant}`;
  if (exposed.has(key)) return;
  exposed.add(key);
  track('exposure', { experiment, variant });
}

/** Submitting an order: one `checkout` per line (product, qty, what the line costs), each with its source. */
export function trackCheckout(quote: {
  merchants: { merchantId: string; lines: { productId: string; qty: number; payAmount: number }[] }[];
}): void {
  for (const m of quote.merchants) {
    for (const l of m.lines) {
      track('checkout', {
        productId: l.productId,
        merchantId: m.merchantId,
        qty: l.qty,
        amount: l.payAmount,
        ...channelOf(l.productId),
      });
    }
  }
}
