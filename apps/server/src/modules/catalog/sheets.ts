// 数据导入导出 for ERPs (docs/OPEN-PLATFORM.md "ERP import/export"): the merchant's SKUs as one sheet out, and the
// same sheet back in. Import is validated row by row, shown as a dry run, then applied through editSkus — the
// console's own SKU path — so prices keep their history and 划线价 rule, and stock changes reach the supply
// journal through product.updated. Keyed by SKU ID or 商家编码 and setting absolute values, so applying the same
// file twice changes nothing the second time.
import { and, asc, eq } from 'drizzle-orm';
import { actingMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { ok, type Result } from '../../platform/errors.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { columnLetter, readSheet, type SheetFormat, UnreadableSheet, writeSheet } from '../../platform/sheets.ts';
import { MAX_WEIGHT_GRAMS, SKU_CODE } from './dto.ts';
import { refuse } from './refusals.ts';
import { products, skus } from './schema.ts';
import { editSkus, type SkuUpdate } from './skus.ts';

const COLUMNS = {
  productId: '商品ID',
  title: '商品标题',
  skuId: 'SKU ID',
  code: '商家编码',
  spec: '规格',
  price: '售价（元）',
  stock: '库存',
  weight: '重量（克）',
  enabled: '启用',
} as const;
type Column = keyof typeof COLUMNS;
const HEADER = Object.values(COLUMNS);
/** The columns an import may change; the others are there to be read. */
const EDITABLE = ['code', 'price', 'stock', 'weight', 'enabled'] as const;
type Editable = (typeof EDITABLE)[number];
const MAX_ROWS = 5000;

interface SheetSku {
  skuId: string;
  productId: string;
  title: string;
  specText: string;
  code: string | null;
  price: number;
  stock: number;
  weightGrams: number;
  enabled: boolean;
}

async function merchantSkus(ctx: Ctx, merchantId: string): Promise<SheetSku[]> {
  return ctx.db
    .select({
      skuId: skus.id,
      productId: skus.productId,
      title: products.title,
      specText: skus.specText,
      code: skus.code,
      price: skus.price,
      stock: skus.stock,
      weightGrams: skus.weightGrams,
      enabled: skus.enabled,
    })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(and(eq(skus.merchantId, merchantId)))
    .orderBy(asc(products.createdAt), asc(products.id), asc(skus.id));
}

/** Every SKU of the shop, one row each, in the columns an import reads back. */
export async function exportSkuSheet(ctx: Ctx, format: SheetFormat): Promise<Buffer> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'products.read');
  const rows = (await merchantSkus(ctx, merchantId)).map((s) => [
    s.productId,
    s.title,
    s.skuId,
    s.code ?? '',
    s.specText,
    format === 'xlsx' ? s.price / 100 : (s.price / 100).toFixed(2),
    s.stock,
    s.weightGrams,
    s.enabled ? '是' : '否',
  ]);
  return writeSheet(format, '商品与库存', HEADER, rows);
}

interface ImportProblem {
  /** The sheet's row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  /** The column's letter (A, B …) and header, or null for the whole row. */
  column: string | null;
  message: string;
}
interface ImportChange {
  row: number;
  skuId: string;
  productId: string;
  title: string;
  specText: string;
  fields: { field: Editable; label: string; from: string; to: string }[];
}
export interface ImportPlan<C = ImportChange> {
  rows: number;
  unchanged: number;
  changes: C[];
  problems: ImportProblem[];
}
interface PlannedChange extends ImportChange {
  next: SheetSku;
}

const shown: Record<Editable, (v: SheetSku) => string> = {
  code: (s) => s.code ?? '（无）',
  price: (s) => `¥${(s.price / 100).toFixed(2)}`,
  stock: (s) => String(s.stock),
  weight: (s) => `${s.weightGrams} g`,
  enabled: (s) => (s.enabled ? '启用' : '停用'),
};

