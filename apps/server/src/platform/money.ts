/** Money is integer fen. These helpers keep every split summing exactly to its total. */

/**
 * Splits `total` fen across `weights` in proportion, by largest remainder:
 * floor every share, then hand the leftover fen to the largest fractional parts (ties to the earlier line).
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total)) throw new Error(`allocate: total must be an integer, got ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum <= 0) {
    // Nothing to weigh by: equal shares.
    return allocate(
      total,
      weights.map(() => 1),
    );
  }
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const exact = weights.map((w) => (abs * w) / sum);
  const shares = exact.map(Math.floor);
  let left = abs - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, frac: e - Math.floor(e) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares.map((s) => s * sign);
}

/** ¥12.30 style display for logs and messages. */
export const formatYuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;

/** Fen as the decimal yuan string payment providers take ("12.30"), without going through a float. */
export function fenToYuanString(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`fenToYuanString: not an integer: ${fen}`);
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parses a provider's yuan amount ("12.3", "-0.01", "+12.30") into fen exactly; throws on anything else. */
export function yuanStringToFen(yuan: string): number {
  const m = /^([-+]?)(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) throw new Error(`not a yuan amount: "${yuan}"`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}
