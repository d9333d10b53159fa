// Fake-review screening vs a duplicate-text-only baseline, on a deterministic synthetic set (seeded PRNG).
// Real reviews: varied phrases, own devices, written hours to days after delivery. Injected fraud, one pattern
// each: a device farm, a copy-paste ring with small edits, a five-star burst right after delivery, reward
// markers, single-shop reviewers whose orders were refunded after the review, a burst of praise from accounts
// registered days before, rings shipping to one address or paid by one payment account. Honest look-alikes: families
// on one tablet, colleagues shipping to one office, new customers after a promotion spread over weeks.
// npm run bench:fake-reviews → bench/results/fake-reviews.json (docs/TRUST.md "虚假评价识别").
import { writeFileSync } from 'node:fs';
import {
  detectSignals,
  duplicateTextOnly,
  FLAG_THRESHOLD,
  type ReviewFacts,
  scoreOf,
} from '../../apps/server/src/modules/reviews/fraud.ts';

let state = 20261207;
const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);

const PHRASES = [
  '面料舒服，上身效果和图片一样',
  '尺码标准，按平时穿的买就行',
  '做工不错，线头处理得很干净',
  '颜色很高级，百搭',
  '洗了两次没有变形也没掉色',
  '很新鲜，味道很正',
  '甜度刚好，家里小朋友很爱吃',
  '分量足，性价比高',
  '日期很新，放心',
  '连接很稳定，没有断连',
  '续航比宣传的还久一点',
  '充电速度很快，发热也不明显',
  '物流很快，第二天就到了',
  '客服回复及时，很耐心',
  '包装有点简陋，东西本身还行',
  '和图片有色差，有点失望',
  '质量一般，对不起这个价格',
  '用了半个月，质量不错',
  '清洗很方便',
  '收到没有异味，可以直接用',
  '宝宝很喜欢，玩了一下午',
  '音质超出预期',
];
// Real buyers add their own particulars (who it is for, how long, what they compared): one phrase from the pool
// plus personal detail, so two honest reviews rarely share most of their words.
const WHO = ['给老公买的', '自己用', '送妈妈的', '宿舍用', '给孩子买的', '办公室用', '第三次回购', '朋友推荐的'];
const WHEN = ['用了三天', '用了一周', '穿了两次', '吃了半袋', '刚拆开', '用了一个月', '周末试了一下'];
const DETAIL = [
  '比上次买的厚一点',
  '颜色比照片浅',
  '声音有点大',
  '味道偏甜',
  '尺寸刚好放进柜子',
  '赠品也不错',
  '充一次用四天',
  '洗完有点起球',
];
const words = () => `${pick(WHO)}，${pick(WHEN)}，${pick(PHRASES)}，${pick(DETAIL)}。`;
const edit = (s: string) => s.replace('很', pick(['非常', '特别', '真的很'])).replace('。', pick(['！', '！！', '～']));

interface Labelled extends ReviewFacts {
  fake: boolean;
  pattern: string;
}
const all: Labelled[] = [];
let n = 0;
function add(over: Partial<Labelled> & { merchantId: string }, fake: boolean, pattern: string) {
  const createdAt = over.createdAt ?? new Date(T0 + rand() * 30 * 24 * HOUR);
  all.push({
    id: `r${n}`,
    userId: `u${n}`,
    rating: rand() < 0.75 ? 5 : pick([1, 2, 3, 4]),
    content: words(),
    createdAt,
    deliveredAt: new Date(createdAt.getTime() - (2 + rand() * 96) * HOUR),
    ipHash: `ip${Math.floor(rand() * 5000)}`,
    deviceHash: `dev${n}`,
    refundedAt: null,
    // Most accounts are months or years old; a few honest buyers signed up days before their review.
    accountCreatedAt: new Date(createdAt.getTime() - (rand() < 0.06 ? 1 + rand() * 6 : 10 + rand() * 900) * 24 * HOUR),
    addressHash: `addr${n}`,
    payerHash: `pay${n}`,
    fake,
    pattern,
    ...over,
  });
  n++;
}

const MERCHANTS = Array.from({ length: 20 }, (_, i) => `m${i}`);
for (let i = 0; i < 2000; i++) add({ merchantId: pick(MERCHANTS) }, false, 'real');
// Honest look-alikes: a family sharing one tablet (2 buyers), a 5-star day after a live sale spread over hours.
for (let i = 0; i < 20; i++) {
  const m = pick(MERCHANTS);
  const at = T0 + rand() * 30 * 24 * HOUR;
  add({ merchantId: m, deviceHash: `family${i}`, createdAt: new Date(at) }, false, 'real-family');
  add({ merchantId: m, deviceHash: `family${i}`, createdAt: new Date(at + 2 * HOUR) }, false, 'real-family');
}
for (let f = 0; f < 6; f++) {
  const m = pick(MERCHANTS);
  const at = T0 + rand() * 25 * 24 * HOUR;
  for (let k = 0; k < 5; k++)
    add({ merchantId: m, deviceHash: `farm${f}`, createdAt: new Date(at + k * 5 * HOUR) }, true, 'device-farm');
}
for (let f = 0; f < 6; f++) {
  const m = pick(MERCHANTS);
  const at = T0 + rand() * 25 * 24 * HOUR;
  const script = words() + words();
  for (let k = 0; k < 4; k++)
    add(
      { merchantId: m, content: k === 0 ? script : edit(script), createdAt: new Date(at + k * 9 * HOUR) },
      true,
      'copy-paste',
    );
}
for (let f = 0; f < 5; f++) {
  const m = pick(MERCHANTS);
  const at = T0 + rand() * 25 * 24 * HOUR;
  for (let k = 0; k < 6; k++) {
    const createdAt = new Date(at + k * 8 * 60_000);
    add(
      { merchantId: m, rating: 5, createdAt, deliveredAt: new Date(createdAt.getTime() - 10 * 60_000) },
      true,
      'five-star-burst',
    );
  }
}
for (let i = 0; i < 25; i++)
  add(
    {
      merchantId: pick(MERCHANTS),
      content: `${words()}${pick(['好评返现3元', '晒图返5元红包', '五星好评送运费险', '商家说好评有礼'])}`,
    },
    true,
    'reward-marker',
  );
