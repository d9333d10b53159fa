import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import adminPointsRoutes from './admin-routes.ts';
import {
  CharityProject,
  Donated,
  DonateInput,
  DonationEntry,
  GiftInput,
  GiftPreviewInput,
  GiftRecipient,
  GiftSent,
  HistoryEntry,
  IdParams,
  MallItem,
  MyPoints,
  page,
  PageQuery,
  RedeemInput,
  Redemption,
  ShareInput,
  ShareRewarded,
  SignedIn,
  SignInCalendar,
} from './dto.ts';
import * as svc from './service.ts';

const tags = ['积分'];
const charityTags = ['公益'];
const IdemHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });

export default async function pointsRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const user = { permission: 'user' as const };

  r.get(
    '/api/v1/points/me',
    {
      config: user,
      schema: { tags, summary: '我的积分：余额、即将过期、签到与分享进度', response: { 200: MyPoints } },
    },
    async (req) => svc.myPoints(ctxOf(req)),
  );
  r.get(
    '/api/v1/points/sign-in',
    { config: user, schema: { tags, summary: '本月签到日历与连签天数', response: { 200: SignInCalendar } } },
    async (req) => svc.signInCalendar(ctxOf(req)),
  );
  r.post(
    '/api/v1/points/sign-in',
    {
      config: user,
      schema: { tags, summary: '每日签到（北京时间每天一次；每连签 7 天额外奖励）', response: { 200: SignedIn } },
    },
    async (req) => unwrap(await svc.signIn(ctxOf(req))),
  );
  r.post(
    '/api/v1/points/shares',
    {
      config: user,
      schema: {
        tags,
        summary: '分享得积分（商城在用户分享时调用；同一内容每天只计一次，每天前 3 次有奖励）',
        body: ShareInput,
        response: { 200: ShareRewarded },
      },
    },
    async (req) => unwrap(await svc.recordShare(ctxOf(req), req.body)),
  );
  r.get(
    '/api/v1/points/history',
    {
      config: user,
      schema: { tags, summary: '积分明细（来自账本）', querystring: PageQuery, response: { 200: page(HistoryEntry) } },
    },
    async (req) => svc.pointsHistory(ctxOf(req), req.query),
  );

  r.post(
    '/api/v1/points/gifts/preview',
    {
      config: user,
      schema: {
        tags,
        summary: '赠送前确认收款人（手机号与昵称脱敏显示）',
        body: GiftPreviewInput,
        response: { 200: GiftRecipient },
      },
    },
    async (req) => unwrap(await svc.previewGift(ctxOf(req), req.body.phone)),
  );
  r.post(
    '/api/v1/points/gifts',
    {
      config: user,
      schema: {
        tags,
        summary: '赠送积分给好友（需 Idempotency-Key）',
        headers: IdemHeaders,
        body: GiftInput,
        response: { 200: GiftSent },
      },
    },
    async (req) => unwrap(await svc.sendGift(ctxOf(req), req.body)),
  );

  r.get(
    '/api/v1/points/mall',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '积分商城商品', response: { 200: z.object({ items: z.array(MallItem) }) } },
    },
    async (req) => svc.listMallItems(ctxOf(req).db, { includeInactive: false }),
  );
  r.post(
    '/api/v1/points/mall/:id/redeem',
    {
      config: user,
      schema: {
        tags,
        summary: '积分兑换商品（需 Idempotency-Key；由平台发货）',
        headers: IdemHeaders,
        params: IdParams,
        body: RedeemInput,
        response: { 201: Redemption },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.redeemMallItem(ctxOf(req), req.params.id, req.body))),
  );
  r.get(
    '/api/v1/points/redemptions',
    {
      config: user,
      schema: { tags, summary: '我的兑换记录', querystring: PageQuery, response: { 200: page(Redemption) } },
    },
    async (req) => svc.listMyRedemptions(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/charity/projects',
    {
      config: { permission: 'public' },
      schema: {
        tags: charityTags,
        summary: '公益项目（募集积分来自账本）',
        response: { 200: z.object({ items: z.array(CharityProject) }) },
      },
    },
    async (req) => svc.listCharityProjects(ctxOf(req).db, { includeClosed: false }),
  );
  r.get(
    '/api/v1/charity/projects/:id/donations',
    {
      config: { permission: 'public' },
      schema: {
        tags: charityTags,
        summary: '公益账本：项目总额与每一笔捐赠（昵称脱敏）',
        params: IdParams,
        querystring: PageQuery,
        response: { 200: page(DonationEntry).extend({ project: CharityProject }) },
      },
    },
    async (req) => svc.charityLedger(ctxOf(req).db, req.params.id, req.query),
  );
  r.post(
    '/api/v1/charity/projects/:id/donations',
    {
      config: user,
      schema: {
        tags: charityTags,
        summary: '捐赠积分（需 Idempotency-Key；公开记入公益账本）',
        headers: IdemHeaders,
        params: IdParams,
        body: DonateInput,
        response: { 200: Donated },
      },
    },
    async (req) => unwrap(await svc.donatePoints(ctxOf(req), req.params.id, req.body.points)),
  );

  await adminPointsRoutes(app);
}
