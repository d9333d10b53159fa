import { appendFile } from 'node:fs/promises';
import type { Logger } from 'pino';

/** Where one-time codes and plain notices go. Production plugs in a real SMS gateway behind this interface. */
export interface SmsSender {
  sendCode(phone: string, code: string): Promise<void>;
  /** A short notice the user asked for (e.g. a live reminder they subscribed to), not marketing. */
  sendNotice(phone: string, text: string): Promise<void>;
  /** Marketing (lifecycle automation): only to users who did not opt out; the text carries the opt-out hint. */
  sendMarketing(phone: string, text: string): Promise<void>;
}

/** Sandbox: no message leaves the machine; the code is logged (and kept for tests). */
export class SandboxSms implements SmsSender {
  private readonly last = new Map<string, string>();
  private readonly log: Logger;
  private readonly outbox: string | undefined;
  /** `outbox`: a file each code is also appended to (JSON lines), for browser journeys that sign a new phone up. */
  constructor(log: Logger, outbox?: string) {
    this.log = log;
    this.outbox = outbox;
  }
  async sendCode(phone: string, code: string): Promise<void> {
    this.last.set(phone, code);
    if (this.outbox) await appendFile(this.outbox, `${JSON.stringify({ phone, code })}\n`);
    this.log.info({ phone: maskPhone(phone), code }, `[sandbox SMS] 验证码 ${code} 已发送至 ${maskPhone(phone)}`);
  }
  lastCodeFor(phone: string): string | undefined {
    return this.last.get(phone);
  }
  private readonly notices = new Map<string, string[]>();
  async sendNotice(phone: string, text: string): Promise<void> {
    this.notices.set(phone, [...(this.notices.get(phone) ?? []), text]);
    this.log.info({ phone: maskPhone(phone) }, `[sandbox SMS] 通知已发送至 ${maskPhone(phone)}：${text}`);
  }
  noticesFor(phone: string): string[] {
    return this.notices.get(phone) ?? [];
  }
  private readonly marketing = new Map<string, string[]>();
  async sendMarketing(phone: string, text: string): Promise<void> {
    this.marketing.set(phone, [...(this.marketing.get(phone) ?? []), text]);
    this.log.info({ phone: maskPhone(phone) }, `[sandbox SMS] 营销短信已发送至 ${maskPhone(phone)}：${text}`);
  }
  marketingFor(phone: string): string[] {
    return this.marketing.get(phone) ?? [];
  }
}

export const maskPhone = (phone: string): string =>
  phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '***';
