import { describe, expect, it } from 'vitest';
import { BUCKETS, bucketOf } from './assignment.ts';

describe('bucketOf', () => {
  it('is stable per unit and salt, spreads units evenly, and independent salts split independently', () => {
    expect(bucketOf('exp-a', 'u_1')).toBe(bucketOf('exp-a', 'u_1'));
    const counts = new Array<number>(10).fill(0);
    let sameHalf = 0;
    for (let i = 0; i < 20_000; i++) {
      const b = bucketOf('exp-a', `u_${i}`);
      counts[Math.floor((b * 10) / BUCKETS)]!++;
      if (b < BUCKETS / 2 === bucketOf('exp-b', `u_${i}`) < BUCKETS / 2) sameHalf++;
    }
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200);
    expect(Math.abs(sameHalf - 10_000)).toBeLessThan(400);
  });
});
