import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { postAnnouncement, pushCalendar } from './calendar.ts';
import { expelMember, muteMember, pinChatMessage, removeChatMessage } from './chat-admin.ts';
import { createMeetup } from './meetups.ts';
import { createMerchantCommunity, decideApplication, updateMember } from './membership.ts';
import { listApplications, merchantCommunities } from './queries.ts';
import { ADMISSIONS, MEMBER_ROLES, MEMBER_TIERS } from './schema.ts';
import { CommunityCard, Group, Id } from './dto.ts';

/** A meetup is for people who can meet in one room; larger events are not community meetups. */
const GROUP_LIMIT_FOR_MEETUPS = 500;

/**
 * Running a community: its owner (merchant staff or the creator) and the admins/moderators they appoint. The
 * permission is 'user' because admins are ordinary members; each use-case checks the standing it needs.
 */
const tags = ['社群管理'];
const CommunityParams = z.object({ id: Id });
const MemberParams = z.object({ id: Id, userId: Id });

export default async function communityAdminRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/merchant/communities',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: {
        tags,
        summary: '本店社群（含各群人数、待审核申请）',
        response: {
          200: z.object({
            items: z.array(CommunityCard.extend({ groups: z.array(Group), pendingApplications: z.number() })),
          }),
        },
      },
    },
    async (req) => ({ items: await merchantCommunities(ctxOf(req)) }),
  );
  r.post(
    '/api/v1/merchant/communities',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: {
        tags,
        summary: '创建本店社群',
        description: '每个群最多 500 人，不可调高。exclusive=true 为首单自动加入的专属社群（每店一个）。',
        body: z.object({
          name: z.string().trim().min(2, '社群名称 2–30 个字').max(30, '社群名称 2–30 个字'),
          description: z.string().trim().max(300).default(''),
          admission: z.enum(ADMISSIONS),
          admissionMinTier: z.enum(['regular', 'silver', 'gold', 'diamond']).optional(),
          exclusive: z.boolean().default(false),
        }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createMerchantCommunity(ctxOf(req), req.body)),
  );
  r.post(
    '/api/v1/communities/:id/announcements',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '发布公告（促销公告占用每周 3 次推送额度）',
        params: CommunityParams,
        body: z.object({
          title: z.string().trim().min(2, '标题 2–40 个字').max(40, '标题 2–40 个字'),
          body: z.string().trim().min(1, '请填写公告内容').max(1000),
          promotional: z.boolean().default(false),
          pinned: z.boolean().default(false),
        }),
        response: { 201: z.object({ id: z.string(), createdAt: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await postAnnouncement(ctxOf(req), req.params.id, req.body))),
  );
  r.get(
    '/api/v1/communities/:id/push-calendar',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '本周促销推送日历（每周最多 3 次）',
        params: CommunityParams,
        response: {
          200: z.object({
            week: z.string(),
            weekStartsAt: z.string(),
            nextWeekStartsAt: z.string(),
            limit: z.number(),
            remaining: z.number(),
            pushes: z.array(
              z.object({
                slot: z.number(),
                kind: z.string(),
                refId: z.string(),
                title: z.string(),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => pushCalendar(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/communities/:id/meetups',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '发起线下活动',
        params: CommunityParams,
        body: z.object({
          title: z.string().trim().min(2).max(40),
          description: z.string().trim().max(1000).default(''),
          location: z.string().trim().min(2, '请填写活动地点').max(100),
          startsAt: z.coerce.date(),
          capacity: z.number().int().min(1).max(GROUP_LIMIT_FOR_MEETUPS),
        }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createMeetup(ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/communities/:id/applications',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '待审核的入群申请',
        params: CommunityParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                userId: z.string(),
                nickname: z.string(),
                message: z.string(),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await listApplications(ctxOf(req), req.params.id) }),
  );
  r.post(
    '/api/v1/community-applications/:id/decision',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '审核入群申请',
        params: CommunityParams,
        body: z.object({ approve: z.boolean() }),
        response: { 200: z.object({ status: z.enum(['approved', 'rejected']), groupId: z.string().nullable() }) },
      },
    },
    async (req) => unwrap(await decideApplication(ctxOf(req), req.params.id, req.body.approve)),
  );
  r.patch(
    '/api/v1/communities/:id/members/:userId',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '设置成员等级（普通 / VIP / 核心粉丝）或角色（仅社群所有者可任命管理员）',
        params: MemberParams,
        body: z.object({ tier: z.enum(MEMBER_TIERS).optional(), role: z.enum(MEMBER_ROLES).optional() }),
        response: { 200: z.object({ tier: z.enum(MEMBER_TIERS), role: z.enum(MEMBER_ROLES) }) },
      },
    },
    async (req) => updateMember(ctxOf(req), req.params.id, req.params.userId, req.body),
  );
  r.post(
    '/api/v1/communities/:id/members/:userId/mute',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '禁言成员（minutes=0 解除）',
        params: MemberParams,
        body: z.object({
          minutes: z
            .number()
            .int()
            .min(0)
            .max(30 * 24 * 60),
        }),
        response: { 200: z.object({ userId: z.string(), mutedUntil: z.string().nullable(), text: z.string() }) },
      },
    },
    async (req) => muteMember(ctxOf(req), req.params.id, req.params.userId, req.body.minutes),
  );
  r.delete(
    '/api/v1/communities/:id/members/:userId',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '移出成员',
        params: MemberParams,
        response: { 200: z.object({ userId: z.string(), removed: z.boolean() }) },
      },
    },
    async (req) => expelMember(ctxOf(req), req.params.id, req.params.userId),
  );
  r.delete(
    '/api/v1/community-messages/:id',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '撤回群消息（管理员 / 版主）',
        params: CommunityParams,
        response: { 200: z.object({ messageId: z.string(), removed: z.boolean() }) },
      },
    },
    async (req) => removeChatMessage(ctxOf(req), req.params.id),
  );
  r.put(
    '/api/v1/community-messages/:id/pin',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '置顶 / 取消置顶话题',
        params: CommunityParams,
        body: z.object({ pinned: z.boolean() }),
        response: { 200: z.object({ messageId: z.string(), pinned: z.boolean() }) },
      },
    },
    async (req) => pinChatMessage(ctxOf(req), req.params.id, req.body.pinned),
  );
}
