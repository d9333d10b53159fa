import { describe, expect, it } from 'vitest';
import { freeRange, variantFor } from './assignment.ts';

const units = Array.from({ length: 20_000 }, (_, i) => `d:device-${i}`);
const base = {
  layer: 'home',
  salt: 'salt-a',
  bucketStart: 0,
  bucketEnd: 10_000,
  variants: [
    { key: 'control', name: '对照', weight: 1 },
    { key: 'large', name: '大卡片', weight: 3 },
  ],
};

describe('assignment', () => {
  it('gives a unit the same variant every time, and splits by the weights', () => {
    const first = units.map((u) => variantFor(base, u));
    expect(units.map((u) => variantFor(base, u))).toEqual(first);
    const large = first.filter((v) => v === 'large').length / units.length;
    expect(large).toBeGreaterThan(0.74);
    expect(large).toBeLessThan(0.76);
  });

  it('lets only the experiment’s share of the layer in, and never one unit into two experiments of a layer', () => {
    const a = { ...base, salt: 'a', bucketStart: 0, bucketEnd: 3_000 };
    const b = { ...base, salt: 'b', bucketStart: 3_000, bucketEnd: 8_000 };
    const inA = units.filter((u) => variantFor(a, u) !== null);
    const inB = units.filter((u) => variantFor(b, u) !== null);
    expect(inA.length / units.length).toBeCloseTo(0.3, 1);
    expect(inB.length / units.length).toBeCloseTo(0.5, 1);
    const both = inA.filter((u) => variantFor(b, u) !== null);
    expect(both).toEqual([]);
  });

  it('is independent across layers: another layer splits the same units afresh', () => {
    const other = { ...base, layer: 'ranking', salt: 'c', bucketStart: 0, bucketEnd: 5_000 };
    const home = { ...base, bucketEnd: 5_000 };
    const inHome = units.filter((u) => variantFor(home, u) !== null);
    const inBoth = inHome.filter((u) => variantFor(other, u) !== null).length / inHome.length;
    expect(inBoth).toBeCloseTo(0.5, 1);
  });

  it('finds the lowest free range of a layer, or none', () => {
    expect(freeRange([], 5_000)).toEqual({ start: 0, end: 5_000 });
    expect(freeRange([{ start: 0, end: 5_000 }], 5_000)).toEqual({ start: 5_000, end: 10_000 });
    expect(freeRange([{ start: 2_000, end: 5_000 }], 2_000)).toEqual({ start: 0, end: 2_000 });
    expect(freeRange([{ start: 1_000, end: 5_000 }], 2_000)).toEqual({ start: 5_000, end: 7_000 });
    expect(freeRange([{ start: 0, end: 9_500 }], 1_000)).toBeNull();
  });
});
