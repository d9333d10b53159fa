import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import * as wechat from './wechat.ts';

const tags = ['账号'];
const Phone = z.string().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号');
const Binding = z.object({ bound: z.boolean(), nickname: z.string().nullable(), boundAt: z.string().nullable() });
const Authorize = z.object({
  authorizeUrl: z.string().describe('浏览器前往此地址授权（沙箱为本站的沙箱授权页）'),
  expiresAt: z.string(),
});
const AuthorizeBody = z.object({
  kind: z.enum(['web', 'mp']).describe('web：网站应用扫码（snsapi_login）；mp：公众号内网页授权'),
  scope: z.enum(['snsapi_base', 'snsapi_userinfo']).optional().describe('仅 mp；默认 snsapi_userinfo'),
});

/** Routes of 微信登录; `login` is the session response of the other login routes, `setSession` sets its cookie. */
export function wechatRoutes(
  app: App,
  login: z.ZodType,
  setSession: (reply: FastifyReply, token: string, expiresAt: string) => void,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const authLimit = {
    permission: 'public' as const,
    rateLimit: { max: 20, timeWindow: '10 minutes', keyGenerator: (req: { ip: string }) => `login:${req.ip}` },
  };

  r.post(
    '/api/v1/auth/wechat/authorize',
    {
      config: authLimit,
      schema: {
        tags,
        summary: '微信登录：生成授权地址（state 10 分钟内有效、只能用一次）',
        body: AuthorizeBody,
        response: { 200: Authorize },
      },
    },
    async (req) => wechat.startWechatLogin(ctxOf(req), req.body),
  );
  r.post(
    '/api/v1/auth/wechat/callback',
    {
      config: authLimit,
      schema: {
        tags,
        summary: '微信登录：用授权回调的 code 与 state 登录、进入绑定手机号，或完成设置页发起的绑定',
        body: z.object({ code: z.string().min(1).max(256), state: z.string().min(1).max(128) }),
        response: {
          200: z.discriminatedUnion('status', [
            z.object({ status: z.literal('signed-in'), login }),
            z.object({
              status: z.literal('needs-phone'),
              ticket: z.string().describe('10 分钟内用于绑定手机号'),
              nickname: z.string().nullable(),
              expiresAt: z.string(),
            }),
            z.object({ status: z.literal('bound'), wechat: Binding }),
          ]),
        },
      },
    },
    async (req, reply) => {
      const outcome = unwrap(await wechat.finishWechatLogin(ctxOf(req), req.body));
      if (outcome.status === 'signed-in') setSession(reply, outcome.login.token, outcome.login.expiresAt);
      return outcome;
    },
  );
  r.post(
    '/api/v1/auth/wechat/bind-phone',
    {
      config: authLimit,
      schema: {
        tags,
        summary: '微信登录：新微信用户用短信验证码绑定手机号并登录（已有账号的手机号绑定到该账号）',
        body: z.object({
          ticket: z.string().min(1).max(128),
          phone: Phone,
          code: z.string().regex(/^\d{6}$/, '验证码为 6 位数字'),
        }),
        response: { 200: login },
      },
    },
    async (req, reply) => {
      const result = unwrap(await wechat.bindPhoneAndSignIn(ctxOf(req), req.body));
      setSession(reply, result.token, result.expiresAt);
      return result;
    },
  );

  r.get(
    '/api/v1/me/wechat',
    { config: { permission: 'user' }, schema: { tags, summary: '我的微信绑定', response: { 200: Binding } } },
    async (req) => wechat.myWechatBinding(ctxOf(req)),
  );
  r.post(
    '/api/v1/me/wechat/authorize',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '绑定微信：生成授权地址（回调须由本账号完成）',
        body: AuthorizeBody,
        response: { 200: Authorize },
      },
    },
    async (req) => wechat.startWechatLogin(ctxOf(req), { ...req.body, bind: true }),
  );
  r.delete(
    '/api/v1/me/wechat',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '解绑微信（手机号仍可登录）', response: { 200: Binding } },
    },
    async (req) => wechat.unbindWechat(ctxOf(req)),
  );
}
