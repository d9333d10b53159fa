/**
 * Fake-review signals (docs/TRUST.md "评价审核"). Pure: the facts about one review and its peers (the same
 * merchant's recent first reviews) in, the signals that fired out. Each signal is weak alone except the ones that
 * are close to proof (one device behind many buyers, copy-pasted text, a reward offered for the review); a review
 * is held when the weights add up to FLAG_THRESHOLD.
 */

export interface ReviewFacts {
  id: string;
  userId: string;
  merchantId: string;
  rating: number | null;
  content: string;
  createdAt: Date;
  deliveredAt: Date | null;
  ipHash: string | null;
  deviceHash: string | null;
  refundedAt: Date | null;
  /** When the reviewer's account was created (null when unknown: reviews screened before it was recorded). */
  accountCreatedAt: Date | null;
  /** Keyed digest of the order's full shipping address, from the orders module (never the address). */
  addressHash: string | null;
  /** Keyed digest of the provider's payer account that paid the order, from the payments module. */
  payerHash: string | null;
}

export type SignalCode =
  | 'shared-device'
  | 'shared-ip'
  | 'shared-address'
  | 'shared-payer'
  | 'new-account-burst'
  | 'five-star-burst'
  | 'near-duplicate'
  | 'single-merchant'
  | 'refunded-after-review'
  | 'reward-marker'
  | 'ad-law';

export interface Signal {
  code: SignalCode;
  weight: number;
  detail: string;
  /** The other reviews that make up the pattern (they are screened again with this one). */
  related: string[];
}

export const SIGNAL_LABEL: Record<SignalCode, string> = {
  'shared-device': '同一设备的多个买家',
  'shared-ip': '同一网络地址的多个买家',
  'shared-address': '多个买家同一收货地址',
  'shared-payer': '多个买家由同一支付账户付款',
  'new-account-burst': '新注册账号集中评价本店',
  'five-star-burst': '收货后短时间内集中五星',
  'near-duplicate': '与其他买家文字高度相似',
  'single-merchant': '只评价这一家店',
  'refunded-after-review': '评价后订单退款',
  'reward-marker': '出现好评返现等诱导字样',
  'ad-law': '含有广告法禁止的用语（像商家广告而非买家体验）',
};

export const FLAG_THRESHOLD = 3;
const DAY = 86_400_000;
const CLUSTER_WINDOW = 7 * DAY;
const CLUSTER_USERS = 3;
const BURST_WINDOW = 60 * 60_000;
const BURST_COUNT = 5;
const QUICK_AFTER_DELIVERY = 30 * 60_000;
const SIMILAR = 0.7;
/** An account this young at review time is "new"; this many new accounts praising one shop within days is a burst. */
const NEW_ACCOUNT = 7 * DAY;
const NEW_BURST_WINDOW = 3 * DAY;
const NEW_BURST_USERS = 5;

const REWARD =
  /(好评|五星|晒图|评价)[^，。！]{0,6}(返现|返钱|返红包|送|有礼|返)|返现|加微信返|红包返|给好评.{0,8}(元|块)/;

const normalise = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');

/** Character 3-gram shingles: word segmentation is unreliable on short reviews, shingles are not. */
export function shingles(text: string): Set<string> {
  const chars = [...normalise(text)];
  const out = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  return out;
}

const HASHES = 64;
const fnv1a = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
};
// 64 fixed (a, b) pairs: the same text always gets the same signature, in any process.
const SEEDS = Array.from({ length: HASHES }, (_, i) => [fnv1a(`a${i}`) | 1, fnv1a(`b${i}`)] as const);