for (let i = 0; i < 15; i++) {
  const m = pick(MERCHANTS);
  const userId = `shill${i}`;
  for (let k = 0; k < 3; k++) {
    const createdAt = new Date(T0 + rand() * 30 * 24 * HOUR);
    add(
      { merchantId: m, userId, createdAt, refundedAt: new Date(createdAt.getTime() + 20 * HOUR) },
      true,
      'refund-shill',
    );
  }
}

// Honest colleagues: three or four buyers shipping to one office, each with their own wallet.
for (let i = 0; i < 15; i++) {
  const m = pick(MERCHANTS);
  const at = T0 + rand() * 28 * 24 * HOUR;
  for (let k = 0; k < 3 + (i % 2); k++)
    add({ merchantId: m, addressHash: `office${i}`, createdAt: new Date(at + k * 20 * HOUR) }, false, 'real-office');
}
const DAY = 24 * HOUR;
for (let f = 0; f < 6; f++) {
  const m = pick(MERCHANTS);
  const at = T0 + rand() * 25 * 24 * HOUR;
  for (let k = 0; k < 6; k++) {
    const createdAt = new Date(at + k * 9 * HOUR);
    add(
      {
        merchantId: m,
        rating: pick([4, 5]),
        createdAt,
        accountCreatedAt: new Date(createdAt.getTime() - (1 + rand() * 4) * DAY),
      },
      true,
      'new-account-burst',
    );
  }
}
for (let f = 0; f < 6; f++) {
  const m = pick(MERCHANTS);
  const at = T0 + rand() * 25 * 24 * HOUR;
  for (let k = 0; k < 4; k++)
    add({ merchantId: m, payerHash: `ring-wallet${f}`, createdAt: new Date(at + k * 14 * HOUR) }, true, 'payer-ring');
}
// A drop address alone (weight 2) needs one more sign; these rings also review only this shop.
for (let f = 0; f < 5; f++) {
  const m = pick(MERCHANTS);
  const at = T0 + rand() * 25 * 24 * HOUR;
  for (let k = 0; k < 4; k++) {
    const userId = `drop${f}-${k}`;
    for (let j = 0; j < 3; j++)
      add(
        { merchantId: m, userId, addressHash: `drop${f}`, createdAt: new Date(at + (k * 3 + j) * 10 * HOUR) },
        true,
        'address-ring',
      );
  }
}

const byMerchant = new Map<string, Labelled[]>();
for (const r of all) byMerchant.set(r.merchantId, [...(byMerchant.get(r.merchantId) ?? []), r]);
const byUser = new Map<string, string[]>();
for (const r of all) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r.merchantId]);

function measure(flag: (r: Labelled, peers: Labelled[]) => boolean) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const missed: Record<string, number> = {};
  const wrong: Record<string, number> = {};
  const started = performance.now();
  for (const r of all) {
    const peers = byMerchant.get(r.merchantId)!.filter((p) => p.id !== r.id);
    const flagged = flag(r, peers);
    if (flagged && r.fake) tp++;
    else if (flagged) {
      fp++;
      wrong[r.pattern] = (wrong[r.pattern] ?? 0) + 1;
    } else if (r.fake) {
      fn++;
      missed[r.pattern] = (missed[r.pattern] ?? 0) + 1;
    }
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    precision: round(tp / Math.max(tp + fp, 1)),
    recall: round(tp / Math.max(tp + fn, 1)),
    tp,
    fp,
    fn,
    missedByPattern: missed,
    falseAlarmsByPattern: wrong,
    ms: Math.round(performance.now() - started),
  };
}

const signatures = new Map<string, Uint32Array>();
const result = {
  measuredAt: new Date().toISOString(),
  reviews: all.length,
  fake: all.filter((r) => r.fake).length,
  baseline: { name: 'duplicate text only (exact, normalised)', ...measure((r, peers) => duplicateTextOnly(r, peers)) },
  screening: {
    name: `signals (reviews/fraud.ts), flag at score ≥ ${FLAG_THRESHOLD}`,
    ...measure((r, peers) => scoreOf(detectSignals(r, peers, byUser.get(r.userId)!, signatures)) >= FLAG_THRESHOLD),
  },
};
writeFileSync(new URL('../results/fake-reviews.json', import.meta.url), JSON.stringify(result, null, 2) + '\n');
const line = (m: typeof result.screening) =>
  `${m.name}: precision ${m.precision}, recall ${m.recall} (tp ${m.tp}, fp ${m.fp}, fn ${m.fn}) missed ${JSON.stringify(m.missedByPattern)} false alarms ${JSON.stringify(m.falseAlarmsByPattern)}`;
console.log(`${result.reviews} reviews, ${result.fake} injected fakes`);
console.log(line(result.baseline));
console.log(line(result.screening));
