import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import {
  LexiconBody,
  LexiconChange,
  LexiconEntry,
  LexiconPatch,
  LexiconVersion,
  RuleView,
  ScanBody,
  ScanResult,
} from './dto.ts';
import { currentLexicon } from './lexicon.ts';
import * as admin from './lexicon-admin.ts';
import { CATEGORY_LABEL } from './rules.ts';
import { scanTexts } from './service.ts';

const tags = ['广告法合规'];
const manage = { permission: 'staff:compliance.manage' } as const;

export default async function complianceRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Merchants check copy while writing it; the same rules refuse blocking findings when the product is saved.
  r.post(
    '/api/v1/compliance/scan',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '检查文案是否违反广告法', body: ScanBody, response: { 200: ScanResult } },
    },
    async (req) => scanTexts(ctxOf(req).db, req.body.texts, req.body.categoryIds),
  );

  r.get(
    '/api/v1/compliance/rules',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '广告法规则清单（词库中启用的词条）', response: { 200: z.array(RuleView) } },
    },
    async (req) =>
      (await currentLexicon(ctxOf(req).db)).rules.map((rule) => ({
        id: rule.id,
        category: rule.category,
        categoryLabel: CATEGORY_LABEL[rule.category],
        severity: rule.severity,
        article: rule.article,
        title: rule.title,
      })),
  );

  r.get(
    '/api/v1/admin/ad-lexicon',
    {
      config: manage,
      schema: {
        tags,
        summary: '广告法词库',
        querystring: z.object({
          q: z.string().max(50).optional(),
          category: z.string().max(20).optional(),
          action: z.enum(['block', 'review']).optional(),
          enabled: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.object({ version: z.number().int(), items: z.array(LexiconEntry) }) },
      },
    },
    async (req) => {
      const { enabled, ...query } = req.query;
      return admin.listLexicon(ctxOf(req), { ...query, ...(enabled ? { enabled: enabled === 'true' } : {}) });
    },
  );

  r.post(
    '/api/v1/admin/ad-lexicon',
    {
      config: manage,
      schema: { tags, summary: '新增词条（生成新的词库版本）', body: LexiconBody, response: { 201: LexiconChange } },
    },
    async (req, reply) => reply.status(201).send(await admin.createLexiconEntry(ctxOf(req), req.body)),
  );

  r.patch(
    '/api/v1/admin/ad-lexicon/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改、停用或启用词条（生成新的词库版本）',
        params: z.object({ id: z.string().max(64) }),
        body: LexiconPatch,
        response: { 200: LexiconChange },
      },
    },
    async (req) => admin.updateLexiconEntry(ctxOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/v1/admin/ad-lexicon/versions',
    {
      config: manage,
      schema: {
        tags,
        summary: '词库版本记录（谁、何时、改了什么）',
        querystring: z.object({
          entryId: z.string().max(64).optional(),
          before: z.coerce.number().int().optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        }),
        response: { 200: z.array(LexiconVersion) },
      },
    },
    async (req) => admin.listLexiconVersions(ctxOf(req), req.query),
  );
}
