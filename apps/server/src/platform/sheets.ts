// Spreadsheets in and out (ERP import/export): CSV through csv-parse and our own writer (platform/csv.ts), .xlsx
// through exceljs. Everything becomes rows of cell text, so the importers validate one shape whatever the file.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { csvText } from './csv.ts';

export const SHEET_FORMATS = ['csv', 'xlsx'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];

export const SHEET_TYPES: Record<SheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** One sheet with a header row; numbers stay numbers in .xlsx so a spreadsheet can sum them. */
export async function writeSheet(
  format: SheetFormat,
  name: string,
  header: string[],
  rows: (string | number)[][],
): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(csvText([header, ...rows.map((r) => r.map(String))]), 'utf8');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(name);
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.columns.forEach((c, i) => {
    c.width = Math.min(40, Math.max(10, ...[header[i] ?? '', ...rows.map((r) => String(r[i] ?? ''))].map(width)));
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** CJK characters take two columns. */
const width = (s: string) => [...s].reduce((a, ch) => a + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 2);

export class UnreadableSheet extends Error {}

/**
 * The first sheet's rows as trimmed cell text (a CSV's byte-order mark and a cell's leading `'` from our own export
 * are dropped). Throws UnreadableSheet for a file that is not what its format says.
 */
export async function readSheet(format: SheetFormat, file: Buffer): Promise<string[][]> {
  let rows: string[][];
  if (format === 'csv') {
    try {
      const parsed: string[][] = parse(file, { bom: true, relax_column_count: true, skip_empty_lines: true });
      rows = parsed;
    } catch (e) {
      throw new UnreadableSheet(`CSV 无法解析：${(e as Error).message}`);
    }
  } else {
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      throw new UnreadableSheet('不是有效的 Excel（.xlsx）文件');
    }
    const sheet = book.worksheets[0];
    if (!sheet) throw new UnreadableSheet('Excel 文件里没有工作表');
    rows = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(row.getCell(c).text ?? '');
      rows.push(cells);
    });
  }
  return rows.map((r) => r.map((c) => c.trim().replace(/^'(?=[=+\-@])/, ''))).filter((r) => r.some((c) => c !== ''));
}

/** A1-style column letter for error messages (0 → A, 27 → AB). */
export const columnLetter = (i: number): string =>
  i < 26 ? String.fromCharCode(65 + i) : columnLetter(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26));
