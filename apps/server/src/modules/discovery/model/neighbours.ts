import type { Csr } from './interactions.ts';

/** Each item's K most similar items, as flat arrays: item i's list is ids[i*k … i*k+k), -1 where it ends. */
export interface Neighbours {
  k: number;
  ids: Int32Array;
  scores: Float32Array;
}

/**
 * Item-to-item cosine similarity over users' (log-damped) interaction weights — "people who bought/viewed this
 * also bought/viewed". Computed by walking each item's users and their items into a dense accumulator, so the
 * cost is Σ over users of (items per user)², bounded by the per-user cap of the CSR, never items².
 * `minCommon` drops pairs seen together by fewer users: one shopper's odd basket is not a pattern.
 */
export function itemNeighbours(byItem: Csr, byUser: Csr, items: number, k: number, minCommon = 2): Neighbours {
  const norms = new Float64Array(items);
  for (let i = 0; i < items; i++) {
    let s = 0;
    for (let p = byItem.offsets[i]!; p < byItem.offsets[i + 1]!; p++) s += damp(byItem.values[p]!) ** 2;
    norms[i] = Math.sqrt(s);
  }
  const acc = new Float64Array(items);
  const common = new Int32Array(items);
  const touched = new Int32Array(items);
  const ids = new Int32Array(items * k).fill(-1);
  const scores = new Float32Array(items * k);
  const best = new TopK(k);
  for (let i = 0; i < items; i++) {
    let nTouched = 0;
    for (let p = byItem.offsets[i]!; p < byItem.offsets[i + 1]!; p++) {
      const u = byItem.cols[p]!;
      const wi = damp(byItem.values[p]!);
      for (let q = byUser.offsets[u]!; q < byUser.offsets[u + 1]!; q++) {
        const j = byUser.cols[q]!;
        if (j === i) continue;
        if (common[j] === 0) touched[nTouched++] = j;
        common[j]!++;
        acc[j]! += wi * damp(byUser.values[q]!);
      }
    }
    best.clear();
    for (let t = 0; t < nTouched; t++) {
      const j = touched[t]!;
      if (common[j]! >= minCommon) best.offer(j, acc[j]! / (norms[i]! * norms[j]! || 1));
      acc[j] = 0;
      common[j] = 0;
    }
    best.writeSorted(ids, scores, i * k);
  }
  return { k, ids, scores };
}

/** Repeated views add up, but the tenth view of a thing is not ten times the first. */
const damp = (w: number): number => Math.log1p(w);

/** The k largest (id, score) pairs seen, kept in a small min-heap. */
class TopK {
  private readonly k: number;
  private readonly ids: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;
  constructor(k: number) {
    this.k = k;
    this.ids = new Int32Array(k);
    this.scores = new Float64Array(k);
  }
  clear(): void {
    this.size = 0;
  }
  offer(id: number, score: number): void {
    if (this.size < this.k) {
      this.ids[this.size] = id;
      this.scores[this.size] = score;
      this.siftUp(this.size++);
    } else if (score > this.scores[0]!) {
      this.ids[0] = id;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }
  /** Writes the pairs best first into out arrays at `at`. */
  writeSorted(outIds: Int32Array, outScores: Float32Array, at: number): void {
    const order = Array.from({ length: this.size }, (_, i) => i).sort((a, b) => this.scores[b]! - this.scores[a]!);
    order.forEach((h, r) => {
      outIds[at + r] = this.ids[h]!;
      outScores[at + r] = this.scores[h]!;
    });
  }
  entries(): { id: number; score: number }[] {
    return Array.from({ length: this.size }, (_, i) => ({ id: this.ids[i]!, score: this.scores[i]! })).sort(
      (a, b) => b.score - a.score,
    );
  }
  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.scores[parent]! <= this.scores[i]!) return;
      this.swap(i, parent);
      i = parent;
    }
  }
  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.scores[l]! < this.scores[m]!) m = l;
      if (r < this.size && this.scores[r]! < this.scores[m]!) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
  private swap(a: number, b: number): void {
    [this.ids[a], this.ids[b]] = [this.ids[b]!, this.ids[a]!];
    [this.scores[a], this.scores[b]] = [this.scores[b]!, this.scores[a]!];
  }
}
