import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { SHEET_FORMATS, SHEET_TYPES } from '../../platform/sheets.ts';
import { applySkuImport, dryRunSkuImport, exportSkuSheet } from './sheets.ts';

const tags = ['数据导入导出'];
const Format = z.enum(SHEET_FORMATS, { error: '文件格式须为 csv 或 xlsx' });
// 5 MB of spreadsheet, base64 in JSON so API keys sign it like any other body.
const ImportBody = z.object({
  format: Format,
  content: z.base64({ error: '文件内容须为 base64' }).min(1, '请上传文件').max(7_000_000, '文件不能超过 5 MB'),
});
const Plan = z.object({
  rows: z.number().describe('数据行数（不含表头）'),
  unchanged: z.number().describe('与现有数据相同、不会修改的行数'),
  changes: z.array(
    z.object({
      row: z.number(),
      skuId: z.string(),
      productId: z.string(),
      title: z.string(),
      specText: z.string(),
      fields: z.array(
        z.object({
          field: z.enum(['code', 'price', 'stock', 'weight', 'enabled']),
          label: z.string(),
          from: z.string(),
          to: z.string(),
        }),
      ),
    }),
  ),
  problems: z.array(
    z.object({
      row: z.number().describe('表格里的行号（表头为第 1 行）'),
      column: z.string().nullable().describe('列，如「F（售价（元））」；null 表示整行'),
      message: z.string(),
    }),
  ),
});

/** 数据导入导出: the shop's SKUs as a CSV or Excel sheet, and the same sheet back in (dry run, then apply). */
export default async function sheetRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/merchant/products-sheet',
    {
      config: { permission: 'merchant:products.read' },
      schema: {
        tags,
        summary: '导出商品与库存（CSV 或 Excel，每个 SKU 一行）',
        querystring: z.object({ format: Format.default('xlsx') }),
        response: { 200: z.custom<Buffer>((v) => Buffer.isBuffer(v)).describe('CSV（UTF-8，带 BOM）或 .xlsx 文件') },
      },
    },
    async (req, reply) => {
      const file = await exportSkuSheet(ctxOf(req), req.query.format);
      return reply
        .type(SHEET_TYPES[req.query.format])
        .header('content-disposition', `attachment; filename="haowu-products.${req.query.format}"`)
        .send(file);
    },
  );
  r.post(
    '/api/v1/merchant/products-sheet/dry-run',
    {
      config: { permission: 'merchant:stock.manage' },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: '试导入：逐行校验并列出将要修改的内容，不写入',
        body: ImportBody,
        response: { 200: Plan },
      },
    },
    async (req) => dryRunSkuImport(ctxOf(req), req.body),
  );
  r.post(
    '/api/v1/merchant/products-sheet/import',
    {
      config: { permission: 'merchant:stock.manage' },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: '导入商品与库存（按 SKU ID 或商家编码匹配；全部成功或全部不改；支持 Idempotency-Key）',
        description:
          '可修改商家编码、售价、库存（绝对值，记入库存流水）、重量与启用。文件有任何错误时整份拒绝（import-invalid），请先试导入。',
        body: ImportBody,
        response: { 200: Plan },
      },
    },
    async (req) => unwrap(await applySkuImport(ctxOf(req), req.body)),
  );
}
