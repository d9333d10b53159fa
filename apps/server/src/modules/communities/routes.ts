import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { recordCardClick, markRead } from './chat-admin.ts';
import { listChatMessages, sendChatMessage } from './chat.ts';
import { listAnnouncements } from './calendar.ts';
import { cancelMeetupSignUp, listMeetups, signUpForMeetup } from './meetups.ts';
import { createCreatorCommunity, joinCommunity, leaveCommunity } from './membership.ts';
import { getMarketingConsent, myInbox, readInboxMessage, requestService, setMarketingConsent } from './outreach.ts';
import { communityDetail, discoverCommunities, myCommunities } from './queries.ts';
import communityAdminRoutes from './admin-routes.ts';
import { ADMISSIONS } from './schema.ts';
import communityScrmRoutes from './scrm-routes.ts';
import communitySocketRoutes from './socket.ts';
import {
  Announcement,
  ChatMessage,
  chatInput,
  CommunityCard,
  CommunityDetail,
  Id,
  Meetup,
  page,
  PageQuery,
} from './dto.ts';

const tags = ['社群'];
const CommunityParams = z.object({ id: Id });
const GroupParams = z.object({ groupId: Id });

export default async function communityRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/communities',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '发现社群',
        querystring: PageQuery.extend({ merchantId: Id.optional() }),
        response: { 200: page(CommunityCard) },
      },
    },
    async (req) => discoverCommunities(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/me/communities',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '我的社群',
        response: {
          200: z.object({
            items: z.array(
              CommunityCard.extend({
                groupId: z.string(),
                groupSeq: z.number(),
                tier: z.string(),
                role: z.string(),
                source: z.string(),
                joinedAt: z.string(),
                unread: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await myCommunities(ctxOf(req)) }),
  );
  r.post(
    '/api/v1/communities',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '创建兴趣社群（创作者）',
        body: z.object({
          name: z.string().trim().min(2, '社群名称 2–30 个字').max(30, '社群名称 2–30 个字'),
          description: z.string().trim().max(300).default(''),
          admission: z.enum(ADMISSIONS).refine((a) => a !== 'purchase', '按购买加入仅适用于商家社群'),
          admissionMinTier: z.enum(['regular', 'silver', 'gold', 'diamond']).optional(),
        }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createCreatorCommunity(ctxOf(req), req.body)),
  );
  r.get(
    '/api/v1/communities/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '社群详情（含我的成员身份）',
        params: CommunityParams,
        response: { 200: CommunityDetail },
      },
    },
    async (req) => communityDetail(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/communities/:id/join',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '加入社群（按入群规则：直接加入 / 申请 / 会员等级 / 购买过）',
        description: '每个群最多 500 人；满员后自动进入同一社群的下一个群。',
        params: CommunityParams,
        body: z.object({ message: z.string().trim().max(200).optional() }).default({}),
        response: { 200: z.object({ status: z.enum(['joined', 'applied']), groupId: z.string().nullable() }) },
      },
    },
    async (req) => unwrap(await joinCommunity(ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/v1/communities/:id/leave',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '退出社群',
        params: CommunityParams,
        response: { 200: z.object({ left: z.literal(true) }) },
      },
    },
    async (req) => unwrap(await leaveCommunity(ctxOf(req), req.params.id)),
  );
  r.get(
    '/api/v1/communities/:id/announcements',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '社群公告',
        params: CommunityParams,
        querystring: PageQuery,
        response: { 200: page(Announcement) },
      },
    },
    async (req) => listAnnouncements(ctxOf(req), req.params.id, req.query),
  );
  r.get(
    '/api/v1/communities/:id/meetups',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '社群线下活动',
        params: CommunityParams,
        response: { 200: z.object({ items: z.array(Meetup) }) },
      },
    },
    async (req) => ({ items: await listMeetups(ctxOf(req), req.params.id) }),
  );
  r.post(
    '/api/v1/community-meetups/:id/signup',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '报名线下活动',
        params: CommunityParams,
        response: { 200: z.object({ signedUp: z.number() }) },
      },
    },
    async (req) => unwrap(await signUpForMeetup(ctxOf(req), req.params.id)),
  );
  r.delete(
    '/api/v1/community-meetups/:id/signup',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '取消报名',
        params: CommunityParams,
        response: { 200: z.object({ signedUp: z.number() }) },
      },
    },
    async (req) => unwrap(await cancelMeetupSignUp(ctxOf(req), req.params.id)),
  );
  r.post(
    '/api/v1/communities/:id/service-requests',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '向社群客服发起 1 对 1 咨询',
        params: CommunityParams,
        body: z.object({ question: z.string().trim().min(2, '请描述你的问题').max(300) }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await requestService(ctxOf(req), req.params.id, req.body.question)),
  );

  r.get(
    '/api/v1/community-groups/:groupId/messages',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '群聊历史（新消息在前，cursor 翻页）',
        params: GroupParams,
        querystring: PageQuery.extend({ pinned: z.enum(['true', 'false']).optional() }),
        response: { 200: page(ChatMessage).extend({ standing: z.string() }) },
      },
    },
    async (req) =>
      listChatMessages(ctxOf(req), req.params.groupId, { ...req.query, pinned: req.query.pinned === 'true' }),
  );
  r.post(
    '/api/v1/community-groups/:groupId/messages',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '发送群消息（文字 / 图片 / 商品卡片；也可走 WebSocket）',
        params: GroupParams,
        body: chatInput,
        response: { 201: ChatMessage },
      },
    },
    async (req, reply) =>
      reply.status(201).send(unwrap(await sendChatMessage(ctxOf(req), req.params.groupId, req.body))),
  );
  r.post(
    '/api/v1/community-groups/:groupId/read',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '标记已读到某条消息',
        params: GroupParams,
        body: z.object({ messageId: Id }),
        response: { 200: z.object({ lastReadMessageId: z.string().nullable() }) },
      },
    },
    async (req) => markRead(ctxOf(req), req.params.groupId, req.body.messageId),
  );
  r.post(
    '/api/v1/community-messages/:id/click',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '点击群内商品卡片（记入私域行为）',
        params: CommunityParams,
        response: { 200: z.object({ productId: z.string() }) },
      },
    },
    async (req) => recordCardClick(ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/me/community-inbox',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '社群消息（商家定向推送）',
        querystring: PageQuery,
        response: {
          200: page(
            z.object({
              id: z.string(),
              communityId: z.string(),
              communityName: z.string(),
              title: z.string(),
              body: z.string(),
              productId: z.string().nullable(),
              promotional: z.boolean(),
              read: z.boolean(),
              createdAt: z.string(),
            }),
          ).extend({ unread: z.number() }),
        },
      },
    },
    async (req) => myInbox(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/me/community-inbox/:id/read',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '阅读社群消息',
        params: CommunityParams,
        response: { 200: z.object({ read: z.boolean() }) },
      },
    },
    async (req) => readInboxMessage(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/me/marketing-consent',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '是否接收社群营销消息', response: { 200: z.object({ consented: z.boolean() }) } },
    },
    async (req) => getMarketingConsent(ctxOf(req)),
  );
  r.put(
    '/api/v1/me/marketing-consent',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '设置是否接收社群营销消息',
        body: z.object({ consented: z.boolean() }),
        response: { 200: z.object({ consented: z.boolean() }) },
      },
    },
    async (req) => setMarketingConsent(ctxOf(req), req.body.consented),
  );

  await communityAdminRoutes(app);
  await communityScrmRoutes(app);
  await communitySocketRoutes(app);
}
