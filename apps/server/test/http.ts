import type { TestApp } from './harness.ts';

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A tiny HTTP client over app.inject, optionally logged in. */
export class Client {
  private readonly t: TestApp;
  readonly token: string | undefined;
  private readonly headers: Record<string, string>;
  constructor(t: TestApp, token?: string, headers: Record<string, string> = {}) {
    this.t = t;
    this.token = token;
    this.headers = headers;
  }

  withHeaders(headers: Record<string, string>): Client {
    return new Client(this.t, this.token, { ...this.headers, ...headers });
  }

  async request<T = any>(
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Res<T>> {
    const res = await this.t.app.inject({
      method,
      url,
      headers: {
        ...this.headers,
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    const text = res.body;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep text */
    }
    return { status: res.statusCode, body: parsed as T, headers: res.headers };
  }

  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, body: unknown = {}, opts: { idempotencyKey?: string } = {}) {
    return this.request<T>('POST', url, body, opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {});
  }
  put<T = any>(url: string, body: unknown = {}) {
    return this.request<T>('PUT', url, body);
  }
  patch<T = any>(url: string, body: unknown = {}) {
    return this.request<T>('PATCH', url, body);
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url);
  }
}

let phoneSeq = 0;
/** A unique, valid mainland mobile number for this test process. */
export const nextPhone = (): string =>
  `139${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq++).padStart(4, '0')}`;

/** Signs a phone in through the real SMS-code flow and returns a logged-in client. */
let ipSeq = 0;
/** Each login comes from its own client address, so per-IP login limits only bite the tests that mean to. */
export async function loginByCode(
  t: TestApp,
  phone = nextPhone(),
): Promise<Client & { userId: string; phone: string }> {
  ipSeq++;
  const anon = new Client(t).withHeaders({
    'x-forwarded-for': `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`,
  });
  const sent = await anon.post('/api/v1/auth/sms-codes', { phone });
  if (sent.status !== 200) throw new Error(`sms-codes failed: ${JSON.stringify(sent.body)}`);
  const code = t.sms.lastCodeFor(phone)!;
  const res = await anon.post('/api/v1/auth/login/code', { phone, code });
  if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return Object.assign(new Client(t, res.body.token), { userId: res.body.user.id as string, phone });
}

/** A single-use socket ticket for a signed-in client: sockets take `?ticket=`, never the session token. */
export async function socketTicket(t: TestApp, token: string): Promise<string> {
  const res = await new Client(t, token).post<{ ticket: string }>('/api/v1/socket-tickets');
  if (res.status !== 201) throw new Error(`socket-tickets failed: ${JSON.stringify(res.body)}`);
  return res.body.ticket;
}
