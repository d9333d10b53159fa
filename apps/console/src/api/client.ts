import { ApiError, createApiClient, must, type paths } from '@haowu/api-types';

export { ApiError, must };

const MERCHANT_KEY = 'haowu.console.merchantId';

// Staff of several merchants pick one; every merchant-scoped request carries it as X-Merchant-Id.
let actingMerchantId: string | undefined = readStoredMerchant();

function readStoredMerchant(): string | undefined {
  try {
    return localStorage.getItem(MERCHANT_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function setActingMerchant(id: string | undefined): void {
  actingMerchantId = id;
  try {
    if (id) localStorage.setItem(MERCHANT_KEY, id);
    else localStorage.removeItem(MERCHANT_KEY);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

export const getActingMerchant = (): string | undefined => actingMerchantId;

export const api = createApiClient({ merchantId: () => actingMerchantId });

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

export type Me = GetOk<'/api/v1/me'>;

/** The problem title the server wrote (Chinese), or a generic one for failures that never reached it. */
export function problemTitle(err: unknown): string {
  if (err instanceof ApiError) return err.problem.title;
  if (err instanceof Error && err.message) return err.message;
  return '操作失败，请稍后再试';
}

export const isApiStatus = (err: unknown, status: number): boolean =>
  err instanceof ApiError && err.problem.status === status;

/** A fresh key for POSTs that move money or stock, so a retried click is not applied twice. */
export const idempotencyKey = (): string => crypto.randomUUID();
