import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import * as svc from './service.ts';

const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const MyInvitation = z.object({
  code: z.string(),
  link: z.string(),
  invited: z.number(),
  waiting: z.number(),
  rewarded: z.number(),
  rewardTotal: z.number(),
  rewardPerInvite: z.number(),
  inviter: z.object({ nickname: z.string() }).nullable(),
  canBind: z.boolean(),
});
const Invitee = z.object({
  nickname: z.string(),
  avatarUrl: z.string().nullable(),
  boundAt: z.string(),
  status: z.enum(['registered', 'first_purchase_pending', 'rewarded']),
  refundedOrders: z.number(),
  rewardAmount: z.number(),
  rewardedAt: z.string().nullable(),
});
const InviterRow = z.object({
  inviterId: z.string(),
  nickname: z.string(),
  invitees: z.number(),
  downline: z.number(),
  chainLength: z.number(),
  converted: z.number(),
  rewarded: z.number(),
  orders: z.number(),
  refundedOrders: z.number(),
  repeatBuyers: z.number(),
  netGmv: z.number(),
});
const FissionReport = z.object({
  totals: z.object({
    inviters: z.number(),
    invitees: z.number(),
    converted: z.number(),
    rewarded: z.number(),
    orders: z.number(),
    refundedOrders: z.number(),
    repeatBuyers: z.number(),
    netGmv: z.number(),
    maxChainLength: z.number(),
  }),
  depthHistogram: z.array(z.object({ depth: z.number(), invitees: z.number() })),
  inviters: z.array(InviterRow),
  nextCursor: z.string().nullable(),
});

const tags = ['邀请'];

export default async function invitationRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/me/invitation',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '我的邀请码、邀请链接与奖励汇总', response: { 200: MyInvitation } },
    },
    async (req) => svc.getMyInvitation(ctxOf(req)),
  );

  r.get(
    '/api/v1/me/invitees',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '我邀请的人（新到旧）及其奖励进度',
        querystring: PageQuery,
        response: { 200: page(Invitee) },
      },
    },
    async (req) => svc.listMyInvitees(ctxOf(req), req.query),
  );

  r.post(
    '/api/v1/me/invitation/bind',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '新用户绑定邀请码',
        description: `账号注册 ${svc.BIND_WINDOW_HOURS} 小时内、尚未付款下单时可绑定一次；不能绑定自己或自己邀请链上的下级。`,
        body: z.object({ code: z.string().trim().min(4).max(16) }),
        response: { 200: z.object({ inviter: z.object({ nickname: z.string() }) }) },
      },
    },
    async (req) => unwrap(await svc.bindInvitation(ctxOf(req), req.body)),
  );

  r.get(
    '/api/v1/admin/fission-report',
    {
      config: { permission: 'staff:insights.read' },
      schema: {
        tags,
        summary: '裂变报表：链路长度、转化、退款与被邀请用户质量',
        querystring: PageQuery,
        response: { 200: FissionReport },
      },
    },
    async (req) => svc.fissionReport(ctxOf(req), req.query),
  );
}
