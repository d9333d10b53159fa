import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import {
  Assignments,
  AssignmentsQuery,
  ExperimentInput,
  ExperimentResults,
  ExperimentView,
  ListQuery,
  SampleSizeQuery,
} from './dto.ts';
import { experimentResults } from './results.ts';
import * as svc from './service.ts';

const tags = ['A/B 实验'];
const IdParams = z.object({ id: z.string().max(64) });

export default async function experimentRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/experiments/assignments',
    {
      config: { permission: 'public', rateLimit: { max: 300, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '当前用户（或设备）在运行中实验里分到的变体',
        description:
          '分流只由用户假名或设备标识决定，同一人每次得到相同结果。此接口不记曝光：变体真正展示时商城上报 exposure 事件。',
        querystring: AssignmentsQuery,
        response: { 200: Assignments },
      },
    },
    async (req) => svc.assignmentsFor(ctxOf(req), req.query.deviceId),
  );

  r.get(
    '/api/v1/admin/experiments',
    {
      config: { permission: 'staff:insights.read' },
      schema: {
        tags,
        summary: '实验列表（新建在前）',
        querystring: ListQuery,
        response: { 200: z.object({ items: z.array(ExperimentView), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => svc.listExperiments(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/admin/experiments/sample-size',
    {
      config: { permission: 'staff:insights.read' },
      schema: {
        tags,
        summary: '所需样本量（双侧 α=0.05，功效 0.8，两比例检验）',
        querystring: SampleSizeQuery,
        response: { 200: z.object({ perVariant: z.number().int(), total: z.number().int() }) },
      },
    },
    async (req) => svc.planOf(req.query.baselineRate, req.query.minimumDetectableEffect, req.query.variants),
  );

  r.post(
    '/api/v1/admin/experiments',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: { tags, summary: '新建实验（草稿）', body: ExperimentInput, response: { 201: ExperimentView } },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.createExperiment(ctxOf(req), req.body))),
  );

  r.get(
    '/api/v1/admin/experiments/:id',
    {
      config: { permission: 'staff:insights.read' },
      schema: { tags, summary: '实验详情', params: IdParams, response: { 200: ExperimentView } },
    },
    async (req) => svc.getExperiment(ctxOf(req), req.params.id),
  );

  r.put(
    '/api/v1/admin/experiments/:id',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: {
        tags,
        summary: '修改实验（仅草稿）',
        params: IdParams,
        body: ExperimentInput,
        response: { 200: ExperimentView },
      },
    },
    async (req) => unwrap(await svc.updateExperiment(ctxOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/v1/admin/experiments/:id/start',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: { tags, summary: '开始实验（占用互斥层流量）', params: IdParams, response: { 200: ExperimentView } },
    },
    async (req) => unwrap(await svc.startExperiment(ctxOf(req), req.params.id)),
  );

  r.post(
    '/api/v1/admin/experiments/:id/stop',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: { tags, summary: '停止实验（不可恢复，结果保留）', params: IdParams, response: { 200: ExperimentView } },
    },
    async (req) => unwrap(await svc.stopExperiment(ctxOf(req), req.params.id)),
  );

  r.get(
    '/api/v1/admin/experiments/:id/results',
    {
      config: { permission: 'staff:insights.read' },
      schema: {
        tags,
        summary: '实验结果：各变体曝光、转化、人均支付，差异与置信区间，样本比例检查，护栏指标',
        params: IdParams,
        response: { 200: ExperimentResults },
      },
    },
    async (req) => experimentResults(ctxOf(req), req.params.id),
  );
}