/** Reads and checks the file against the shop's SKUs as they are now; changes nothing. */
async function planImport(
  ctx: Ctx,
  merchantId: string,
  format: SheetFormat,
  file: Buffer,
): Promise<ImportPlan<PlannedChange>> {
  let sheet: string[][];
  try {
    sheet = await readSheet(format, file);
  } catch (e) {
    if (e instanceof UnreadableSheet)
      return { rows: 0, unchanged: 0, changes: [], problems: [{ row: 1, column: null, message: e.message }] };
    throw e;
  }
  const [head = [], ...body] = sheet;
  const problems: ImportProblem[] = [];
  const at = new Map<Column, number>();
  head.forEach((h, i) => {
    const col = (Object.keys(COLUMNS) as Column[]).find((k) => COLUMNS[k] === h);
    if (col) at.set(col, i);
  });
  if (!at.has('skuId') && !at.has('code'))
    problems.push({
      row: 1,
      column: null,
      message: `表头须包含「${COLUMNS.skuId}」或「${COLUMNS.code}」列（可先导出一份作为模板）`,
    });
  if (!EDITABLE.some((c) => at.has(c)))
    problems.push({
      row: 1,
      column: null,
      message: `表头里没有可导入的列（${EDITABLE.map((c) => COLUMNS[c]).join('、')}）`,
    });
  if (body.length > MAX_ROWS)
    problems.push({ row: 1, column: null, message: `一次最多导入 ${MAX_ROWS} 行，请分批导入` });
  if (problems.length > 0) return { rows: body.length, unchanged: 0, changes: [], problems };

  const own = await merchantSkus(ctx, merchantId);
  const byId = new Map(own.map((s) => [s.skuId, s]));
  const byCode = new Map(own.filter((s) => s.code).map((s) => [s.code!, s]));
  const seenSku = new Map<string, number>();
  const codesAfter = new Map(own.filter((s) => s.code).map((s) => [s.code!, s.skuId]));
  const changes: PlannedChange[] = [];
  let unchanged = 0;

  body.forEach((cells, i) => {
    const row = i + 2;
    const cell = (c: Column) => (at.has(c) ? (cells[at.get(c)!] ?? '') : '');
    const problem = (c: Column | null, message: string) =>
      problems.push({ row, column: c ? `${columnLetter(at.get(c)!)}（${COLUMNS[c]}）` : null, message });
    const skuIdText = cell('skuId');
    const codeText = cell('code');
    const sku = skuIdText ? byId.get(skuIdText) : codeText ? byCode.get(codeText) : undefined;
    if (!sku) {
      if (skuIdText) problem('skuId', `本店没有 SKU「${skuIdText}」`);
      else if (codeText) problem('code', `本店没有商家编码为「${codeText}」的 SKU（新编码请在带 SKU ID 的行里填写）`);
      else problem(null, `请填写「${COLUMNS.skuId}」或「${COLUMNS.code}」`);
      return;
    }
    const twice = seenSku.get(sku.skuId);
    if (twice) return problem(null, `与第 ${twice} 行是同一个 SKU（${sku.title} ${sku.specText}）`);
    seenSku.set(sku.skuId, row);

    const next: SheetSku = { ...sku };
    const before = problems.length;
    if (at.has('code') && skuIdText && codeText !== (sku.code ?? '')) {
      if (codeText && !SKU_CODE.test(codeText))
        problem('code', '商家编码为 1–40 位字母、数字或 - _ .，以字母或数字开头');
      else if (codeText && codesAfter.has(codeText) && codesAfter.get(codeText) !== sku.skuId)
        problem('code', `商家编码「${codeText}」已被其他 SKU 使用`);
      else {
        if (sku.code) codesAfter.delete(sku.code);
        if (codeText) codesAfter.set(codeText, sku.skuId);
        next.code = codeText || null;
      }
    }
    const price = cell('price');
    if (price) {
      const m = /^¥?\s*(\d{1,7})(?:\.(\d{1,2}))?$/.exec(price.replace(/,/g, ''));
      const fen = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : NaN;
      if (!m || fen <= 0 || fen > 100_000_000)
        problem('price', `售价须为大于 0 的金额（元，最多两位小数，不超过 100 万），现为「${price}」`);
      else next.price = fen;
    }
    const stock = cell('stock');
    if (stock) {
      if (!/^\d{1,8}$/.test(stock) || Number(stock) > 10_000_000)
        problem('stock', `库存须为 0 到 10000000 的整数，现为「${stock}」`);
      else next.stock = Number(stock);
    }
    const weight = cell('weight');
    if (weight) {
      if (!/^\d{1,7}$/.test(weight) || Number(weight) > MAX_WEIGHT_GRAMS)
        problem('weight', `重量须为 0 到 ${MAX_WEIGHT_GRAMS} 的整数（克），现为「${weight}」`);
      else next.weightGrams = Number(weight);
    }
    const enabled = cell('enabled');
    if (enabled) {
      const yes = ['是', '启用', '1', 'true', 'TRUE', 'Y', 'y'].includes(enabled);
      const no = ['否', '停用', '0', 'false', 'FALSE', 'N', 'n'].includes(enabled);
      if (!yes && !no) problem('enabled', `启用须填「是」或「否」，现为「${enabled}」`);
      else next.enabled = yes;
    }
    if (problems.length > before) return;
    const fields = EDITABLE.filter((f) => shown[f](next) !== shown[f](sku)).map((f) => ({
      field: f,
      label: COLUMNS[f],
      from: shown[f](sku),
      to: shown[f](next),
    }));
    if (fields.length === 0) unchanged++;
    else
      changes.push({
        row,
        skuId: sku.skuId,
        productId: sku.productId,
        title: sku.title,
        specText: sku.specText,
        fields,
        next,
      });
  });
  return { rows: body.length, unchanged, changes, problems };
}

