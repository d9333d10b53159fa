import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import {
  Control,
  Dashboard,
  Id,
  page,
  PinnedProduct,
  Qualification,
  Report,
  RolesBody,
  SessionBody,
  SessionCard,
  SessionParams,
  SessionPatch,
} from './dto.ts';
import { getQualification, payDeposit, releaseDeposit, submitRealName } from './qualification.ts';
import { controlPanel, dashboard, mySessions, sessionReport } from './queries.ts';
import { muteViewer, pinProduct, removeMessage, unpinProduct } from './room.ts';
import { cancelSession, editSession, endSession, scheduleSession, setRoles, startSession } from './sessions.ts';
import { LIVE_ROLES } from './schema.ts';

const tags = ['live 直播（商家与工作人员）'];
const base = '/api/v1/merchant/live';
const Status = z.object({ id: z.string(), status: z.enum(['scheduled', 'live', 'ended', 'cancelled']) });

/**
 * Console routes. Scheduling and qualification are the merchant's (`merchant:live.manage`, the deposit `merchant:finance.pay`); everything on one
 * session is open to signed-in users and decided by the session role (access.ts), since 1 + N staff are
 * ordinary accounts given a role by phone.
 */
export default async function liveConsoleRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    `${base}/sessions`,
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '我的直播场次（本店的，以及我担任角色的）',
        querystring: z.object({
          cursor: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(50).default(20),
        }),
        response: {
          200: page(
            SessionCard.extend({
              role: z.enum(['owner', ...LIVE_ROLES]),
              peakViewers: z.number().int(),
              gmv: z.number().int().describe('已付款 GMV（分）'),
            }),
          ),
        },
      },
    },
    async (req) => mySessions(ctxOf(req), req.query),
  );
  r.post(
    `${base}/sessions`,
    {
      config: { permission: 'merchant:live.manage' },
      schema: {
        tags,
        summary: '创建直播预告（通知本店社群）',
        body: SessionBody,
        response: {
          201: z.object({
            id: z.string(),
            notices: z.array(z.object({ communityId: z.string(), sent: z.boolean(), reason: z.string().optional() })),
          }),
        },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await scheduleSession(ctxOf(req), req.body))),
  );
  r.patch(
    `${base}/sessions/:id`,
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '修改直播（标题、封面、时间、商品）',
        params: SessionParams,
        body: SessionPatch,
        response: { 200: z.object({ id: z.string() }) },
      },
    },
    async (req) => unwrap(await editSession(ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    `${base}/sessions/:id/cancel`,
    {
      config: { permission: 'user' },
      schema: { tags, summary: '取消直播预告', params: SessionParams, response: { 200: Status } },
    },
    async (req) => cancelSession(ctxOf(req), req.params.id),
  );
  r.post(
    `${base}/sessions/:id/start`,
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '开播（需信用分达标且已实名）',
        params: SessionParams,
        response: { 200: Status.extend({ reminded: z.number().int() }) },
      },
    },
    async (req) => unwrap(await startSession(ctxOf(req), req.params.id)),
  );
  r.post(
    `${base}/sessions/:id/end`,
    {
      config: { permission: 'user' },
      schema: { tags, summary: '下播（生成回放与讲解片段）', params: SessionParams, response: { 200: Status } },
    },
    async (req) => endSession(ctxOf(req), req.params.id),
  );
  r.put(
    `${base}/sessions/:id/roles`,
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '设置 1+N 工作人员（按手机号）',
        params: SessionParams,
        body: RolesBody,
        response: {
          200: z.object({
            roles: z.array(z.object({ userId: z.string(), phone: z.string(), role: z.enum(LIVE_ROLES) })),
          }),
        },
      },
    },
    async (req) => unwrap(await setRoles(ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    `${base}/sessions/:id/control`,
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '直播中控台：我的角色能做什么与直播间状态',
        params: SessionParams,
        response: { 200: Control },
      },
    },
    async (req) => controlPanel(ctxOf(req), req.params.id),
  );
  r.post(
    `${base}/sessions/:id/pin`,
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '置顶讲解商品',
        params: SessionParams,
        body: z.object({ productId: Id, claim: z.string().trim().max(40, '卖点最多 40 个字').optional() }).strict(),
        response: { 200: PinnedProduct },
      },
    },
    async (req) => unwrap(await pinProduct(ctxOf(req), req.params.id, req.body)),
  );
  r.delete(
    `${base}/sessions/:id/pin`,
    {
      config: { permission: 'user' },
      schema: { tags, summary: '取消置顶', params: SessionParams, response: { 200: z.object({ pinned: z.null() }) } },
    },
    async (req) => unpinProduct(ctxOf(req), req.params.id),
  );
  r.post(
    `${base}/sessions/:id/mutes`,
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '禁言观众',
        params: SessionParams,
        body: z
          .object({ userId: Id, minutes: z.number().int().min(1, '禁言 1–1440 分钟').max(1440, '禁言 1–1440 分钟') })
          .strict(),
        response: { 200: z.object({ userId: z.string(), until: z.string() }) },
      },
    },
    async (req) => muteViewer(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    `${base}/sessions/:id/messages/:messageId`,
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '删除弹幕',
        params: SessionParams.extend({ messageId: Id }),
        response: { 200: z.object({ removed: z.literal(true) }) },
      },
    },
    async (req) => removeMessage(ctxOf(req), req.params.id, req.params.messageId),
  );
  r.get(
    `${base}/sessions/:id/dashboard`,
    {
      config: { permission: 'user' },
      schema: { tags, summary: '实时数据大屏', params: SessionParams, response: { 200: Dashboard } },
    },
    async (req) => dashboard(ctxOf(req), req.params.id),
  );
  r.get(
    `${base}/sessions/:id/report`,
    {
      config: { permission: 'user' },
      schema: { tags, summary: '直播复盘报告（下播后）', params: SessionParams, response: { 200: Report } },
    },
    async (req) => sessionReport(ctxOf(req), req.params.id),
  );

  r.get(
    `${base}/qualification`,
    {
      config: { permission: 'merchant:live.manage' },
      schema: { tags, summary: '直播资质：实名、保证金、信用分', response: { 200: Qualification } },
    },
    async (req) => getQualification(ctxOf(req)),
  );
  r.post(
    `${base}/qualification/real-name`,
    {
      config: { permission: 'merchant:live.manage', rateLimit: { max: 10, timeWindow: '1 hour' } },
      schema: {
        tags,
        summary: '主播实名认证（仅保存脱敏姓名与身份证后四位）',
        body: z
          .object({
            name: z
              .string()
              .trim()
              .regex(/^[\u4e00-\u9fa5·]{2,20}$/, '请填写 2–20 个汉字的真实姓名'),
            idNumber: z.string().trim().min(18, '请填写 18 位身份证号码').max(18, '请填写 18 位身份证号码'),
          })
          .strict(),
        response: { 200: z.object({ realName: z.string(), idNumberTail: z.string() }) },
      },
    },
    async (req) => unwrap(await submitRealName(ctxOf(req), req.body)),
  );
  r.post(
    `${base}/qualification/deposit`,
    {
      config: { permission: 'merchant:finance.pay' },
      schema: {
        tags,
        summary: '缴纳直播保证金（从店铺可用余额划转）',
        response: { 200: z.object({ depositHeld: z.number().int(), journalRef: z.string() }) },
      },
    },
    async (req) => unwrap(await payDeposit(ctxOf(req))),
  );
  r.post(
    `${base}/qualification/deposit/release`,
    {
      config: { permission: 'merchant:finance.pay' },
      schema: {
        tags,
        summary: '退还直播保证金',
        response: { 200: z.object({ depositHeld: z.number().int(), released: z.number().int() }) },
      },
    },
    async (req) => unwrap(await releaseDeposit(ctxOf(req))),
  );
}
