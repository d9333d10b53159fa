import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import {
  CreateMerchantBody,
  IdParams,
  MerchantView,
  PageQuery,
  pageOf,
  SearchWordBody,
  SearchWordHistory,
  SearchWordListQuery,
  SearchWordUpdateBody,
  SearchWordView,
} from './dto.ts';
import * as words from './search-words-admin.ts';
import * as svc from './service.ts';

/** The platform operator's view of merchants. */
export default async function adminRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['运营后台'];

  r.post(
    '/api/v1/admin/merchants',
    {
      config: { permission: 'staff:merchants.review' },
      schema: {
        tags,
        summary: '开设商家（按手机号指定店主，新手机号自动注册）',
        body: CreateMerchantBody,
        response: { 201: MerchantView.extend({ ownerUserId: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createMerchant(ctxOf(req), req.body)),
  );

  r.get(
    '/api/v1/admin/merchants',
    {
      config: { permission: 'staff:merchants.review' },
      schema: {
        tags,
        summary: '商家列表（含商品数）',
        querystring: PageQuery.extend({
          status: z.enum(['active', 'suspended']).optional(),
          q: z.string().trim().max(50).optional(),
        }),
        response: { 200: pageOf(MerchantView) },
      },
    },
    async (req) => svc.listMerchants(ctxOf(req), req.query),
  );

  r.post(
    '/api/v1/admin/merchants/:id/suspend',
    {
      config: { permission: 'staff:merchants.review' },
      schema: {
        tags,
        summary: '暂停商家营业（店铺与商品对买家隐藏）',
        params: IdParams,
        response: { 200: MerchantView },
      },
    },
    async (req) => svc.setMerchantStatus(ctxOf(req), req.params.id, 'suspended'),
  );

  r.post(
    '/api/v1/admin/merchants/:id/reactivate',
    {
      config: { permission: 'staff:merchants.review' },
      schema: { tags, summary: '恢复商家营业', params: IdParams, response: { 200: MerchantView } },
    },
    async (req) => svc.setMerchantStatus(ctxOf(req), req.params.id, 'active'),
  );

  r.put(
    '/api/v1/admin/merchants/:id/credit-score',
    {
      config: { permission: 'staff:merchants.review' },
      schema: {
        tags,
        summary: '设置商家信用分（低于开播门槛不能开播）',
        params: IdParams,
        body: z.object({ score: z.number().int().min(0, '信用分 0–100').max(100, '信用分 0–100') }).strict(),
        response: { 200: z.object({ merchantId: z.string(), score: z.number().int() }) },
      },
    },
    async (req) => svc.setMerchantCreditScore(ctxOf(req), req.params.id, req.body.score),
  );

  // 搜索词库: the synonyms and category words search understands queries with.
  const wordTags = ['搜索词库'];
  r.get(
    '/api/v1/admin/search-words',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: {
        tags: wordTags,
        summary: '搜索词库：同义词组或类目词列表（最近修改在前，可按词搜索、可看已删除）',
        querystring: SearchWordListQuery,
        response: { 200: pageOf(SearchWordView) },
      },
    },
    async (req) => words.listSearchWords(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/admin/search-words',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: {
        tags: wordTags,
        summary: '新增同义词组或类目词（立即对搜索生效，无需重启）',
        body: SearchWordBody,
        response: { 201: SearchWordView },
      },
    },
    async (req, reply) => reply.status(201).send(await words.createSearchWord(ctxOf(req), req.body)),
  );
  r.put(
    '/api/v1/admin/search-words/:id',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: {
        tags: wordTags,
        summary: '修改词条的词语（类目词还可改类目）',
        params: IdParams,
        body: SearchWordUpdateBody,
        response: { 200: SearchWordView },
      },
    },
    async (req) => words.updateSearchWord(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/admin/search-words/:id',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: {
        tags: wordTags,
        summary: '删除词条（可撤销：POST …/restore）',
        params: IdParams,
        response: { 200: SearchWordView },
      },
    },
    async (req) => words.deleteSearchWord(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/admin/search-words/:id/restore',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: {
        tags: wordTags,
        summary: '撤销删除',
        params: IdParams,
        response: { 200: SearchWordView },
      },
    },
    async (req) => words.restoreSearchWord(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/admin/search-words/:id/history',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: {
        tags: wordTags,
        summary: '词条的修改记录（谁、何时、改前改后）',
        params: IdParams,
        response: { 200: SearchWordHistory },
      },
    },
    async (req) => words.searchWordHistory(ctxOf(req), req.params.id),
  );
}
