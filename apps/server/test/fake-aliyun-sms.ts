import { createHash, createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local fake of 阿里云短信 SendSms (dysmsapi 2017-05-25) that checks the ACS3-HMAC-SHA256 signature the way the
 * gateway does — from the raw request, with its own canonicalisation — and answers the documented codes.
 */
export class FakeAliyunSms {
  readonly accessKeyId = 'LTAI5tFakeKeyForTests';
  /** The secret the gateway holds; a test changes it to see a signature mismatch. */
  secret = 'fake-secret-generated-for-this-test-only';
  readonly sent: { phone: string; signName: string; template: string; params: Record<string, string> }[] = [];
  /** Codes the next SendSms calls answer instead of OK, in order ('HTTP503' answers a bare 503). */
  readonly failNext: string[] = [];
  calls = 0;
  private readonly nonces = new Set<string>();
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = this.handle(req.method!, req.url!, req.headers, Buffer.concat(chunks).toString('utf8'));
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(method: string, rawUrl: string, headers: Record<string, string | string[] | undefined>, body: string) {
    this.calls++;
    const error = (status: number, Code: string, Message: string) => ({
      status,
      body: { RequestId: `req-${this.calls}`, Code, Message },
    });
    const h = (name: string) => String(headers[name] ?? '');
    const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(
      h('authorization'),
    );
    if (!auth) return error(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    if (auth[1] !== this.accessKeyId)
      return error(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (h('x-acs-action') !== 'SendSms' || h('x-acs-version') !== '2017-05-25')
      return error(400, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    if (h('x-acs-content-sha256') !== sha(body))
      return error(400, 'ContentSHA256NotMatched', 'content sha256 mismatch');
    const url = new URL(rawUrl, 'http://fake');
    const enc = (s: string) =>
      encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const query = [...url.searchParams.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${enc(k)}=${enc(v)}`)
      .join('&');
    const signed = auth[2]!.split(';');
    if (!signed.includes('host') || !signed.includes('x-acs-date') || !signed.includes('x-acs-signature-nonce'))
      return error(400, 'IncompleteSignature', 'host, x-acs-date and x-acs-signature-nonce must be signed');
    const canonical = [
      method,
      url.pathname,
      query,
      signed.map((n) => `${n}:${h(n).trim()}\n`).join(''),
      signed.join(';'),
      sha(body),
    ].join('\n');
    const expected = createHmac('sha256', this.secret)
      .update(`ACS3-HMAC-SHA256\n${sha(canonical)}`)
      .digest('hex');
    if (expected !== auth[3])
      return error(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    const nonce = h('x-acs-signature-nonce');
    if (this.nonces.has(nonce)) return error(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    this.nonces.add(nonce);
    const failure = this.failNext.shift();
    if (failure === 'HTTP503') return { status: 503, body: { Code: 'ServiceUnavailable', Message: 'busy' } };
    if (failure) return { status: 200, body: { RequestId: `req-${this.calls}`, Code: failure, Message: failure } };
    const p = url.searchParams;
    this.sent.push({
      phone: p.get('PhoneNumbers') ?? '',
      signName: p.get('SignName') ?? '',
      template: p.get('TemplateCode') ?? '',
      params: JSON.parse(p.get('TemplateParam') ?? '{}') as Record<string, string>,
    });
    return {
      status: 200,
      body: { RequestId: `req-${this.calls}`, Code: 'OK', Message: 'OK', BizId: `biz${this.calls}` },
    };
  }

  /** Settings that point the server at this fake. */
  env(): Record<string, string> {
    return {
      SMS_PROVIDER: 'aliyun',
      ALIYUN_SMS_ACCESS_KEY_ID: this.accessKeyId,
      ALIYUN_SMS_ACCESS_KEY_SECRET: this.secret,
      ALIYUN_SMS_SIGN_NAME: '好物',
      ALIYUN_SMS_CODE_TEMPLATE: 'SMS_100000001',
      ALIYUN_SMS_NOTICE_TEMPLATE: 'SMS_100000002',
      ALIYUN_SMS_ENDPOINT: this.url,
    };
  }

  lastCodeFor(phone: string): string | undefined {
    return this.sent.findLast((s) => s.phone === phone)?.params.code;
  }
}
