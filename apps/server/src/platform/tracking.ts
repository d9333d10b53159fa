import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.ts';

/**
 * Where shipped parcels are followed. The sandbox follows nothing (the order page simulates scans from the order's
 * own times); 快递100 is told about each waybill and pushes its scans back, signed, to our callback.
 */
export interface TrackingProvider {
  readonly name: 'sandbox' | 'kuaidi100';
  /** Asks the aggregator to push this waybill's scans. Throws TrackingUnavailable when a retry may succeed. */
  subscribe(input: { carrierCode: string; trackingNo: string; phone?: string }): Promise<SubscribeOutcome>;
  /** True when `sign` is the provider's signature of `param`, exactly as received. */
  verifyPush(param: string, sign: string): boolean;
}

type SubscribeOutcome = { ok: true } | { ok: false; code: string; message: string };

/** The provider is down or answered 5xx: the outbox retries the subscription later. */
export class TrackingUnavailable extends Error {}

class SandboxTracking implements TrackingProvider {
  readonly name = 'sandbox' as const;
  async subscribe(): Promise<SubscribeOutcome> {
    return { ok: true };
  }
  verifyPush(): boolean {
    return false;
  }
}

/** 快递100's push signature: MD5 of the param JSON followed by the salt, upper-case hex. */
export const kuaidi100Sign = (param: string, salt: string): string =>
  createHash('md5')
    .update(param + salt, 'utf8')
    .digest('hex')
    .toUpperCase();

/**
 * 快递100 实时推送 (poll.kuaidi100.com/poll): POST form `schema=json&param=<json>`; the answer carries returnCode —
 * 200 accepted, 501 already subscribed (fine), 500/503 provider trouble (retry), others a permanent refusal
 * (600 bad key, 601 key expired, 700 bad data, 701 carrier refused, 702 carrier not recognised).
 */
class Kuaidi100Tracking implements TrackingProvider {
  readonly name = 'kuaidi100' as const;
  private readonly opts: { key: string; salt: string; callbackUrl: string; pollUrl: string };
  constructor(opts: { key: string; salt: string; callbackUrl: string; pollUrl: string }) {
    this.opts = opts;
  }

  async subscribe(input: { carrierCode: string; trackingNo: string; phone?: string }): Promise<SubscribeOutcome> {
    const param = JSON.stringify({
      company: input.carrierCode,
      number: input.trackingNo,
      key: this.opts.key,
      parameters: {
        callbackurl: this.opts.callbackUrl,
        salt: this.opts.salt,
        resultv2: '1',
        ...(input.phone ? { phone: input.phone } : {}),
      },
    });
    let res: Response;
    try {
      res = await fetch(this.opts.pollUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ schema: 'json', param }).toString(),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw new TrackingUnavailable(`快递100 unreachable: ${(err as Error).message}`);
    }
    if (res.status >= 500) throw new TrackingUnavailable(`快递100 answered HTTP ${res.status}`);
    const body = (await res.json().catch(() => null)) as { returnCode?: string; message?: string } | null;
    const code = String(body?.returnCode ?? res.status);
    if (code === '200' || code === '501') return { ok: true };
    if (code === '500' || code === '503')
      throw new TrackingUnavailable(`快递100 returnCode ${code}: ${body?.message ?? ''}`);
    return { ok: false, code, message: body?.message ?? `HTTP ${res.status}` };
  }

  verifyPush(param: string, sign: string): boolean {
    const want = Buffer.from(kuaidi100Sign(param, this.opts.salt));
    const got = Buffer.from(sign.trim().toUpperCase());
    return want.length === got.length && timingSafeEqual(want, got);
  }
}

export function createTrackingProvider(config: Config): TrackingProvider {
  if (config.TRACKING_PROVIDER !== 'kuaidi100') return new SandboxTracking();
  return new Kuaidi100Tracking({
    key: config.KUAIDI100_KEY!,
    salt: config.KUAIDI100_SALT!,
    callbackUrl: config.KUAIDI100_CALLBACK_URL!,
    pollUrl: config.KUAIDI100_POLL_URL,
  });
}
