import { ApiError, getActingMerchant } from '../../../api/client.ts';

// Live commerce (docs/LIVE.md). Shapes as the server's live module answers them.

/** A plain fetch with the console client's conventions: the session cookie, X-Merchant-Id, problems as ApiError. */
export async function liveCall<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const merchantId = getActingMerchant();
  const res = await fetch(path, {
    method,
    credentials: 'include',
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(merchantId ? { 'x-merchant-id': merchantId } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const problem = (data ?? {}) as {
      type?: string;
      title?: string;
      detail?: string;
      errors?: { field: string; message: string }[];
    };
    throw new ApiError({
      ...problem,
      type: problem.type ?? 'network-error',
      title: problem.title ?? '网络异常，请稍后再试',
      status: res.status,
    });
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const base = '/api/v1/merchant/live';
export const livePaths = {
  sessions: `${base}/sessions`,
  session: (id: string) => `${base}/sessions/${encodeURIComponent(id)}`,
  qualification: `${base}/qualification`,
  lottery: (id: string) => `${base}/lotteries/${encodeURIComponent(id)}`,
  poll: (id: string) => `${base}/polls/${encodeURIComponent(id)}`,
  pk: (id: string) => `${base}/pk/${encodeURIComponent(id)}`,
};

export const liveKeys = {
  all: ['live'] as const,
  list: (merchantId: string | undefined) => ['live', merchantId ?? '-', 'sessions'] as const,
  control: (id: string) => ['live', 'control', id] as const,
  dashboard: (id: string) => ['live', 'dashboard', id] as const,
  report: (id: string) => ['live', 'report', id] as const,
  qualification: (merchantId: string) => ['live', merchantId, 'qualification'] as const,
};

/** A session's room socket: cookies go with the upgrade request; ?staff=1 adds metrics (roles with that ability). */
export function staffSocketUrl(sessionId: string, metrics: boolean): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/v1/live/sessions/${encodeURIComponent(sessionId)}/socket${metrics ? '?staff=1' : ''}`;
}
