// Individual income tax withheld on promoters' pay-outs, as 劳务报酬所得 预扣预缴 (labour remuneration), computed on
// the calendar month's total in Asia/Shanghai. Amounts in fen; see docs/DISTRIBUTION.md.

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** '2026-11' for an instant, in Beijing time. */
export const shanghaiMonth = (at: Date): string =>
  new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);

/**
 * Tax on one month's income X: X ≤ ¥800 → 0; X ≤ ¥4,000 → (X − 800) × 20%; above, taxable = X × 80% at 20% up to
 * ¥20,000, 30% − ¥2,000 up to ¥50,000, 40% − ¥7,000 beyond. Rounded to the fen.
 */
export function labourIncomeTax(income: number): number {
  if (income <= 80_000) return 0;
  if (income <= 400_000) return Math.round((income - 80_000) * 0.2);
  const taxable = income * 0.8;
  if (taxable <= 2_000_000) return Math.round(taxable * 0.2);
  if (taxable <= 5_000_000) return Math.round(taxable * 0.3 - 200_000);
  return Math.round(taxable * 0.4 - 700_000);
}

/** What to withhold from a new pay-out: the month's tax with it, less what the month's earlier pay-outs withheld. */
export function withholdingFor(monthBefore: number, amount: number): number {
  return Math.max(0, labourIncomeTax(monthBefore + amount) - labourIncomeTax(monthBefore));
}
