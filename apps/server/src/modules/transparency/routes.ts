import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import {
  ConsistencyProof,
  ConsistencyQuery,
  EntriesQuery,
  Entry,
  HeadsQuery,
  InclusionProof,
  page,
  ProofParams,
  ProofQuery,
  TreeHead,
} from './dto.ts';
import * as svc from './service.ts';

const tags = ['透明度日志'];
// The log is public by design: anyone may fetch heads and proofs and check them without trusting us.
const open = { permission: 'public' as const };

export default async function transparencyRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/transparency/head',
    { config: open, schema: { tags, summary: '最新的签名树头（STH）', response: { 200: TreeHead } } },
    async (req) => svc.latestHead(ctxOf(req)),
  );

  r.get(
    '/api/v1/transparency/heads',
    {
      config: open,
      schema: { tags, summary: '历史签名树头（新的在前）', querystring: HeadsQuery, response: { 200: page(TreeHead) } },
    },
    async (req) => svc.listHeads(ctxOf(req), { before: req.query.cursor, limit: req.query.limit }),
  );

  r.get(
    '/api/v1/transparency/entries',
    {
      config: open,
      schema: { tags, summary: '日志条目（新的在前）', querystring: EntriesQuery, response: { 200: page(Entry) } },
    },
    async (req) =>
      svc.listEntries(ctxOf(req), {
        kind: req.query.kind,
        subjectId: req.query.subjectId,
        before: req.query.cursor,
        limit: req.query.limit,
      }),
  );

  r.get(
    '/api/v1/transparency/entries/:index/proof',
    {
      config: open,
      schema: {
        tags,
        summary: '条目的包含证明（默认对最新树头）',
        params: ProofParams,
        querystring: ProofQuery,
        response: { 200: InclusionProof },
      },
    },
    async (req) => svc.inclusionProof(ctxOf(req), req.params.index, req.query.treeSize),
  );

  r.get(
    '/api/v1/transparency/consistency',
    {
      config: open,
      schema: {
        tags,
        summary: '两个树头之间的一致性证明',
        querystring: ConsistencyQuery,
        response: { 200: ConsistencyProof },
      },
    },
    async (req) => svc.consistency(ctxOf(req), req.query.from, req.query.to),
  );
}
