import type { Deps } from '../deps.ts';
import { type BehaviourEvent, eventRow, historyMarker, loadHistoryIntoEngine } from '../modules/analytics/api.ts';
import { getProductBriefs } from '../modules/catalog/api.ts';
import { Random } from './random.ts';

/**
 * Demo behaviour history (docs/ANALYTICS.md "Demo history"): ~1.2M shop events over the seed's 90 days, so the
 * 大屏, funnels and retention have something to show on a fresh install. Synthetic visitors (ids `demo-…`) browse
 * the real catalogue: hour-of-day and weekday rhythm, a 双12 warm-up weekend, a channel mix, loyal, casual and
 * churned visitors, and the view → click → add_to_cart → checkout funnel.
 *
 * Honesty: every row is marked `props = {"demo":1}`, and there is never an order, pay or refund row among them —
 * purchases in analytics come only from the real orders the seed places through the order services, so sales
 * figures stay true. Deterministic (fixed PRNG seed) and skipped with SEED_EVENTS=0.
 */

const PRNG_SEED = 20_261_212;
const DAY = 86_400_000;
const BEIJING = 8 * 3_600_000;
const CHUNK = 100_000;
const DEMO_PROPS = JSON.stringify({ demo: 1 });
/** The engine watermark stream that records how many history events the engine already holds. */
const MARKER = 'demo-history';

/** Share of sessions by hour of the Beijing day: quiet at night, lunch and evening peaks. */
const HOUR_WEIGHTS = [3, 1.5, 1, 0.6, 0.5, 0.6, 1.2, 2.5, 4, 5, 5.5, 6, 7.5, 7, 5.5, 5, 5, 5.5, 6, 7, 8.5, 10, 9.5, 6];
/** Monday … Sunday. */
const WEEKDAY_WEIGHTS = [0.9, 0.88, 0.9, 0.95, 1.05, 1.3, 1.25];
const CHANNELS = [
  ['direct', 0.3],
  ['search', 0.2],
  ['post', 0.2],
  ['live', 0.12],
  ['community', 0.08],
  ['share', 0.1],
] as const;
type Channel = (typeof CHANNELS)[number][0];
const LANDING: Record<Channel, { page: string; slot: string }> = {
  direct: { page: 'home', slot: 'home.feed.sales' },
  search: { page: 'search', slot: 'search.results' },
  post: { page: 'post', slot: 'post.products' },
  live: { page: 'live', slot: 'live.products' },
  community: { page: 'community', slot: 'community.chat' },
  share: { page: 'product', slot: 'product.similar' },
};
const QUERIES = ['面霜', '防晒', '卫衣', '炒锅', '充电器', '眼影', '洗面奶', '零食', '茶叶', '耳机', '保温杯', '口红'];
const ZERO_QUERIES = ['无人机', '钢琴', '轮胎', '显卡'];
const PLATFORMS = ['ios', 'ios', 'ios', 'ios', 'android', 'android', 'android', 'android', 'desktop', 'other'] as const;

interface Visitor {
  n: number;
  first: number;
  kind: 'loyal' | 'casual' | 'churned';
  pid: string | null;
  device: string;
  platform: (typeof PLATFORMS)[number];
}

interface CatalogueItem {
  productId: string;
  merchantId: string;
  categoryId: string;
  price: number;
}

export async function seedBehaviourHistory(
  deps: Deps,
  input: { productIds: string[]; from: Date; until: Date },
  progress: (line: string) => void,
): Promise<{ events: number; seconds: number } | undefined> {
  const target = deps.config.SEED_EVENTS;
  if (target === 0 || input.productIds.length === 0) return undefined;
  const started = performance.now();
  const briefs = await getProductBriefs(deps.database.db, input.productIds);
  const catalogue: CatalogueItem[] = input.productIds.flatMap((id) => {
    const b = briefs.get(id);
    return b ? [{ productId: id, merchantId: b.merchantId, categoryId: b.categoryId, price: b.minPrice }] : [];
  });
  const history = new HistoryGenerator(catalogue, input.from, input.until);
  // Straight into the engine in the loader's format, chunk by chunk, each chunk with the count so far in the same
  // engine transaction: the generator is deterministic, so a restart skips what the engine has and goes on.
  // The rows never enter the inbox, so the loader can never copy them a second time.
  const marker = await historyMarker(deps.analytics, MARKER);
  const done = marker ? Number((JSON.parse(marker) as { written?: number }).written ?? 0) : 0;
  let written = 0;
  let batch: BehaviourEvent[] = [];
  const flush = async () => {
    written += batch.length;
    await loadHistoryIntoEngine(deps.analytics, batch, { stream: MARKER, value: JSON.stringify({ written }) });
    batch = [];
    if (written % 500_000 === 0) progress(`[seed] 行为事件 ${written}/${target}（演示数据）`);
  };
  for (const e of history.events(target)) {
    if (written + batch.length < done) {
      written++;
      continue;
    }
    batch.push(e);
    if (batch.length === CHUNK) await flush();
  }
  if (batch.length > 0) await flush();
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  progress(
    `[seed] 行为事件 ${written} 条（90 天演示浏览数据，标记 demo，不含任何下单、支付、退款），写入并载入分析引擎用时 ${seconds} 秒`,
  );
  return { events: written, seconds };
}