/** MinHash signature of a shingle set: equal positions estimate the Jaccard similarity of two sets. */
export function minHash(set: Set<string>): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const s of set) {
    const h = fnv1a(s);
    for (let i = 0; i < HASHES; i++) {
      const v = (Math.imul(SEEDS[i]![0], h) + SEEDS[i]![1]) >>> 0;
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
}

// Praise only (4–5 stars): new buyers who complain are customers, not a campaign.
const isNewPraise = (r: ReviewFacts) => {
  if (r.accountCreatedAt === null || r.rating === null || r.rating < 4) return false;
  const age = r.createdAt.getTime() - r.accountCreatedAt.getTime();
  return age >= 0 && age <= NEW_ACCOUNT;
};

const quick = (r: ReviewFacts) =>
  r.deliveredAt !== null && r.createdAt.getTime() - r.deliveredAt.getTime() <= QUICK_AFTER_DELIVERY;

/**
 * The signals for `target` among `peers` (the same merchant's other first reviews around that time) and the
 * merchants of every first review its author wrote (`authorMerchants`, target included).
 */
export function detectSignals(
  target: ReviewFacts,
  peers: ReviewFacts[],
  authorMerchants: string[],
  signatures: Map<string, Uint32Array> = new Map(),
): Signal[] {
  const signals: Signal[] = [];
  const near = peers.filter(
    (p) => p.userId !== target.userId && Math.abs(p.createdAt.getTime() - target.createdAt.getTime()) <= CLUSTER_WINDOW,
  );
  const cluster = (
    key: 'deviceHash' | 'ipHash' | 'addressHash' | 'payerHash',
    code: SignalCode,
    weight: number,
    what: string,
  ) => {
    const value = target[key];
    if (!value) return;
    const same = near.filter((p) => p[key] === value);
    const users = new Set([target.userId, ...same.map((p) => p.userId)]);
    if (users.size >= CLUSTER_USERS)
      signals.push({
        code,
        weight,
        detail: `${users.size} 个买家 7 天内${what}评价本店`,
        related: same.map((p) => p.id),
      });
  };
  cluster('deviceHash', 'shared-device', 3, '用同一设备');
  // A campus or office shares one address: weaker than one device.
  cluster('ipHash', 'shared-ip', 2, '从同一网络地址');
  // Colleagues ship to one office: an address alone is weaker than one payment account behind several buyers.
  cluster('addressHash', 'shared-address', 2, '收货到同一地址并');
  cluster('payerHash', 'shared-payer', 3, '由同一支付账户付款并');

  if (isNewPraise(target)) {
    const fresh = near.filter(
      (p) => isNewPraise(p) && Math.abs(p.createdAt.getTime() - target.createdAt.getTime()) <= NEW_BURST_WINDOW,
    );
    const users = new Set([target.userId, ...fresh.map((p) => p.userId)]);
    if (users.size >= NEW_BURST_USERS)
      signals.push({
        code: 'new-account-burst',
        weight: 3,
        detail: `3 天内 ${users.size} 个注册不满 7 天的账号给本店好评`,
        related: fresh.map((p) => p.id),
      });
  }

  if (target.rating === 5 && quick(target)) {
    const burst = near.filter(
      (p) => p.rating === 5 && quick(p) && Math.abs(p.createdAt.getTime() - target.createdAt.getTime()) <= BURST_WINDOW,
    );
    if (burst.length + 1 >= BURST_COUNT)
      signals.push({
        code: 'five-star-burst',
        weight: 3,
        detail: `1 小时内 ${burst.length + 1} 条五星评价，都在收货 30 分钟内写下`,
        related: burst.map((p) => p.id),
      });
  }

  const sig = signatureOf(target, signatures);
  if (sig) {
    const copies = near.filter((p) => {
      const other = signatureOf(p, signatures);
      return other !== undefined && similarity(sig, other) >= SIMILAR;
    });
    if (copies.length > 0)
      signals.push({
        code: 'near-duplicate',
        weight: 3,
        detail: `与 ${copies.length} 条其他买家的评价文字高度相似`,
        related: copies.map((p) => p.id),
      });
  }

  if (authorMerchants.length >= 3 && authorMerchants.every((m) => m === target.merchantId))
    signals.push({
      code: 'single-merchant',
      weight: 1,
      detail: `该买家的 ${authorMerchants.length} 条评价都给了这一家店`,
      related: [],
    });
  if (target.refundedAt && target.refundedAt > target.createdAt)
    signals.push({ code: 'refunded-after-review', weight: 2, detail: '写下评价后订单退款', related: [] });
  const reward = REWARD.exec(normalise(target.content));
  if (reward) signals.push({ code: 'reward-marker', weight: 3, detail: `文字含「${reward[0]}」`, related: [] });
  return signals;
}

// Very short texts ("很好很好") are alike by nature; only texts with enough shingles are compared.
function signatureOf(r: ReviewFacts, cache: Map<string, Uint32Array>): Uint32Array | undefined {
  const cached = cache.get(r.id);
  if (cached) return cached;
  const set = shingles(r.content);
  if (set.size < 12) return undefined;
  const sig = minHash(set);
  cache.set(r.id, sig);
  return sig;
}

export const scoreOf = (signals: Signal[]): number => signals.reduce((s, x) => s + x.weight, 0);

/** The baseline the benchmark compares against: flag only exact duplicates (after normalising) of another buyer. */
export function duplicateTextOnly(target: ReviewFacts, peers: ReviewFacts[]): boolean {
  const mine = normalise(target.content);
  return peers.some((p) => p.userId !== target.userId && normalise(p.content) === mine);
}
