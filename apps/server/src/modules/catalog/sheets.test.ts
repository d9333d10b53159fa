import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, placeOrder, shop } from '../../../test/order-factories.ts';

const t = await createTestApp();

const csv = (rows: string[][]) =>
  Buffer.from(`\uFEFF${rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n')}\r\n`).toString('base64');
async function xlsx(rows: (string | number)[][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('导入');
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}
const download = async (token: string, url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, type: String(res.headers['content-type']), bytes: res.rawPayload };
};

describe('数据导入导出: products and stock', () => {
  it('exports every SKU, dry-runs an Excel file with per-row Chinese errors, then applies it once', async () => {
    const s = await shop(t, { price: 3000, stock: 10 });
    const exported = await download(s.owner.token!, '/api/v1/merchant/products-sheet?format=xlsx');
    expect(exported.status).toBe(200);
    expect(exported.type).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(4).text).toBe('商家编码');
    expect(sheet.getRow(2).getCell(3).text).toBe(s.skuId);
    expect(sheet.getRow(2).getCell(6).value).toBe(30);
    expect(sheet.getRow(2).getCell(7).value).toBe(10);

    const header = ['SKU ID', '商家编码', '售价（元）', '库存', '重量（克）', '启用'];
    const bad = await s.owner.post('/api/v1/merchant/products-sheet/dry-run', {
      format: 'xlsx',
      content: await xlsx([
        header,
        [s.skuId, 'CREAM 50', '-3', '2.5', '500', '也许'],
        ['sku_nope', '', '', '1', '', ''],
      ]),
    });
    expect(bad.status, JSON.stringify(bad.body)).toBe(200);
    expect(bad.body.changes).toEqual([]);
    expect(bad.body.problems).toEqual([
      { row: 2, column: 'B（商家编码）', message: expect.stringContaining('商家编码为 1–40 位') },
      { row: 2, column: 'C（售价（元））', message: expect.stringContaining('现为「-3」') },
      { row: 2, column: 'D（库存）', message: expect.stringContaining('整数') },
      { row: 2, column: 'F（启用）', message: '启用须填「是」或「否」，现为「也许」' },
      { row: 3, column: 'A（SKU ID）', message: '本店没有 SKU「sku_nope」' },
    ]);
    const refused = await s.owner.post('/api/v1/merchant/products-sheet/import', {
      format: 'xlsx',
      content: await xlsx([header, [s.skuId, 'CREAM 50', '-3', '2.5', '500', '也许']]),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe('import-invalid');
    expect(refused.body.detail).toContain('第 2 行「B（商家编码）」');

    const good = await xlsx([header, [s.skuId, 'CREAM-50', '28.50', 25, 800, '是']]);
    const dry = await s.owner.post('/api/v1/merchant/products-sheet/dry-run', { format: 'xlsx', content: good });
    expect(dry.body.problems).toEqual([]);
    expect(dry.body.changes[0].fields).toEqual([
      { field: 'code', label: '商家编码', from: '（无）', to: 'CREAM-50' },
      { field: 'price', label: '售价（元）', from: '¥30.00', to: '¥28.50' },
      { field: 'stock', label: '库存', from: '10', to: '25' },
      { field: 'weight', label: '重量（克）', from: '0 g', to: '800 g' },
    ]);
    // The dry run wrote nothing.
    expect((await s.owner.get(`/api/v1/merchant/products/${s.productId}`)).body.skus[0]).toMatchObject({
      price: 3000,
      stock: 10,
      code: null,
    });

    // Applied, then retried with the same key, then the same file again without a key: stock moves once.
    const applied = await s.owner.post(
      '/api/v1/merchant/products-sheet/import',
      { format: 'xlsx', content: good },
      { idempotencyKey: 'erp-import-1' },
    );
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.changes).toHaveLength(1);
    const retried = await s.owner.post(
      '/api/v1/merchant/products-sheet/import',
      { format: 'xlsx', content: good },
      { idempotencyKey: 'erp-import-1' },
    );
    expect(retried.body).toEqual(applied.body);
    const again = await s.owner.post('/api/v1/merchant/products-sheet/import', { format: 'xlsx', content: good });
    expect(again.body).toMatchObject({ changes: [], unchanged: 1 });
    expect((await s.owner.get(`/api/v1/merchant/products/${s.productId}`)).body.skus[0]).toMatchObject({
      price: 2850,
      stock: 25,
      weightGrams: 800,
      code: 'CREAM-50',
    });
    const history = await s.owner.get(`/api/v1/merchant/products/${s.productId}/price-history?limit=10`);
    expect(history.body.items.map((h: { price: number }) => h.price)).toEqual([2850, 3000]);

    // Now by 商家编码 alone, from a CSV an ERP wrote.
    const byCode = await s.owner.post('/api/v1/merchant/products-sheet/import', {
      format: 'csv',
      content: csv([
        ['商家编码', '库存'],
        ['CREAM-50', '7'],
      ]),
    });
    expect(byCode.status, JSON.stringify(byCode.body)).toBe(200);
    expect((await s.owner.get(`/api/v1/merchant/products/${s.productId}`)).body.skus[0].stock).toBe(7);
  });

  it('keeps other shops and staff without stock rights out', async () => {
    const a = await shop(t);
    const b = await shop(t, { name: '隔壁店' });
    const foreign = await b.owner.post('/api/v1/merchant/products-sheet/dry-run', {
      format: 'csv',
      content: csv([
        ['SKU ID', '库存'],
        [a.skuId, '0'],
      ]),
    });
    expect(foreign.body.problems[0].message).toBe(`本店没有 SKU「${a.skuId}」`);
    const me = await buyer(t);
    expect((await me.get('/api/v1/merchant/products-sheet?format=csv')).status).toBe(403);
    const unreadable = await a.owner.post('/api/v1/merchant/products-sheet/dry-run', {
      format: 'xlsx',
      content: Buffer.from('not a spreadsheet').toString('base64'),
    });
    expect(unreadable.body.problems).toEqual([{ row: 1, column: null, message: '不是有效的 Excel（.xlsx）文件' }]);
  });
});

describe('数据导入导出: orders', () => {
  it('exports the shop’s order lines as CSV and Excel, filtered by status and dates', async () => {
    const s = await shop(t, { price: 4200 });
    const me = await buyer(t);
    const placed = await placeOrder(t, me, [{ skuId: s.skuId, qty: 2 }]);
    const file = await download(s.owner.token!, '/api/v1/merchant/orders-sheet?format=csv&status=pending_payment');
    expect(file.status).toBe(200);
    const text = file.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF"订单号","下单时间"')).toBe(true);
    expect(text).toContain(`"${placed.orders[0]!.orderNo}"`);
    expect(text).toContain('"42.00","2","84.00"');
    const none = await download(s.owner.token!, '/api/v1/merchant/orders-sheet?format=csv&status=shipped');
    expect(none.bytes.toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(1);
    const past = await download(
      s.owner.token!,
      '/api/v1/merchant/orders-sheet?format=xlsx&from=2020-01-01&to=2020-12-31',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(past.bytes as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(1);
    const now = await download(s.owner.token!, '/api/v1/merchant/orders-sheet?format=xlsx');
    await book.xlsx.load(now.bytes as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(2).getCell(9).value).toBe(2);
  });
});
