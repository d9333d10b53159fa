// CSV for downloads (statements, staff exports): RFC 4180 quoting, formula-looking text defused.

/** One CSV field: always quoted; text that a spreadsheet would run as a formula is prefixed with '. */
export function csvField(value: string, text = true): string {
  const safe = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Lines joined with CRLF after a UTF-8 byte-order mark, so Excel opens Chinese text correctly. */
export const csvText = (lines: string[][]): string =>
  `\uFEFF${lines.map((cells) => cells.map((c) => csvField(c)).join(',')).join('\r\n')}\r\n`;
