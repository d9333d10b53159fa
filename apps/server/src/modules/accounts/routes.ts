import { z } from 'zod';
import { MERCHANT_PERMISSIONS, MERCHANT_ROLES, PLATFORM_ROLES } from '../../platform/auth.ts';
import { type App, SESSION_COOKIE } from '../../platform/http.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { OwnMediaUrl } from '../../platform/media.ts';
import * as addressBook from './addresses.ts';
import * as svc from './service.ts';
import { wechatRoutes } from './wechat-routes.ts';

const Phone = z.string().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号');

const User = z.object({
  id: z.string(),
  phone: z.string(),
  nickname: z.string(),
  avatarUrl: z.string().nullable(),
  roles: z.array(z.enum(['consumer', 'operator', ...PLATFORM_ROLES])),
  staff: z.array(
    z.object({
      merchantId: z.string(),
      role: z.enum(MERCHANT_ROLES),
      permissions: z.array(z.enum(MERCHANT_PERMISSIONS)).describe('该岗位在本店的权限（控制台据此隐藏菜单）'),
    }),
  ),
  hasPassword: z.boolean(),
  createdAt: z.string(),
});
const Login = z.object({ token: z.string(), expiresAt: z.string(), user: User });
const AddressInput = z.object({
  recipient: z.string().trim().min(1, '请填写收货人').max(20),
  phone: Phone,
  province: z.string().trim().min(1).max(20),
  city: z.string().trim().min(1).max(20),
  district: z.string().trim().min(1).max(20),
  detail: z.string().trim().min(4, '详细地址至少 4 个字').max(120),
  isDefault: z.boolean().optional(),
});
const Address = AddressInput.extend({ id: z.string(), isDefault: z.boolean() });

const tags = ['账号'];

export default async function accountRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const sessionCookie = (token: string, expiresAt: string) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.deps.config.NODE_ENV === 'production' && app.deps.config.PUBLIC_URL?.startsWith('https') === true,
    expires: new Date(expiresAt),
  });
  wechatRoutes(app, Login, (reply, token, expiresAt) => {
    void reply.setCookie(SESSION_COOKIE, token, sessionCookie(token, expiresAt));
  });

  r.post(
    '/api/v1/auth/sms-codes',
    {
      config: {
        permission: 'public',
        rateLimit: { max: 10, timeWindow: '1 hour', keyGenerator: (req) => `sms:${req.ip}` },
      },
      schema: {
        tags,
        summary: '发送登录验证码',
        body: z.object({ phone: Phone }),
        response: { 200: z.object({ expiresInSeconds: z.number() }) },
      },
    },
    async (req) => unwrap(await svc.requestLoginCode(ctxOf(req), req.body.phone)),
  );

  r.post(
    '/api/v1/auth/login/code',
    {
      config: {
        permission: 'public',
        rateLimit: { max: 20, timeWindow: '10 minutes', keyGenerator: (req) => `login:${req.ip}` },
      },
      schema: {
        tags,
        summary: '验证码登录（新手机号自动注册）',
        body: z.object({ phone: Phone, code: z.string().regex(/^\d{6}$/, '验证码为 6 位数字') }),
        response: { 200: Login },
      },
    },
    async (req, reply) => {
      const result = unwrap(await svc.loginWithCode(ctxOf(req), req.body));
      void reply.setCookie(SESSION_COOKIE, result.token, sessionCookie(result.token, result.expiresAt));
      return result;
    },
  );

  r.post(
    '/api/v1/auth/login/password',
    {
      config: {
        permission: 'public',
        rateLimit: { max: 20, timeWindow: '10 minutes', keyGenerator: (req) => `login:${req.ip}` },
      },
      schema: {
        tags,
        summary: '密码登录',
        body: z.object({ phone: Phone, password: z.string().min(1).max(128) }),
        response: { 200: Login },
      },
    },
    async (req, reply) => {
      const result = unwrap(await svc.loginWithPassword(ctxOf(req), req.body));
      void reply.setCookie(SESSION_COOKIE, result.token, sessionCookie(result.token, result.expiresAt));
      return result;
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { config: { permission: 'user' }, schema: { tags, summary: '退出登录', response: { 204: z.null() } } },
    async (req, reply) => {
      await svc.logout(ctxOf(req));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/socket-tickets',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '领取 WebSocket 连接票据（60 秒内一次有效，用于 ?ticket=）',
        response: { 201: z.object({ ticket: z.string(), expiresAt: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.issueSocketTicket(ctxOf(req))),
  );

  r.get(
    '/api/v1/me',
    { config: { permission: 'user' }, schema: { tags, summary: '当前用户', response: { 200: User } } },
    async (req) => svc.getMe(ctxOf(req)),
  );

  r.patch(
    '/api/v1/me',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '修改资料',
        body: z.object({
          nickname: z.string().trim().min(1).max(20).optional(),
          avatarUrl: OwnMediaUrl.nullable().optional(),
        }),
        response: { 200: User },
      },
    },
    async (req) => svc.updateProfile(ctxOf(req), req.body),
  );

  r.put(
    '/api/v1/me/password',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '设置密码',
        body: z.object({
          password: z
            .string()
            .min(8, '密码至少 8 位')
            .max(64)
            .regex(/[A-Za-z]/, '密码需包含字母')
            .regex(/\d/, '密码需包含数字'),
        }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await svc.setPassword(ctxOf(req), req.body.password);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/me/addresses',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '收货地址列表', response: { 200: z.object({ items: z.array(Address) }) } },
    },
    async (req) => ({ items: await addressBook.listAddresses(ctxOf(req)) }),
  );
  r.post(
    '/api/v1/me/addresses',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '新增收货地址', body: AddressInput, response: { 201: Address } },
    },
    async (req, reply) => reply.status(201).send(unwrap(await addressBook.addAddress(ctxOf(req), req.body))),
  );
  r.patch(
    '/api/v1/me/addresses/:id',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '修改收货地址',
        params: z.object({ id: z.string() }),
        body: AddressInput.partial(),
        response: { 200: Address },
      },
    },
    async (req) => addressBook.updateAddress(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/me/addresses/:id',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '删除收货地址', params: z.object({ id: z.string() }), response: { 204: z.null() } },
    },
    async (req, reply) => {
      await addressBook.deleteAddress(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