/** The generator on its own (deterministic): visitors, their sessions, and each session's events in time order. */
export class HistoryGenerator {
  private readonly rng = new Random(PRNG_SEED);
  private readonly catalogue: CatalogueItem[];
  private readonly productCdf: number[];
  private readonly dayCdf: number[];
  private readonly hourCdf: number[];
  private readonly days: number;
  private readonly start: number;
  private readonly campaign: Set<number>;
  private seq = 0;

  constructor(catalogue: CatalogueItem[], from: Date, until: Date) {
    // Popularity is long-tailed: a few products get most of the attention.
    this.catalogue = new Random(PRNG_SEED + 1).shuffle(catalogue);
    this.productCdf = cdf(this.catalogue.map((_, i) => 1 / (i + 4) ** 0.9));
    this.start = Math.floor(from.getTime() / DAY) * DAY - BEIJING;
    this.days = Math.max(1, Math.floor((until.getTime() - this.start) / DAY));
    this.campaign = warmUpWeekend(this.start, this.days);
    this.dayCdf = cdf(
      Array.from({ length: this.days }, (_, d) => {
        const weekday = (new Date(this.start + d * DAY + BEIJING).getUTCDay() + 6) % 7;
        const growth = 1 + (0.35 * d) / this.days;
        return WEEKDAY_WEIGHTS[weekday]! * growth * (this.campaign.has(d) ? 3.2 : 1);
      }),
    );
    this.hourCdf = cdf(HOUR_WEIGHTS);
  }

  /** The days (0-based from the start) of the campaign weekend. */
  campaignDays(): number[] {
    return [...this.campaign];
  }

  *events(target: number): Generator<BehaviourEvent> {
    let n = 0;
    for (let v = 0; n < target; v++) {
      const visitor = this.visitor(v);
      for (const day of this.sessionDays(visitor)) {
        for (const e of this.session(visitor, day)) {
          yield e;
          if (++n >= target) return;
        }
      }
    }
  }

  private visitor(n: number): Visitor {
    const r = this.rng.next();
    const kind = r < 0.12 ? 'loyal' : r < 0.5 ? 'casual' : 'churned';
    const device = `demo-d${n.toString(36)}`;
    const signedIn = kind !== 'churned' ? this.rng.chance(0.8) : this.rng.chance(0.35);
    return {
      n,
      first: pick(this.dayCdf, this.rng.next()),
      kind,
      pid: signedIn ? `u_demo${n.toString(36)}` : null,
      device,
      platform: this.rng.pick(PLATFORMS),
    };
  }

  /** Loyal visitors come back most weeks, casual ones less and less, churned ones once or twice. */
  private sessionDays(v: Visitor): number[] {
    const days = [v.first];
    if (v.kind === 'churned') {
      if (this.rng.chance(0.3)) days.push(v.first + this.rng.int(1, 6));
    } else {
      for (let week = 1; v.first + week * 7 < this.days; week++) {
        const p = v.kind === 'loyal' ? 0.85 : 0.55 * 0.75 ** week;
        if (!this.rng.chance(p)) {
          if (v.kind === 'casual') break;
          continue;
        }
        const visits = v.kind === 'loyal' ? this.rng.int(1, 3) : 1;
        for (let i = 0; i < visits; i++) days.push(v.first + week * 7 + this.rng.int(-3, 3));
      }
    }
    // The campaign weekend brings visitors back.
    for (const d of this.campaign) if (d > v.first && this.rng.chance(v.kind === 'churned' ? 0.1 : 0.45)) days.push(d);
    return days.filter((d) => d >= 0 && d < this.days).sort((a, b) => a - b);
  }

