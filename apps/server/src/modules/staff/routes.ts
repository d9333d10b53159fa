import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PLATFORM_ROLES, STAFF_PERMISSIONS } from '../../platform/auth.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { ACCESS_ACTIONS, searchAccessLog, type AccessAction } from './access.ts';
import * as members from './members.ts';
import * as totp from './totp.ts';
import { lookUpUser, unmaskUserPhone } from './user-lookup.ts';

const tags = ['员工与角色'];
const Role = z.enum(PLATFORM_ROLES);
const Phone = z.string().regex(/^1\d{10}$/, '请输入 11 位手机号');
const Page = {
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(20),
};
const Member = z.object({
  userId: z.string(),
  phone: z.string(),
  nickname: z.string(),
  roles: z.array(Role),
  totpEnrolled: z.boolean(),
});
const Code = z.string().regex(/^\d{6}$/, '请输入 6 位数字验证码');
const AccessActionEnum = z.enum(Object.keys(ACCESS_ACTIONS) as [AccessAction, ...AccessAction[]]);

export default async function staffRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- the signed-in staff member: roles, permissions, two-step verification ----
  r.get(
    '/api/v1/staff/me',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '我的岗位、权限与两步验证状态（仅平台员工）',
        response: {
          200: z.object({
            roles: z.array(Role),
            roleLabels: z.array(z.string()),
            permissions: z.array(z.enum(STAFF_PERMISSIONS)),
            required: z.boolean(),
            enrolled: z.boolean(),
            verified: z.boolean(),
          }),
        },
      },
    },
    async (req) => totp.mySecondFactor(ctxOf(req)),
  );
  r.post(
    '/api/v1/staff/me/totp/enrolment',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '开始绑定两步验证：生成密钥与二维码内容',
        response: { 200: z.object({ otpauthUrl: z.string(), secret: z.string() }) },
      },
    },
    async (req) => unwrap(await totp.startEnrolment(ctxOf(req))),
  );
  r.post(
    '/api/v1/staff/me/totp/confirmation',
    {
      config: { permission: 'user', rateLimit: { max: 10, timeWindow: '10 minutes' } },
      schema: {
        tags,
        summary: '输入第一个验证码完成绑定，返回一次性恢复码（只显示这一次）',
        body: z.object({ code: Code }),
        response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) },
      },
    },
    async (req) => unwrap(await totp.confirmEnrolment(ctxOf(req), req.body.code)),
  );
  r.post(
    '/api/v1/staff/me/totp/verification',
    {
      config: { permission: 'user', rateLimit: { max: 10, timeWindow: '10 minutes' } },
      schema: {
        tags,
        summary: '本次登录完成两步验证（验证码或恢复码）',
        body: z
          .object({ code: Code.optional(), recoveryCode: z.string().min(10).max(12).optional() })
          .refine((b) => !!b.code !== !!b.recoveryCode, '请输入验证码或恢复码之一'),
        response: { 200: z.object({ verified: z.literal(true) }) },
      },
    },
    async (req) => unwrap(await totp.verifySecondFactor(ctxOf(req), req.body)),
  );

  // ---- 员工与角色 (super-admin) ----
  r.get(
    '/api/v1/admin/staff/roles',
    {
      config: { permission: 'staff:staff.manage' },
      schema: {
        tags,
        summary: '岗位与权限矩阵',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: Role,
                label: z.string(),
                duty: z.string(),
                permissions: z.array(z.enum(STAFF_PERMISSIONS)),
                secondFactor: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async () => members.roleCatalogue(),
  );
  r.get(
    '/api/v1/admin/staff',
    {
      config: { permission: 'staff:staff.manage' },
      schema: { tags, summary: '平台员工（手机号脱敏）', response: { 200: z.object({ items: z.array(Member) }) } },
    },
    async (req) => members.listStaff(ctxOf(req)),
  );
  r.post(
    '/api/v1/admin/staff',
    {
      config: { permission: 'staff:staff.manage' },
      schema: {
        tags,
        summary: '按手机号邀请员工并授予岗位（记入变更记录）',
        body: z.object({
          phone: Phone,
          nickname: z.string().trim().min(1).max(20).optional(),
          roles: z.array(Role).min(1, '至少选择一个岗位'),
        }),
        response: { 201: z.object({ userId: z.string(), roles: z.array(Role) }) },
      },
    },
    async (req, reply) => reply.code(201).send(await members.inviteStaff(ctxOf(req), req.body)),
  );
  r.put(
    '/api/v1/admin/staff/:userId/roles',
    {
      config: { permission: 'staff:staff.manage' },
      schema: {
        tags,
        summary: '修改员工岗位；清空即撤销（其登录立即失效，记入变更记录）',
        params: z.object({ userId: z.string().max(64) }),
        body: z.object({ roles: z.array(Role) }),
        response: { 200: z.object({ userId: z.string(), roles: z.array(Role) }) },
      },
    },
    async (req) => unwrap(await members.assignRoles(ctxOf(req), req.params.userId, req.body.roles)),
  );
  r.get(
    '/api/v1/admin/staff/role-changes',
    {
      config: { permission: 'staff:staff.manage' },
      schema: {
        tags,
        summary: '岗位变更记录',
        querystring: z.object(Page),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                staffUserId: z.string(),
                staffName: z.string(),
                changedByName: z.string(),
                action: z.enum(['invite', 'assign', 'revoke']),
                rolesBefore: z.array(Role),
                rolesAfter: z.array(Role),
                at: z.string(),
              }),
            ),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => members.listRoleChanges(ctxOf(req), req.query),
  );

  // ---- 访问记录 (auditors) ----
  const Reason = z.string().trim().min(4, '请说明查询理由（至少 4 个字）').max(200, '理由最多 200 字');
  r.post(
    '/api/v1/admin/users/lookup',
    {
      config: { permission: 'staff:users.read' },
      schema: {
        tags,
        summary: '用户查询：按完整手机号查找（手机号脱敏显示；须说明理由，记入访问记录）',
        body: z.object({
          phone: z
            .string()
            .trim()
            .regex(/^1\d{10}$/, '请输入 11 位手机号'),
          reason: Reason,
        }),
        response: {
          200: z.object({
            userId: z.string(),
            nickname: z.string(),
            avatarUrl: z.string().nullable(),
            phone: z.string().describe('脱敏手机号'),
          }),
        },
      },
    },
    async (req) => lookUpUser(ctxOf(req), req.body),
  );
  r.post(
    '/api/v1/admin/users/:userId/phone',
    {
      config: { permission: 'staff:personal.unmask' },
      schema: {
        tags,
        summary: '查看用户完整手机号（须说明理由，记入访问记录）',
        params: z.object({ userId: z.string().max(64) }),
        body: z.object({ reason: Reason }),
        response: { 200: z.object({ phone: z.string() }) },
      },
    },
    async (req) => unmaskUserPhone(ctxOf(req), req.params.userId, req.body.reason),
  );
  r.get(
    '/api/v1/admin/access-log',
    {
      config: { permission: 'staff:audit.read' },
      schema: {
        tags,
        summary: '员工访问个人信息的记录（谁、何时、看了什么、为什么）',
        querystring: z.object({
          staffUserId: z.string().max(64).optional(),
          subjectUserId: z.string().max(64).optional(),
          action: AccessActionEnum.optional(),
          from: z.string().datetime({ message: '开始时间格式不正确' }).optional(),
          to: z.string().datetime({ message: '结束时间格式不正确' }).optional(),
          ...Page,
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                staffUserId: z.string(),
                staffName: z.string(),
                staffRoles: z.array(z.string()),
                subjectUserId: z.string().nullable(),
                action: AccessActionEnum,
                actionLabel: z.string(),
                resource: z.string(),
                reason: z.string().nullable(),
                people: z.number().int().describe('读取涉及的人数（导出为去重后的买家数）'),
                at: z.string(),
              }),
            ),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => searchAccessLog(ctxOf(req), req.query),
  );
}
