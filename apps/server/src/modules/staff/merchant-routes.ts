import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MERCHANT_PERMISSIONS, MERCHANT_ROLES } from '../../platform/auth.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import * as members from './merchant-members.ts';

const tags = ['店铺员工'];
const Role = z.enum(MERCHANT_ROLES);
const SubRole = z.enum(['manager', 'service', 'shipping', 'finance'], {
  message: '请选择岗位：店长、客服、发货或财务',
});
const Phone = z.string().regex(/^1\d{10}$/, '请输入 11 位手机号');
const Params = z.object({ userId: z.string().max(64) });
const Assigned = z.object({ userId: z.string(), role: Role });

export default async function merchantStaffRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/merchant/staff/roles',
    {
      config: { permission: 'merchant:shop.read' },
      schema: {
        tags,
        summary: '店铺岗位与各自的权限',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: Role,
                label: z.string(),
                duty: z.string(),
                permissions: z.array(z.enum(MERCHANT_PERMISSIONS)),
              }),
            ),
          }),
        },
      },
    },
    async () => members.merchantRoles(),
  );
  r.get(
    '/api/v1/merchant/staff',
    {
      config: { permission: 'merchant:staff.manage' },
      schema: {
        tags,
        summary: '本店员工（手机号脱敏）',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                userId: z.string(),
                phone: z.string(),
                nickname: z.string(),
                role: Role,
                roleLabel: z.string(),
                since: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => members.listShopStaff(ctxOf(req)),
  );
  r.post(
    '/api/v1/merchant/staff',
    {
      config: { permission: 'merchant:staff.manage' },
      schema: {
        tags,
        summary: '按手机号邀请子账号并指定岗位（对方登录后即可进入本店；记入变更记录）',
        body: z.object({ phone: Phone, nickname: z.string().trim().min(1).max(20).optional(), role: SubRole }),
        response: { 201: Assigned },
      },
    },
    async (req, reply) => reply.code(201).send(unwrap(await members.inviteShopStaff(ctxOf(req), req.body))),
  );
  r.put(
    '/api/v1/merchant/staff/:userId/role',
    {
      config: { permission: 'merchant:staff.manage' },
      schema: {
        tags,
        summary: '修改子账号岗位（下一次请求即按新岗位；记入变更记录）',
        params: Params,
        body: z.object({ role: SubRole }),
        response: { 200: Assigned },
      },
    },
    async (req) => unwrap(await members.changeShopStaffRole(ctxOf(req), req.params.userId, req.body.role)),
  );
  r.delete(
    '/api/v1/merchant/staff/:userId',
    {
      config: { permission: 'merchant:staff.manage' },
      schema: {
        tags,
        summary: '移除子账号（其个人账号保留；店主不能移除自己；记入变更记录）',
        params: Params,
        response: { 200: z.object({ userId: z.string() }) },
      },
    },
    async (req) => unwrap(await members.removeShopStaff(ctxOf(req), req.params.userId)),
  );
  r.get(
    '/api/v1/merchant/staff/role-changes',
    {
      config: { permission: 'merchant:staff.manage' },
      schema: {
        tags,
        summary: '本店员工岗位变更记录',
        querystring: z.object({
          cursor: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(20),
        }),
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
    async (req) => members.listShopRoleChanges(ctxOf(req), req.query),
  );
}
