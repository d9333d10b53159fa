import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Person {
  unionid: string | null;
  nickname: string;
  /** openid per appid: each app sees the same person under its own openid. */
  openids: Map<string, string>;
}

/**
 * A local fake of WeChat's OAuth2 sns API (api.weixin.qq.com): /sns/oauth2/access_token and /sns/userinfo, with the
 * documented errcodes — 40029 invalid code, 40163 code been used, 40013 invalid appid, 40125 invalid appsecret,
 * 40001/42001 bad or expired access_token, -1 system busy.
 */
export class FakeWechatOAuth {
  readonly apps = new Map<string, string>([
    ['wx0000000000web01', 'web-secret-generated-for-tests'],
    ['wx00000000000mp01', 'mp-secret-generated-for-tests'],
  ]);
  private readonly codes = new Map<string, { person: Person; appid: string; used: boolean }>();
  private readonly tokens = new Map<string, { person: Person; appid: string }>();
  /** errcodes the next calls answer, in order. */
  readonly failNext: number[] = [];
  calls = 0;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const answer = this.handle(new URL(req.url!, 'http://fake'));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  person(nickname: string, opts: { unionid?: boolean } = {}): Person {
    return {
      unionid: opts.unionid === false ? null : `o6_bm${randomBytes(9).toString('hex')}`,
      nickname,
      openids: new Map(),
    };
  }

  /** What WeChat appends to redirect_uri after the person consents in that app. */
  issueCode(person: Person, appid: string): string {
    const code = `0${randomBytes(15).toString('hex')}`;
    this.codes.set(code, { person, appid, used: false });
    return code;
  }

  private openid(person: Person, appid: string): string {
    let id = person.openids.get(appid);
    if (!id) person.openids.set(appid, (id = `oLVPp${randomBytes(11).toString('hex')}`));
    return id;
  }

  private handle(url: URL): Record<string, unknown> {
    this.calls++;
    const p = url.searchParams;
    const err = (errcode: number, errmsg: string) => ({ errcode, errmsg: `${errmsg}, rid: fake-${this.calls}` });
    const failure = this.failNext.shift();
    if (failure !== undefined) return err(failure, failure === -1 ? 'system error' : 'injected');
    if (url.pathname === '/sns/oauth2/access_token') {
      const appid = p.get('appid') ?? '';
      if (!this.apps.has(appid)) return err(40013, 'invalid appid');
      if (this.apps.get(appid) !== p.get('secret')) return err(40125, 'invalid appsecret');
      if (p.get('grant_type') !== 'authorization_code') return err(40002, 'invalid grant_type');
      const code = p.get('code');
      if (!code) return err(41008, 'missing code');
      const grant = this.codes.get(code);
      if (!grant || grant.appid !== appid) return err(40029, 'invalid code');
      if (grant.used) return err(40163, 'code been used');
      grant.used = true;
      const token = randomBytes(20).toString('hex');
      this.tokens.set(token, { person: grant.person, appid });
      return {
        access_token: token,
        expires_in: 7200,
        refresh_token: randomBytes(20).toString('hex'),
        openid: this.openid(grant.person, appid),
        scope: 'snsapi_userinfo',
        ...(grant.person.unionid ? { unionid: grant.person.unionid } : {}),
      };
    }
    if (url.pathname === '/sns/userinfo') {
      const grant = this.tokens.get(p.get('access_token') ?? '');
      if (!grant) return err(40001, 'invalid credential, access_token is invalid or not latest');
      if (p.get('openid') !== this.openid(grant.person, grant.appid)) return err(40003, 'invalid openid');
      return {
        openid: this.openid(grant.person, grant.appid),
        nickname: grant.person.nickname,
        sex: 0,
        province: '',
        city: '',
        country: '',
        headimgurl: 'https://thirdwx.qlogo.cn/mmopen/fake/132',
        privilege: [],
        ...(grant.person.unionid ? { unionid: grant.person.unionid } : {}),
      };
    }
    return err(40066, 'invalid url');
  }

  env(): Record<string, string> {
    const [web, mp] = [...this.apps.entries()];
    return {
      WECHAT_LOGIN_PROVIDER: 'wechat',
      PUBLIC_URL: 'https://shop.example.cn',
      WECHAT_LOGIN_APPID: web![0],
      WECHAT_LOGIN_SECRET: web![1],
      WECHAT_LOGIN_MP_APPID: mp![0],
      WECHAT_LOGIN_MP_SECRET: mp![1],
      WECHAT_LOGIN_API_BASE: this.url,
    };
  }
}
