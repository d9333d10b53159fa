import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import {
  CreateProductBody,
  EditSkusBody,
  IdParams,
  MerchantProduct,
  MerchantProductListItem,
  MerchantView,
  PageQuery,
  PriceHistoryEntry,
  ProductStatus,
  UpdateProductBody,
  UpdateProfileBody,
  pageOf,
} from './dto.ts';
import * as svc from './service.ts';

/** A merchant's own shop and products. Staff of several shops choose one with the X-Merchant-Id header. */
export default async function merchantRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['商家后台'];

  r.get(
    '/api/v1/merchant/profile',
    {
      config: { permission: 'merchant:shop.read' },
      schema: { tags, summary: '本店资料', response: { 200: MerchantView } },
    },
    async (req) => svc.getOwnProfile(ctxOf(req)),
  );

  r.patch(
    '/api/v1/merchant/profile',
    {
      config: { permission: 'merchant:shop.manage' },
      schema: { tags, summary: '修改本店资料（仅店主）', body: UpdateProfileBody, response: { 200: MerchantView } },
    },
    async (req) => svc.updateOwnProfile(ctxOf(req), req.body),
  );

  r.post(
    '/api/v1/merchant/products',
    {
      config: { permission: 'merchant:products.manage' },
      schema: {
        tags,
        summary: '发布商品（含 SKU；默认直接上架）',
        body: CreateProductBody,
        response: { 201: MerchantProduct.extend({ skuIds: z.array(z.string()) }) },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.createProduct(ctxOf(req), req.body))),
  );

  r.get(
    '/api/v1/merchant/products',
    {
      config: { permission: 'merchant:products.read' },
      schema: {
        tags,
        summary: '本店商品列表',
        querystring: PageQuery.extend({
          status: ProductStatus.optional(),
          keyword: z.string().trim().max(50, '关键词最多 50 个字').optional(),
          categoryId: z.string().max(64).optional(),
        }),
        response: { 200: pageOf(MerchantProductListItem) },
      },
    },
    async (req) => svc.listOwnProducts(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/merchant/products/:id',
    {
      config: { permission: 'merchant:products.read' },
      schema: { tags, summary: '本店商品详情（含全部 SKU）', params: IdParams, response: { 200: MerchantProduct } },
    },
    async (req) => svc.getOwnProduct(ctxOf(req), req.params.id),
  );

  r.patch(
    '/api/v1/merchant/products/:id',
    {
      config: { permission: 'merchant:products.manage' },
      schema: {
        tags,
        summary: '编辑商品信息',
        params: IdParams,
        body: UpdateProductBody,
        response: { 200: MerchantProduct },
      },
    },
    async (req) => unwrap(await svc.updateProduct(ctxOf(req), req.params.id, req.body)),
  );

  r.patch(
    '/api/v1/merchant/products/:id/skus',
    {
      config: { permission: 'merchant:stock.manage' },
      schema: {
        tags,
        summary: '编辑 SKU（价格、划线价、库存、启用）或新增规格组合',
        description:
          '划线价须高于售价，且不高于该 SKU 近 7 日最低成交价（近 7 日无成交时为最近一次成交价）；从未成交的 SKU 不能设置划线价。库存为绝对值。',
        params: IdParams,
        body: EditSkusBody,
        response: { 200: MerchantProduct },
      },
    },
    async (req) => unwrap(await svc.editSkus(ctxOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/v1/merchant/products/:id/list',
    {
      config: { permission: 'merchant:products.manage' },
      schema: { tags, summary: '上架', params: IdParams, response: { 200: MerchantProduct } },
    },
    async (req) => unwrap(await svc.setProductListed(ctxOf(req), req.params.id, true)),
  );

  r.post(
    '/api/v1/merchant/products/:id/delist',
    {
      config: { permission: 'merchant:products.manage' },
      schema: { tags, summary: '下架', params: IdParams, response: { 200: MerchantProduct } },
    },
    async (req) => unwrap(await svc.setProductListed(ctxOf(req), req.params.id, false)),
  );

  r.get(
    '/api/v1/merchant/products/:id/price-history',
    {
      config: { permission: 'merchant:products.read' },
      schema: {
        tags,
        summary: 'SKU 价格变动记录',
        params: IdParams,
        querystring: PageQuery.extend({ skuId: z.string().max(64).optional() }),
        response: { 200: pageOf(PriceHistoryEntry) },
      },
    },
    async (req) => svc.getPriceHistory(ctxOf(req), req.params.id, req.query),
  );
}
