import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { Id, page, PageQuery, Segment } from './dto.ts';
import { listSegmentMessages, sendSegmentMessage } from './outreach.ts';
import { MEMBER_ROLES, MEMBER_TIERS, TIMELINE_KINDS } from './schema.ts';
import { addStaffNote, listMembers, memberProfile, setMemberTags, tagsInUse } from './scrm.ts';

/** SCRM for the community's owner (merchant staff or the creator); each use-case checks that standing. */
const tags = ['社群 SCRM'];
const CommunityParams = z.object({ id: Id });
const MemberParams = z.object({ id: Id, userId: Id });

const MemberRow = z.object({
  userId: z.string(),
  nickname: z.string(),
  avatarUrl: z.string().nullable(),
  tier: z.enum(MEMBER_TIERS),
  role: z.enum(MEMBER_ROLES),
  groupSeq: z.number(),
  source: z.string(),
  joinedAt: z.string(),
  mutedUntil: z.string().nullable(),
  tags: z.array(z.string()),
  marketingConsent: z.boolean(),
});
const TimelineEntry = z.object({
  id: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  refId: z.string().nullable(),
  detail: z.string(),
  at: z.string(),
});

export default async function communityScrmRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/communities/:id/scrm/members',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '社群成员（按等级 / 标签筛选）',
        params: CommunityParams,
        querystring: PageQuery.extend({ tier: z.enum(MEMBER_TIERS).optional(), tag: z.string().max(20).optional() }),
        response: { 200: page(MemberRow) },
      },
    },
    async (req) => listMembers(ctxOf(req), req.params.id, req.query),
  );
  r.get(
    '/api/v1/communities/:id/scrm/members/:userId',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '成员私域档案（时间线、标签、备注）',
        params: MemberParams,
        querystring: PageQuery,
        response: {
          200: z.object({
            userId: z.string(),
            nickname: z.string(),
            avatarUrl: z.string().nullable(),
            tier: z.enum(MEMBER_TIERS),
            role: z.enum(MEMBER_ROLES),
            active: z.boolean(),
            joinedAt: z.string(),
            leftAt: z.string().nullable(),
            marketingConsent: z.boolean(),
            tags: z.array(z.string()),
            notes: z.array(z.object({ id: z.string(), body: z.string(), author: z.string(), createdAt: z.string() })),
            timeline: page(TimelineEntry),
          }),
        },
      },
    },
    async (req) => memberProfile(ctxOf(req), req.params.id, req.params.userId, req.query),
  );
  r.put(
    '/api/v1/communities/:id/scrm/members/:userId/tags',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '设置成员标签',
        params: MemberParams,
        body: z.object({ tags: z.array(z.string().trim().min(1).max(20)).max(20) }),
        response: { 200: z.object({ tags: z.array(z.string()) }) },
      },
    },
    async (req) => setMemberTags(ctxOf(req), req.params.id, req.params.userId, req.body.tags),
  );
  r.post(
    '/api/v1/communities/:id/scrm/members/:userId/notes',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '添加 1 对 1 服务备注',
        params: MemberParams,
        body: z.object({ body: z.string().trim().min(1, '请填写备注').max(500) }),
        response: { 201: z.object({ id: z.string(), createdAt: z.string() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addStaffNote(ctxOf(req), req.params.id, req.params.userId, req.body.body)),
  );
  r.get(
    '/api/v1/communities/:id/scrm/tags',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '社群内使用中的标签',
        params: CommunityParams,
        response: { 200: z.object({ items: z.array(z.string()) }) },
      },
    },
    async (req) => ({ items: await tagsInUse(ctxOf(req), req.params.id) }),
  );
  r.post(
    '/api/v1/communities/:id/scrm/messages',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '向成员分组发消息（促销消息仅发给同意营销的成员，并占用每周 3 次推送额度）',
        params: CommunityParams,
        body: z.object({
          title: z.string().trim().min(2, '标题 2–40 个字').max(40, '标题 2–40 个字'),
          body: z.string().trim().min(1, '请填写消息内容').max(1000),
          productId: Id.optional(),
          promotional: z.boolean(),
          segment: Segment.default({ tiers: [], tags: [] }),
          userIds: z.array(Id).min(1).max(100).optional(),
        }),
        response: {
          201: z.object({
            id: z.string(),
            recipients: z.number(),
            skippedNoConsent: z.number(),
            week: z.string().nullable(),
            slot: z.number().nullable(),
          }),
        },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await sendSegmentMessage(ctxOf(req), req.params.id, req.body))),
  );
  r.get(
    '/api/v1/communities/:id/scrm/messages',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '已发送的分组消息',
        params: CommunityParams,
        querystring: PageQuery,
        response: {
          200: page(
            z.object({
              id: z.string(),
              title: z.string(),
              body: z.string(),
              productId: z.string().nullable(),
              promotional: z.boolean(),
              segment: z.object({ tiers: z.array(z.enum(MEMBER_TIERS)), tags: z.array(z.string()) }),
              recipients: z.number(),
              skippedNoConsent: z.number(),
              createdAt: z.string(),
            }),
          ),
        },
      },
    },
    async (req) => listSegmentMessages(ctxOf(req), req.params.id, req.query),
  );
}
