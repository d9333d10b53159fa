import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './openapi.d.ts';

export type { components, paths };

/** An RFC 9457 problem as the server writes it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
  instance?: string;
}

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}：${problem.detail}` : problem.title);
    this.problem = problem;
  }
}

/** A typed client for the Haowu API. Session cookies are sent automatically; pass a token for bearer auth. */
export function createApiClient(
  opts: { baseUrl?: string; token?: () => string | undefined; merchantId?: () => string | undefined } = {},
) {
  const client = createClient<paths>({ baseUrl: opts.baseUrl ?? '', credentials: 'include' });
  const auth: Middleware = {
    onRequest({ request }) {
      const token = opts.token?.();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      const merchantId = opts.merchantId?.();
      if (merchantId) request.headers.set('x-merchant-id', merchantId);
      return request;
    },
  };
  client.use(auth);
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the server's problem (Chinese title). */
export async function must<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await p;
  if (error !== undefined || !response.ok) {
    const problem = (error ?? {}) as Partial<Problem>;
    throw new ApiError({
      type: problem.type ?? 'network-error',
      title: problem.title ?? '网络异常，请稍后再试',
      status: response.status,
      ...problem,
    });
  }
  return data as T;
}
