/**
 * Implicit feedback as compact typed arrays: who touched what, how strongly (a view 1, a cart 3, a purchase 5 —
 * see weights.ts), and when. Dense integer ids (0…n−1) stand for users and products inside a model build.
 */
export interface InteractionLog {
  users: Int32Array;
  items: Int32Array;
  weights: Float32Array;
  /** Milliseconds since the epoch. */
  times: Float64Array;
  length: number;
}

/** Rows of a sparse matrix: for row r, columns cols[offsets[r] … offsets[r+1]) with their values. */
export interface Csr {
  offsets: Int32Array;
  cols: Int32Array;
  values: Float32Array;
  /** The latest time of each (row, column) cell. */
  lastTimes: Float64Array;
}

export function emptyLog(capacity: number): InteractionLog {
  return {
    users: new Int32Array(capacity),
    items: new Int32Array(capacity),
    weights: new Float32Array(capacity),
    times: new Float64Array(capacity),
    length: 0,
  };
}

export function pushInteraction(log: InteractionLog, user: number, item: number, weight: number, time: number): void {
  const i = log.length++;
  log.users[i] = user;
  log.items[i] = item;
  log.weights[i] = weight;
  log.times[i] = time;
}

/** The part of a log before `until` (training) or from it on (evaluation). */
export function splitAt(log: InteractionLog, until: number): { before: InteractionLog; after: InteractionLog } {
  const before = emptyLog(log.length);
  const after = emptyLog(log.length);
  for (let i = 0; i < log.length; i++) {
    pushInteraction(
      log.times[i]! < until ? before : after,
      log.users[i]!,
      log.items[i]!,
      log.weights[i]!,
      log.times[i]!,
    );
  }
  return { before, after };
}

/**
 * Groups a log by row (users or items), summing the weights of repeated cells. With `maxPerRow`, only a row's
 * most recent cells are kept: a heavy user's thousandth view says little, and pair counting is quadratic in it.
 */
export function toCsr(log: InteractionLog, rows: number, by: 'user' | 'item', maxPerRow = Infinity): Csr {
  const rowOf = by === 'user' ? log.users : log.items;
  const colOf = by === 'user' ? log.items : log.users;
  const counts = new Int32Array(rows + 1);
  for (let i = 0; i < log.length; i++) counts[rowOf[i]! + 1]!++;
  for (let r = 0; r < rows; r++) counts[r + 1]! += counts[r]!;
  const order = new Int32Array(log.length);
  const fill = counts.slice(0, rows);
  for (let i = 0; i < log.length; i++) order[fill[rowOf[i]!]!++] = i;

  const offsets = new Int32Array(rows + 1);
  const cols: number[] = [];
  const values: number[] = [];
  const lastTimes: number[] = [];
  const cell = new Map<number, number>();
  for (let r = 0; r < rows; r++) {
    cell.clear();
    const start = cols.length;
    for (let k = counts[r]!; k < counts[r + 1]!; k++) {
      const i = order[k]!;
      const c = colOf[i]!;
      const at = cell.get(c);
      if (at === undefined) {
        cell.set(c, cols.length);
        cols.push(c);
        values.push(log.weights[i]!);
        lastTimes.push(log.times[i]!);
      } else {
        values[at]! += log.weights[i]!;
        if (log.times[i]! > lastTimes[at]!) lastTimes[at] = log.times[i]!;
      }
    }
    if (cols.length - start > maxPerRow) {
      const kept = cols
        .slice(start)
        .map((c, j) => ({ c, v: values[start + j]!, t: lastTimes[start + j]! }))
        .sort((a, b) => b.t - a.t)
        .slice(0, maxPerRow);
      cols.length = values.length = lastTimes.length = start;
      for (const k of kept) {
        cols.push(k.c);
        values.push(k.v);
        lastTimes.push(k.t);
      }
    }
    offsets[r + 1] = cols.length;
  }
  return {
    offsets,
    cols: Int32Array.from(cols),
    values: Float32Array.from(values),
    lastTimes: Float64Array.from(lastTimes),
  };
}
