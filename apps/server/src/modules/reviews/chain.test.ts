import { describe, expect, it } from 'vitest';
import { type ChainRow, GENESIS_HASH, replyHash, reviewHash, verifyChain } from './chain.ts';

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const row = {
      id: `rev_${i}`,
      productId: 'prd_1',
      skuId: 'sku_1',
      merchantId: 'mer_1',
      orderId: `ord_${i}`,
      orderLineId: `orl_${i}`,
      userId: `usr_${i}`,
      specText: '50ml',
      kind: 'initial',
      parentId: null,
      ratingQuality: 5,
      ratingLogistics: 4,
      ratingService: 5,
      rating: 5,
      content: `第 ${i} 条评价`,
      images: [],
      anonymous: false,
      seq: i,
      prevHash: prev,
      createdAt: new Date(Date.UTC(2026, 10, i)),
    };
    const contentHash = reviewHash(row);
    rows.push({ ...row, contentHash });
    prev = contentHash;
  }
  return rows;
}
const headOf = (rows: ChainRow[]) => ({ seq: rows.length, headHash: rows[rows.length - 1]!.contentHash });

describe('review hash chain', () => {
  it('accepts an untouched chain, and an empty one', () => {
    const rows = chain(3);
    expect(verifyChain(rows, new Map(), headOf(rows))).toEqual({ ok: true, count: 3, headHash: rows[2]!.contentHash });
    expect(verifyChain([], new Map(), undefined)).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
  });

  it('catches an edited review even when its stored hash was recomputed', () => {
    const rows = chain(3);
    const edited = { ...rows[1]!, rating: 1 };
    expect(verifyChain([rows[0]!, edited, rows[2]!], new Map(), headOf(rows))).toMatchObject({
      ok: false,
      broken: { reviewId: 'rev_2', reason: 'content-changed' },
    });
    const rehashed = { ...edited, contentHash: reviewHash(edited) };
    expect(verifyChain([rows[0]!, rehashed, rows[2]!], new Map(), headOf(rows))).toMatchObject({
      ok: false,
      broken: { reviewId: 'rev_3', reason: 'prev-hash-mismatch' },
    });
  });

  it('catches a removed last review through the chain head', () => {
    const rows = chain(3);
    expect(verifyChain(rows.slice(0, 2), new Map(), headOf(rows))).toMatchObject({
      ok: false,
      broken: { reason: 'head-mismatch' },
    });
  });

  it('binds a merchant reply to the review it answers', () => {
    const rows = chain(2);
    const reply = {
      reviewId: 'rev_1',
      merchantId: 'mer_1',
      userId: 'usr_m',
      content: '谢谢支持',
      createdAt: new Date(Date.UTC(2026, 10, 5)),
    };
    const stored = { ...reply, contentHash: replyHash(reply, rows[0]!.contentHash) };
    expect(verifyChain(rows, new Map([['rev_1', stored]]), headOf(rows)).ok).toBe(true);
    const moved = { ...stored, reviewId: 'rev_2' };
    expect(verifyChain(rows, new Map([['rev_2', moved]]), headOf(rows))).toMatchObject({
      ok: false,
      broken: { reviewId: 'rev_2', reason: 'reply-changed' },
    });
  });
});
