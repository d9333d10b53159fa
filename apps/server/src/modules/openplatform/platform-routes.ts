import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAFF_PERMISSIONS } from '../../platform/auth.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { platformCatalogue } from './docs.ts';
import {
  createPlatformKey,
  grantablePlatformScopes,
  listPlatformKeys,
  revokePlatformKey,
  rotatePlatformKey,
} from './platform-keys.ts';
import { PLATFORM_SCOPE_NAMES } from './scopes.ts';

const PlatformKey = z.object({
  id: z.string().describe('密钥 ID：每个请求放在 X-Haowu-Key 头中'),
  name: z.string(),
  scopes: z.array(z.enum(PLATFORM_SCOPE_NAMES)),
  rateLimitPerMinute: z.number().int(),
  createdAt: z.string(),
  createdByName: z.string().nullable().describe('创建人昵称（创建人注销后为空）'),
  rotatedAt: z.string().nullable(),
  previousSecretExpiresAt: z.string().nullable().describe('轮换后旧密钥的失效时间（宽限期内新旧密钥都可签名）'),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const WithSecret = PlatformKey.extend({ secret: z.string().describe('签名密钥，仅此一次显示') });
const Params = z.object({ id: z.string().min(1).max(64) });

/** The operator's own keys, managed on 开放平台密钥 by staff holding openplatform.manage (docs/OPEN-PLATFORM.md). */
export function platformKeyRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['开放平台（平台密钥）'];
  const config = { permission: 'staff:openplatform.manage' as const };
  const base = '/api/v1/admin/open-platform';

  r.get(
    `${base}/keys`,
    {
      config,
      schema: { tags, summary: '平台 API 密钥列表', response: { 200: z.object({ items: z.array(PlatformKey) }) } },
    },
    async (req) => ({ items: await listPlatformKeys(ctxOf(req)) }),
  );
  r.post(
    `${base}/keys`,
    {
      config,
      schema: {
        tags,
        summary: '创建平台 API 密钥（只能授予自己拥有的权限；密钥只显示一次）',
        body: z.object({
          name: z.string().trim().min(1, '请填写名称').max(40, '名称最多 40 字'),
          scopes: z.array(z.enum(PLATFORM_SCOPE_NAMES)).min(1, '至少选择一个权限范围'),
          rateLimitPerMinute: z.number().int().min(10, '每分钟至少 10 次').max(6000, '每分钟最多 6000 次').default(600),
        }),
        response: { 200: WithSecret },
      },
    },
    async (req) => unwrap(await createPlatformKey(ctxOf(req), req.body)),
  );
  r.post(
    `${base}/keys/:id/rotate`,
    {
      config,
      schema: {
        tags,
        summary: '轮换平台密钥：生成新密钥，旧密钥在宽限期内仍可用（须拥有该密钥全部权限范围）',
        params: Params,
        body: z.object({ graceHours: z.number().int().min(0).max(168, '宽限期最长 7 天').default(24) }),
        response: { 200: WithSecret },
      },
    },
    async (req) => unwrap(await rotatePlatformKey(ctxOf(req), req.params.id, req.body.graceHours)),
  );
  r.post(
    `${base}/keys/:id/revoke`,
    { config, schema: { tags, summary: '吊销平台密钥（立即失效）', params: Params, response: { 200: PlatformKey } } },
    async (req) => revokePlatformKey(ctxOf(req), req.params.id),
  );
  r.get(
    `${base}/docs`,
    {
      config,
      schema: {
        tags,
        summary: '平台密钥开发者文档：各权限范围可调用的接口、所需员工权限、当前员工能否授予',
        response: {
          200: z.object({
            scopes: z.array(
              z.object({
                scope: z.enum(PLATFORM_SCOPE_NAMES),
                label: z.string(),
                permission: z.enum(STAFF_PERMISSIONS),
                grantable: z.boolean().describe('当前员工拥有此范围所需的权限，可以授予'),
                endpoints: z.array(
                  z.object({ method: z.string(), path: z.string(), summary: z.string(), tag: z.string() }),
                ),
              }),
            ),
            signing: z.object({ headers: z.array(z.string()), windowSeconds: z.number().int() }),
          }),
        },
      },
    },
    async (req) =>
      platformCatalogue(app.swagger() as Parameters<typeof platformCatalogue>[0], grantablePlatformScopes(ctxOf(req))),
  );
}