export interface ImportFile {
  format: SheetFormat;
  /** The file's bytes, base64. */
  content: string;
}

/** 试导入: what applying the file would change, row by row, and every row's problems. Nothing is written. */
export async function dryRunSkuImport(ctx: Ctx, input: ImportFile): Promise<ImportPlan> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'stock.manage');
  const plan = await planImport(ctx, merchantId, input.format, Buffer.from(input.content, 'base64'));
  return { ...plan, changes: plan.changes.map(publicChange) };
}

/**
 * Applies the file in one transaction — all rows or none — after checking it again against the SKUs as they are
 * now. A file with any problem is refused whole (`import-invalid`), naming the first problems.
 */
export async function applySkuImport(ctx: Ctx, input: ImportFile): Promise<Result<ImportPlan>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'stock.manage');
  return idempotent(ctx, 'catalog.sku-import', input, async (tx) => {
    const inTx: Ctx = { ...ctx, db: tx, tx: (fn) => tx.transaction(fn) };
    const plan = await planImport(inTx, merchantId, input.format, Buffer.from(input.content, 'base64'));
    if (plan.problems.length > 0) {
      const first = plan.problems
        .slice(0, 3)
        .map((p) => `第 ${p.row} 行${p.column ? `「${p.column}」` : ''}：${p.message}`);
      return refuse(
        'import-invalid',
        `${first.join('；')}${plan.problems.length > 3 ? ` 等 ${plan.problems.length} 处` : ''}`,
      );
    }
    const byProduct = new Map<string, SkuUpdate[]>();
    for (const c of plan.changes) {
      const next = c.next;
      const u: SkuUpdate = { skuId: c.skuId };
      for (const f of c.fields) {
        if (f.field === 'code') u.code = next.code;
        if (f.field === 'price') u.price = next.price;
        if (f.field === 'stock') u.stock = next.stock;
        if (f.field === 'weight') u.weightGrams = next.weightGrams;
        if (f.field === 'enabled') u.enabled = next.enabled;
      }
      byProduct.set(c.productId, [...(byProduct.get(c.productId) ?? []), u]);
    }
    // Codes move between SKUs in one file (A↔B): clear every changed code first, then set the new ones.
    const recoded = plan.changes.filter((c) => c.fields.some((f) => f.field === 'code'));
    if (recoded.length > 0)
      for (const c of recoded) await tx.update(skus).set({ code: null }).where(eq(skus.id, c.skuId));
    for (const [productId, updates] of byProduct) {
      const done = await editSkus(inTx, productId, { updates });
      if (!done.ok) return done;
    }
    return ok({ ...plan, changes: plan.changes.map(publicChange) });
  });
}

const publicChange = (c: PlannedChange): ImportChange => ({
  row: c.row,
  skuId: c.skuId,
  productId: c.productId,
  title: c.title,
  specText: c.specText,
  fields: c.fields,
});