  private *session(v: Visitor, day: number): Generator<BehaviourEvent> {
    const rng = this.rng;
    const channel = pickWeighted(CHANNELS, rng.next());
    const landing = LANDING[channel];
    const sessionId = `demo-s${(this.seq++).toString(36)}`;
    let t = this.start + day * DAY + pick(this.hourCdf, rng.next()) * 3_600_000 + rng.int(0, 3_599_999);
    const base = { userPid: v.pid, deviceId: v.device, sessionId, platform: v.platform, props: DEMO_PROPS };
    const ev = (type: BehaviourEvent['type'], fields: Partial<BehaviourEvent>): BehaviourEvent => {
      t += rng.int(3_000, 45_000);
      const at = new Date(t);
      return eventRow({ ...base, ...fields, id: `demo-${(this.seq++).toString(36)}`, type, ts: at, receivedAt: at });
    };
    const ch = { channel };
    const eager = v.kind === 'loyal' ? 1.5 : v.kind === 'churned' ? 0.6 : 1;

    if (channel === 'share') {
      const p = this.product();
      yield ev('view', { ...ch, ...this.productFields(p), slot: 'product' });
      yield* this.consider(ev, p, ch, eager);
    } else {
      yield ev('view', { ...ch, slot: landing.page });
      if (channel === 'search') {
        const zero = rng.chance(0.05);
        yield ev('search', {
          ...ch,
          query: zero ? rng.pick(ZERO_QUERIES) : rng.pick(QUERIES),
          results: zero ? 0 : rng.int(3, 60),
        });
        if (zero) return;
      }
      const liveEnter = channel === 'live' ? t : 0;
      if (channel === 'live') yield ev('live_enter', ch);
      const shown = rng.int(4, 12);
      const products = Array.from({ length: shown }, () => this.product());
      for (const [position, p] of products.entries())
        yield ev('impression', { ...ch, ...this.productFields(p), slot: landing.slot, position });
      for (const [position, p] of products.entries()) {
        // Click-through falls with the position on the screen.
        if (!rng.chance((0.16 * eager) / (1 + position * 0.25))) continue;
        yield ev('click', { ...ch, ...this.productFields(p), slot: landing.slot, position });
        yield ev('view', { ...ch, ...this.productFields(p), slot: 'product' });
        yield* this.consider(ev, p, ch, eager);
      }
      if (channel === 'live') yield ev('live_leave', { ...ch, dwellMs: Math.max(1000, t - liveEnter) });
    }
  }

  /** On a product page: sometimes into the cart, sometimes on to checkout. Never an order or payment. */
  private *consider(
    ev: (type: BehaviourEvent['type'], fields: Partial<BehaviourEvent>) => BehaviourEvent,
    p: CatalogueItem,
    ch: { channel: Channel },
    eager: number,
  ): Generator<BehaviourEvent> {
    if (!this.rng.chance(0.14 * eager)) return;
    const qty = this.rng.chance(0.85) ? 1 : 2;
    yield ev('add_to_cart', { ...ch, ...this.productFields(p), qty });
    if (!this.rng.chance(0.38)) return;
    yield ev('checkout', { ...ch, ...this.productFields(p), qty, amount: p.price * qty });
  }

  private product(): CatalogueItem {
    return this.catalogue[pick(this.productCdf, this.rng.next())]!;
  }

  private productFields(p: CatalogueItem): Partial<BehaviourEvent> {
    return { productId: p.productId, merchantId: p.merchantId, categoryId: p.categoryId };
  }
}

/** The Saturday and Sunday of the last full weekend at least 5 days before the end: the 双12 warm-up. */
function warmUpWeekend(start: number, days: number): Set<number> {
  for (let d = days - 6; d > 0; d--) {
    const weekday = (new Date(start + d * DAY + BEIJING).getUTCDay() + 6) % 7;
    if (weekday === 6) return new Set([d - 1, d]);
  }
  return new Set();
}

function cdf(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return weights.map((w) => (acc += w / total));
}

/** Index of the first cumulative weight ≥ u (binary search). */
function pick(cdfs: readonly number[], u: number): number {
  let lo = 0;
  let hi = cdfs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdfs[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function pickWeighted<T>(items: readonly (readonly [T, number])[], u: number): T {
  let acc = 0;
  for (const [item, w] of items) {
    acc += w;
    if (u < acc) return item;
  }
  return items[items.length - 1]![0];
}
