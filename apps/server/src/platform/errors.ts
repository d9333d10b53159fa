import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** A failure the caller can act on, written as an RFC 9457 problem. `type` is stable; `title` is for people. */
export class AppError extends Error {
  readonly type: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: { field: string; message: string }[] | undefined;
  /** Seconds until trying again can succeed: sent as Retry-After and as the problem's `retryAfter` member. */
  readonly retryAfter: number | undefined;
  constructor(
    type: string,
    status: number,
    title: string,
    detail?: string,
    errors?: { field: string; message: string }[],
    retryAfter?: number,
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.type = type;
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.retryAfter = retryAfter;
  }
}

export const notFound = (what: string, detail?: string) => new AppError('not-found', 404, `${what}不存在`, detail);
export const unauthenticated = () => new AppError('unauthenticated', 401, '请先登录');
export const forbidden = (detail?: string) => new AppError('forbidden', 403, '没有权限执行此操作', detail);
export const badRequest = (title: string, detail?: string) => new AppError('bad-request', 400, title, detail);
export const invalidTransition = (from: string, action: string) =>
  new AppError('invalid-state-transition', 409, '当前状态不允许此操作', `状态为「${from}」时不能${action}`);

// Expected refusals are returned, not thrown: the caller sees the code in the type and tests assert it.
export interface Refusal<T extends string = string> {
  ok: false;
  type: T;
  status: number;
  title: string;
  detail?: string;
  /** Seconds until trying again can succeed (a lockout, a daily cap). */
  retryAfter?: number;
}
export type Result<V, T extends string = string> = { ok: true; value: V } | Refusal<T>;
export const ok = <V>(value: V): { ok: true; value: V } => ({ ok: true, value });

/** Declares a module's refusals once: `const refuse = refusals({ 'out-of-stock': '库存不足' })`. */
export function refusals<const M extends Record<string, string | readonly [number, string]>>(catalogue: M) {
  return <T extends keyof M & string>(type: T, detail?: string): Refusal<T> => {
    const entry = catalogue[type] as string | readonly [number, string];
    const [status, title] = typeof entry === 'string' ? [409, entry] : entry;
    return detail === undefined ? { ok: false, type, status, title } : { ok: false, type, status, title, detail };
  };
}

function toError(refusal: Refusal): AppError {
  return new AppError(refusal.type, refusal.status, refusal.title, refusal.detail, undefined, refusal.retryAfter);
}

/** Route helper: the value of a Result, or the refusal as a problem response. */
export function unwrap<V>(result: Result<V>): V {
  if (result.ok) return result.value;
  throw toError(result);
}

export function registerErrorHandler(
  app: FastifyInstance,
  spaIndexFor: (url: string) => { root: string; file: string } | undefined,
) {
  app.setNotFoundHandler((req, reply) => {
    const spa = req.method === 'GET' ? spaIndexFor(req.url.split('?')[0] ?? '/') : undefined;
    if (spa) return reply.header('cache-control', 'no-cache').sendFile(spa.file, spa.root);
    return reply
      .status(404)
      .type('application/problem+json')
      .send({
        type: 'not-found',
        title: '接口不存在',
        status: 404,
        detail: `${req.method} ${req.url}`,
        instance: req.id,
      });
  });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let problem: Record<string, unknown>;
    if (err instanceof AppError) {
      problem = { type: err.type, title: err.title, status: err.status, detail: err.detail, errors: err.errors };
      if (err.retryAfter !== undefined) {
        problem.retryAfter = err.retryAfter;
        void reply.header('retry-after', String(err.retryAfter));
      }
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      const errors = err.validation.map((v) => ({
        field: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: v.message ?? '格式不正确',
      }));
      problem = { type: 'validation-failed', title: '请求参数有误', status: 400, detail: errors[0]?.message, errors };
    } else if (err.statusCode === 429) {
      problem = { type: 'rate-limited', title: '操作过于频繁，请稍后再试', status: 429, detail: err.message };
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      problem = { type: 'bad-request', title: '请求无法处理', status: err.statusCode, detail: err.message };
    } else {
      req.log.error({ err }, 'unhandled error');
      problem = { type: 'internal-error', title: '服务器开小差了，请稍后再试', status: 500 };
    }
    problem.instance = req.id;
    void reply
      .status(problem.status as number)
      .type('application/problem+json')
      .send(problem);
  });
}
