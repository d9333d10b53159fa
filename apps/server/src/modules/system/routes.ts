import { sql } from 'drizzle-orm';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';

const RedisHealth = z
  .object({
    configured: z.boolean().describe('是否配置了 REDIS_URL'),
    ok: z.boolean(),
    fallback: z.literal('in-process').optional().describe('Redis 不可用时改用进程内限流与推送'),
  })
  .describe('Redis 只做加速：不可用时服务照常，状态为 degraded');

export default async function systemRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['系统'],
        summary: '健康检查',
        response: {
          200: z.object({
            status: z.enum(['ok', 'degraded']),
            database: z.object({ kind: z.enum(['pglite', 'postgres']), ok: z.boolean(), latencyMs: z.number() }),
            redis: RedisHealth,
          }),
          503: z.object({
            status: z.literal('degraded'),
            database: z.object({ kind: z.enum(['pglite', 'postgres']), ok: z.boolean(), error: z.string() }),
            redis: RedisHealth,
          }),
        },
      },
    },
    async (_req, reply) => {
      const { database, redis } = app.deps;
      // Redis only accelerates: without it the process still serves (status degraded, HTTP 200), so a load balancer
      // does not take every process out of rotation when the shared Redis goes away. Only the database is fatal.
      const redisHealth = redis
        ? redis.state === 'up'
          ? { configured: true, ok: true }
          : { configured: true, ok: false, fallback: 'in-process' as const }
        : { configured: false, ok: true };
      const started = performance.now();
      try {
        await database.db.execute(sql`select 1`);
        return {
          status: redisHealth.ok ? ('ok' as const) : ('degraded' as const),
          database: { kind: database.kind, ok: true, latencyMs: Math.round((performance.now() - started) * 100) / 100 },
          redis: redisHealth,
        };
      } catch (err) {
        return reply.status(503).send({
          status: 'degraded' as const,
          database: { kind: database.kind, ok: false, error: (err as Error).message },
          redis: redisHealth,
        });
      }
    },
  );
  // The trivial endpoint benchmarks compare against: same server, same stack, no database.
  r.get('/api/hello', { config: { permission: 'public' }, schema: { hide: true } }, async () => ({ hello: '好物' }));
  r.get(
    '/api/v1/admin/metrics',
    {
      config: { permission: 'staff:insights.read' },
      schema: {
        tags: ['系统'],
        summary: '进程指标（SQL 语句数、内存、运行时长）',
        response: {
          200: z.object({
            sqlStatements: z.number(),
            rssBytes: z.number(),
            uptimeSeconds: z.number(),
            database: z.enum(['pglite', 'postgres']),
          }),
        },
      },
    },
    async () => ({
      sqlStatements: app.deps.database.stats.statements,
      rssBytes: process.memoryUsage().rss,
      uptimeSeconds: Math.round(process.uptime()),
      database: app.deps.database.kind,
    }),
  );
}
