import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Clock } from './clock.ts';
import { AppError } from './errors.ts';
import { maskPhone, SandboxSms, type SmsSender } from './sms.ts';

/**
 * 阿里云短信 (dysmsapi 2017-05-25, SendSms) signed with the documented V3 scheme ACS3-HMAC-SHA256 using Node crypto.
 * The official SDK (@alicloud/dysmsapi20170525) drags in the Tea runtime, credentials and XML packages for one
 * signed POST; the signature is thirty lines and is checked by a local fake that recomputes it (sms-aliyun.test.ts).
 */
interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** Template with one variable ${code}: login codes. */
  codeTemplate: string;
  /** Template with one variable ${content}: notices the user asked for; unset: notices are not sent by SMS. */
  noticeTemplate: string | undefined;
  /** Template with one variable ${content} (审核通过的推广短信); unset: no marketing SMS. */
  marketingTemplate: string | undefined;
  endpoint: string;
}

/** RFC 3986 percent-encoding, as ACS3 canonicalises query strings. */
const encode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Canonical request → string to sign → HMAC-SHA256 with the AccessKey secret (help.aliyun.com "V3 版本请求体&签名机制"). */
function acs3Signature(
  req: { method: string; path: string; query: Record<string, string>; headers: Record<string, string>; body: string },
  secret: string,
): { signedHeaders: string; signature: string } {
  const query = Object.keys(req.query)
    .sort()
    .map((k) => `${encode(k)}=${encode(req.query[k]!)}`)
    .join('&');
  const names = Object.keys(req.headers)
    .map((h) => h.toLowerCase())
    .filter((h) => h === 'host' || h === 'content-type' || h.startsWith('x-acs-'))
    .sort();
  const lower = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalHeaders = names.map((h) => `${h}:${lower[h]!.trim()}\n`).join('');
  const signedHeaders = names.join(';');
  const canonical = [req.method, req.path, query, canonicalHeaders, signedHeaders, sha256Hex(req.body)].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonical)}`;
  return { signedHeaders, signature: createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex') };
}

// SendSms answers Code "OK" or an error code (help.aliyun.com "短信服务 API 错误码"); the gateway answers signature
// and key errors with 4xx and the same {Code, Message} body. Each maps to one problem the person can act on.
const TOO_FREQUENT = new Set(['isv.BUSINESS_LIMIT_CONTROL', 'isv.DAY_LIMIT_CONTROL', 'Throttling.User']);
const BAD_PHONE = new Set(['isv.MOBILE_NUMBER_ILLEGAL', 'isv.MOBILE_COUNT_OVER_LIMIT', 'isv.BLACK_KEY_CONTROL_LIMIT']);
const RETRYABLE = new Set(['isp.SYSTEM_ERROR', 'isp.GATEWAY_ERROR', 'ServiceUnavailable', 'InternalError']);

/** What a failed send means to the person who asked for the code. */
function smsProblem(code: string): AppError {
  if (TOO_FREQUENT.has(code))
    return new AppError(
      'sms-provider-limited',
      429,
      '该手机号接收短信过于频繁',
      '短信服务商限制了该号码的发送频率，请稍后再试或使用密码登录',
      undefined,
      3600,
    );
  if (BAD_PHONE.has(code))
    return new AppError('sms-phone-rejected', 400, '该手机号无法接收短信', '请确认号码正确且为中国大陆手机号');
  // Signature/template/AccessKey/balance problems: the operator must act; the person can only wait or use a password.
  return new AppError('sms-unavailable', 503, '短信服务暂时不可用', '验证码未能发出，请稍后再试或使用密码登录');
}

class AliyunSms implements SmsSender {
  private readonly opts: AliyunSmsOptions;
  private readonly log: Logger;
  private readonly clock: Clock;
  constructor(opts: AliyunSmsOptions, log: Logger, clock: Clock) {
    this.opts = opts;
    this.log = log;
    this.clock = clock;
  }

  async sendCode(phone: string, code: string): Promise<void> {
    await this.send(phone, this.opts.codeTemplate, { code });
  }

  async sendNotice(phone: string, text: string): Promise<void> {
    if (!this.opts.noticeTemplate) return this.skip(phone, 'ALIYUN_SMS_NOTICE_TEMPLATE');
    await this.send(phone, this.opts.noticeTemplate, { content: text });
  }

  async sendMarketing(phone: string, text: string): Promise<void> {
    if (!this.opts.marketingTemplate) return this.skip(phone, 'ALIYUN_SMS_MARKETING_TEMPLATE');
    await this.send(phone, this.opts.marketingTemplate, { content: text });
  }

  private skip(phone: string, setting: string) {
    this.log.warn({ phone: maskPhone(phone) }, `aliyun SMS: ${setting} is not set, message not sent`);
  }

  /** One SendSms; a 5xx, a dropped connection or isp.SYSTEM_ERROR is retried once, anything else is final. */
  private async send(phone: string, template: string, params: Record<string, string>): Promise<void> {
    let code = 'NetworkError';
    for (let attempt = 1; attempt <= 2; attempt++) {
      code = await this.sendOnce(phone, template, params);
      if (code === 'OK') return;
      if (!RETRYABLE.has(code) && code !== 'NetworkError') break;
    }
    this.log.error({ phone: maskPhone(phone), code, template }, `aliyun SMS SendSms failed: ${code}`);
    throw smsProblem(code);
  }

  private async sendOnce(phone: string, template: string, params: Record<string, string>): Promise<string> {
    const url = new URL(this.opts.endpoint);
    const query = {
      PhoneNumbers: phone,
      SignName: this.opts.signName,
      TemplateCode: template,
      TemplateParam: JSON.stringify(params),
    };
    const headers: Record<string, string> = {
      host: url.host,
      'x-acs-action': 'SendSms',
      'x-acs-version': '2017-05-25',
      'x-acs-date': this.clock
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
      'x-acs-signature-nonce': randomUUID(),
      'x-acs-content-sha256': sha256Hex(''),
    };
    const { signedHeaders, signature } = acs3Signature(
      { method: 'POST', path: '/', query, headers, body: '' },
      this.opts.accessKeySecret,
    );
    const qs = Object.entries(query)
      .map(([k, v]) => `${encode(k)}=${encode(v)}`)
      .join('&');
    let res: Response;
    try {
      res = await fetch(`${url.origin}/?${qs}`, {
        method: 'POST',
        // fetch sets Host itself from the URL (the same value that was signed).
        headers: {
          ...Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'host')),
          authorization: `ACS3-HMAC-SHA256 Credential=${this.opts.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`,
        },
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'aliyun SMS unreachable');
      return 'NetworkError';
    }
    const body = (await res.json().catch(() => null)) as { Code?: string } | null;
    if (res.status >= 500) return body?.Code && body.Code !== 'OK' ? body.Code : 'ServiceUnavailable';
    return body?.Code ?? `HTTP${res.status}`;
  }
}

/** The sandbox unless SMS_PROVIDER=aliyun (config.ts has checked its settings). */
export function createSmsSender(config: Config, log: Logger, clock: Clock): SmsSender {
  if (config.SMS_PROVIDER !== 'aliyun') return new SandboxSms(log, config.SMS_SANDBOX_OUTBOX);
  return new AliyunSms(
    {
      accessKeyId: config.ALIYUN_SMS_ACCESS_KEY_ID!,
      accessKeySecret: config.ALIYUN_SMS_ACCESS_KEY_SECRET!,
      signName: config.ALIYUN_SMS_SIGN_NAME!,
      codeTemplate: config.ALIYUN_SMS_CODE_TEMPLATE!,
      noticeTemplate: config.ALIYUN_SMS_NOTICE_TEMPLATE,
      marketingTemplate: config.ALIYUN_SMS_MARKETING_TEMPLATE,
      endpoint: config.ALIYUN_SMS_ENDPOINT,
    },
    log,
    clock,
  );
}
