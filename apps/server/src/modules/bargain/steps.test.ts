import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bargainSteps } from './steps.ts';

describe('bargain steps', () => {
  it('reach the floor exactly at the last help, every step bounded and positive', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (seed, helps, extra) => {
          const total = 3 * helps + extra;
          const steps = bargainSteps(seed, total, helps);
          expect(steps).toHaveLength(helps);
          expect(steps.reduce((a, b) => a + b, 0)).toBe(total);
          for (const s of steps) {
            expect(s).toBeGreaterThanOrEqual(Math.floor(total / (3 * helps)));
            expect(s).toBeLessThanOrEqual(Math.ceil((3 * total) / helps));
            expect(s).toBeGreaterThan(0);
          }
        },
      ),
    );
  });

  it('are the same for the same seed (auditable) and differ between seeds', () => {
    expect(bargainSteps('abc', 5000, 5)).toEqual(bargainSteps('abc', 5000, 5));
    expect(bargainSteps('abc', 5000, 5)).not.toEqual(bargainSteps('abd', 5000, 5));
  });
});
