import { describe, expect, it } from 'vitest';
import { GroupCommitter } from './batcher.ts';

describe('GroupCommitter', () => {
  it('runs the first item alone and batches everything that arrived while it was in flight', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const c = new GroupCommitter<number, number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await gate;
      return items.map((i) => i * 10);
    });
    const first = c.submit(1);
    const rest = [2, 3, 4].map((i) => c.submit(i));
    release();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('fails every caller of a failed batch and keeps serving later ones', async () => {
    let fail = true;
    const c = new GroupCommitter<number, number>(async (items) => {
      if (fail) {
        fail = false;
        throw new Error('database down');
      }
      return items;
    });
    await expect(c.submit(1)).rejects.toThrow('database down');
    expect(await c.submit(2)).toBe(2);
  });

  it('never puts more than maxBatch items in one batch', async () => {
    const sizes: number[] = [];
    const c = new GroupCommitter<number, number>(
      async (items) => {
        sizes.push(items.length);
        return items;
      },
      { maxBatch: 3 },
    );
    await Promise.all([1, 2, 3, 4, 5, 6, 7].map((i) => c.submit(i)));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('with maxInFlight 2 starts a second batch while the first is still running', async () => {
    const started: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const c = new GroupCommitter<number, number>(
      async (items) => {
        started.push(items);
        await gate;
        return items;
      },
      { maxInFlight: 2 },
    );
    const all = [1, 2, 3].map((i) => c.submit(i));
    // Two batches run at once; the third item waits for one of them to finish.
    expect(started).toEqual([[1], [2]]);
    release();
    expect(await Promise.all(all)).toEqual([1, 2, 3]);
    expect(started).toEqual([[1], [2], [3]]);
  });
});
