import { ApiError, type paths } from '@haowu/api-types';

// Typed helpers over the generated API client that the shop and the console both use: the JSON a path answers
// with, problem titles for people, and idempotency keys. Each app keeps its own client instance (api/client.ts).

type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type OkOf<Op> = Op extends { responses: infer R }
  ? R extends { 200: infer A }
    ? JsonOf<A>
    : R extends { 201: infer B }
      ? JsonOf<B>
      : never
  : never;

/** The JSON a GET on this path answers with. */
export type GetOk<P extends keyof paths> = paths[P] extends { get: infer Op } ? OkOf<Op> : never;
/** The JSON a POST on this path answers with. */
export type PostOk<P extends keyof paths> = paths[P] extends { post: infer Op } ? OkOf<Op> : never;
/** The JSON body a method on this path takes. */
export type BodyOf<P extends keyof paths, M extends 'post' | 'put' | 'patch'> = paths[P] extends {
  [K in M]: { requestBody?: { content: { 'application/json': infer B } } };
}
  ? B
  : never;
/** The query parameters of a GET on this path. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;

/** The problem title the server wrote (Chinese), or a generic one for failures that never reached it. */
export function problemTitle(err: unknown): string {
  if (err instanceof ApiError) return err.problem.title;
  if (err instanceof TypeError) return '网络异常，请检查网络后重试';
  if (err instanceof Error && err.message) return err.message;
  return '操作失败，请稍后再试';
}

export const isApiStatus = (err: unknown, status: number): boolean =>
  err instanceof ApiError && err.problem.status === status;
export const isProblemType = (err: unknown, type: string): boolean =>
  err instanceof ApiError && err.problem.type === type;

/** A fresh key for POSTs that move money or stock, so a retried click is not applied twice. */
export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts; a phone on the LAN over plain http still gets a random key.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
