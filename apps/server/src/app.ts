import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Deps } from './deps.ts';
import { modules } from './modules/index.ts';
import { resolveActor } from './modules/accounts/api.ts';
import { authenticateSignedRequest, requireApiKeyScope } from './modules/openplatform/api.ts';
import { staffGrants } from './modules/staff/api.ts';
import { anonymous, checkPermission, SIGNED_HEADERS, signedRequestOf } from './platform/auth.ts';
import { AppError, registerErrorHandler } from './platform/errors.ts';
import { rejectNulCharacters } from './platform/input.ts';
import { registerSecurityHeaders } from './platform/security-headers.ts';
import { type App, SESSION_COOKIE } from './platform/http.ts';
import { refuseCrossOriginCookieWrites } from './platform/origin.ts';
import { fallbackRateLimitStore } from './platform/rate-limit-store.ts';
import { serveFrontEnds, spaIndexFor } from './platform/web.ts';

const liveSampleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../assets/live-sample');

// Routes served by plugins (docs UI, static files) rather than modules: they are public by nature.
const pluginRoutePrefixes = ['/api/docs', '/media/u/', '/live-sample/'];

export async function buildApp(deps: Deps): Promise<App> {
  const loggerInstance: FastifyBaseLogger = deps.log;
  const app = Fastify({
    loggerInstance,
    genReqId: () => crypto.randomUUID(),
    // X-Forwarded-* are believed only from the configured proxies: anyone else could pick their own address and
    // step around every per-address limit (docs/SECURITY.md "Proxies and client addresses").
    trustProxy: deps.config.TRUST_PROXY.length > 0 ? deps.config.TRUST_PROXY : false,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array' } },
  });
  app.decorate('deps', deps);
  await deps.fieldCrypto.load(deps.database.db, deps.clock.now());
  // Null until the first onRequest hook sets it: a reference-typed default would be shared by every request.
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (req) => {
    req.actor = anonymous;
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app, spaIndexFor);
  rejectNulCharacters(app);
  await registerSecurityHeaders(app, deps.config);

  // The built shop and console are static files, registered before the permission rule below applies.
  await serveFrontEnds(app);

  // Every route says who may call it; a route that forgets cannot start. The table lets a test check that every
  // platform staff route names a staff permission (modules/staff/route-permissions.test.ts).
  const routeTable: App['routeTable'] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (pluginRoutePrefixes.some((p) => route.url.startsWith(p)) || route.method === 'HEAD') return;
    if (!route.config?.permission) throw new Error(`route ${String(route.method)} ${route.url} declares no permission`);
    routeTable.push({ method: String(route.method), url: route.url, permission: route.config.permission });
  });

  await app.register(cookie);
  // WebSocket routes (group chat) sit behind the same actor hook and permission check as HTTP routes.
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  app.addHook('onClose', async () => deps.realtime.close());
  app.addHook('onClose', async () => deps.analytics.close());
  if (deps.redis) {
    deps.redis.start();
    app.addHook('onClose', async () => deps.redis?.close());
  }
  await app.register(multipart, { limits: { fileSize: 5 * 1024 * 1024, files: 1 } });
  // Routes declare their own limits (config.rateLimit); switched off entirely only for load tests on loopback.
  if (deps.config.RATE_LIMIT_ENABLED === 'true') {
    // With several processes the counters must be shared, so they live in Redis when it is configured — and in
    // this process while Redis does not answer (platform/rate-limit-store.ts).
    await app.register(rateLimit, {
      global: false,
      ...(deps.redis ? { store: fallbackRateLimitStore(deps.redis) } : {}),
    });
  }

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Haowu 好物 API',
        version: '0.1.0',
        description: '社交电商平台 HTTP API。错误以 RFC 9457 problem+json 返回。',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const ownOrigins = [...deps.config.PUBLIC_ORIGINS];
  if (deps.config.PUBLIC_URL) ownOrigins.push(new URL(deps.config.PUBLIC_URL).origin);
  app.addHook('onRequest', refuseCrossOriginCookieWrites(ownOrigins));
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : req.cookies[SESSION_COOKIE];
    if (token) req.actor = await resolveActor(deps, token);
  });
  // API-key requests (docs/OPEN-PLATFORM.md) sign their body too, so they are authenticated once it has been read,
  // before it is parsed; the key then acts as its merchant, held to its scopes and its own rate limit.
  app.addHook('preParsing', async (req, _reply, payload) => {
    if (req.headers[SIGNED_HEADERS.key] === undefined) return payload;
    const chunks: Buffer[] = [];
    for await (const chunk of payload) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const signed = signedRequestOf(req.headers, req.method, req.url, body);
    if (signed) req.actor = await authenticateSignedRequest(deps, signed);
    return Object.assign(Readable.from([body]), { receivedEncodedLength: body.length });
  });
  const keyLimiter =
    deps.config.RATE_LIMIT_ENABLED === 'true'
      ? app.createRateLimit({
          timeWindow: 60_000,
          keyGenerator: (req) => `apikey:${req.actor.kind === 'user' ? req.actor.apiKey?.id : ''}`,
          max: (req) => (req.actor.kind === 'user' ? (req.actor.apiKey?.perMinute ?? 0) : 0),
        })
      : undefined;
  // Before validation: a caller without the permission (or a key outside its scopes) gets 403 whatever they sent,
  // and learns nothing from a 400. WebSocket routes sign in from their ?ticket= in a route onRequest hook, before this.
  app.addHook('preValidation', async (req) => {
    if (req.actor.kind === 'user' && req.actor.apiKey) {
      requireApiKeyScope(req.actor, req.method, req.routeOptions.url);
      const limit = await keyLimiter?.(req);
      if (limit && !limit.isAllowed && limit.isExceeded) {
        throw new AppError(
          'rate-limited',
          429,
          '操作过于频繁，请稍后再试',
          `该 API 密钥每分钟最多 ${limit.max} 次请求`,
          undefined,
          limit.ttlInSeconds,
        );
      }
    }
    const permission = req.routeOptions.config.permission;
    const hint = req.headers['x-merchant-id'];
    if (permission)
      checkPermission(req.actor, permission, staffGrants, typeof hint === 'string' && hint ? hint : undefined);
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  if (deps.media.localRoot) {
    await app.register(fastifyStatic, {
      root: path.resolve(deps.media.localRoot),
      prefix: '/media/u/',
      decorateReply: false,
      maxAge: '7d',
      immutable: true,
      // An upload's extension, and so its content type, comes from its sniffed bytes (modules/media); nosniff keeps
      // the browser to that type, and the sandbox keeps a file opened on its own from running anything.
      setHeaders: (res) => {
        res.header('x-content-type-options', 'nosniff');
        res.header('content-security-policy', "default-src 'none'; img-src 'self'; media-src 'self'; sandbox");
      },
    });
  }
  // The bundled sample stream (docs/LIVE.md): a live room plays it when no media server is configured.
  await app.register(fastifyStatic, {
    root: liveSampleDir,
    prefix: '/live-sample/',
    decorateReply: false,
    maxAge: '1d',
  });

  for (const mod of modules) {
    mod.wire?.(deps);
    await mod.init?.(deps);
    if (mod.routes) await app.register(mod.routes);
  }
  return app;
}
