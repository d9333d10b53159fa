import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { AlertDetail, AlertIdParams, AlertListQuery, AlertNote, AlertPage, MetricStatusList } from './dto.ts';
import * as svc from './service.ts';

const tags = ['异常告警'];

export default async function alertRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/admin/alerts',
    {
      config: { permission: 'staff:alerts.manage' },
      schema: { tags, summary: '异常告警列表（新的在前）', querystring: AlertListQuery, response: { 200: AlertPage } },
    },
    async (req) => svc.listAlerts(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/admin/alerts/metrics',
    {
      config: { permission: 'staff:alerts.manage' },
      schema: {
        tags,
        summary: '受监控的指标：定义与最近一次判断（含未判断的原因）',
        response: { 200: MetricStatusList },
      },
    },
    async (req) => svc.metricStatuses(ctxOf(req)),
  );

  r.get(
    '/api/v1/admin/alerts/:id',
    {
      config: { permission: 'staff:alerts.manage' },
      schema: {
        tags,
        summary: '告警详情：期望区间、按小时的走势与维度下钻',
        params: AlertIdParams,
        response: { 200: AlertDetail },
      },
    },
    async (req) => svc.getAlert(ctxOf(req), req.params.id),
  );

  r.post(
    '/api/v1/admin/alerts/:id/acknowledge',
    {
      config: { permission: 'staff:alerts.manage' },
      schema: { tags, summary: '确认告警', params: AlertIdParams, body: AlertNote, response: { 200: AlertDetail } },
    },
    async (req) => unwrap(await svc.acknowledgeAlert(ctxOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/v1/admin/alerts/:id/resolve',
    {
      config: { permission: 'staff:alerts.manage' },
      schema: {
        tags,
        summary: '解决告警（附处理说明）',
        params: AlertIdParams,
        body: AlertNote,
        response: { 200: AlertDetail },
      },
    },
    async (req) => unwrap(await svc.resolveAlert(ctxOf(req), req.params.id, req.body)),
  );
}
