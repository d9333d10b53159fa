import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { CategoryTree, IdParams, MerchantCard, ProductCard, PublicProduct, SearchQuery, pageOf } from './dto.ts';
import adminRoutes from './admin-routes.ts';
import merchantRoutes from './merchant-routes.ts';
import sheetRoutes from './sheet-routes.ts';
import * as svc from './service.ts';

/** The catalog as every visitor sees it: categories, search, product pages and shop cards. */
export default async function catalogRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['商品'];

  r.get(
    '/api/v1/categories',
    { config: { permission: 'public' }, schema: { tags, summary: '商品类目树', response: { 200: CategoryTree } } },
    async (req) => ({
      items: (await svc.getCategoryTree(ctxOf(req))).map((c) => ({
        ...c,
        children: c.children.map((k) => ({ ...k, children: [] })),
      })),
    }),
  );

  r.get(
    '/api/v1/products',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '搜索商品（分词、同义词、拼音与错别字纠正；全部词无命中时放宽为部分命中）',
        querystring: SearchQuery,
        response: {
          200: pageOf(ProductCard).extend({
            didYouMean: z.string().nullable().describe('纠正后实际搜索的词（错别字、拼音），与输入相同时为 null'),
            relaxed: z.boolean().describe('没有商品包含全部搜索词，结果为部分匹配'),
          }),
        },
      },
    },
    async (req) => svc.searchProducts(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/search/suggestions',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '搜索联想词',
        querystring: z.object({ q: z.string().max(50, '搜索词最多 50 个字').default('') }),
        response: { 200: z.object({ items: z.array(z.string()) }) },
      },
    },
    async (req) => ({ items: await svc.searchSuggestions(ctxOf(req), req.query.q) }),
  );

  r.get(
    '/api/v1/products/:id',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '商品详情', params: IdParams, response: { 200: PublicProduct } },
    },
    async (req) => svc.getPublicProduct(ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/merchants/:id',
    {
      config: { permission: 'public' },
      schema: { tags: ['店铺'], summary: '店铺名片', params: IdParams, response: { 200: MerchantCard } },
    },
    async (req) => svc.getMerchantCard(ctxOf(req), req.params.id),
  );

  await merchantRoutes(app);
  await sheetRoutes(app);
  await adminRoutes(app);
}
