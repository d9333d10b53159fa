/** One column of an exported table: its header and how to read a row's cell. */
export interface CsvColumn<T> {
  title: string;
  value: (row: T) => string | number | null | undefined;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, and quotes inside are doubled. */
function field(v: string | number | null | undefined): string {
  const s = v == null ? '' : String(v);
  // A leading =, +, - or @ would make Excel run the cell as a formula (CSV injection): prefix a quote.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v !== 'number' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** CSV text with CRLF line ends and a UTF-8 byte-order mark, so Excel opens Chinese text correctly. */
export function toCsv<T>(columns: CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => field(c.title)), ...rows.map((r) => columns.map((c) => field(c.value(r))))];
  return `\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}
