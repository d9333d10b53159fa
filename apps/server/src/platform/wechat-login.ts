import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { AppError } from './errors.ts';

/**
 * 微信登录 (OAuth2): 网站应用 (开放平台, QR code, snsapi_login) and 公众号 网页授权 (inside WeChat, snsapi_base or
 * snsapi_userinfo). The sandbox sends the person to our own 沙箱 consent page instead of WeChat and answers codes
 * that page issues; `wechat` talks to api.weixin.qq.com as documented (developers.weixin.qq.com, "网站应用微信登录",
 * "网页授权").
 */
export type WechatLoginKind = 'web' | 'mp';
export type WechatScope = 'snsapi_login' | 'snsapi_base' | 'snsapi_userinfo';

export interface WechatIdentity {
  appid: string;
  openid: string;
  /** Same person across our 网站应用 and 公众号 when both are bound to one 开放平台 account; preferred for matching. */
  unionid: string | null;
  nickname: string | null;
  avatarUrl: string | null;
}

export interface WechatIdentityProvider {
  readonly name: 'sandbox' | 'wechat';
  /** Where the browser goes to consent; `redirectUri` gets `?code=&state=` back. */
  authorizeUrl(input: { kind: WechatLoginKind; scope: WechatScope; state: string; redirectUri: string }): string;
  /** code → access_token/openid/unionid (and the profile when the scope allows it). Throws AppError on refusal. */
  exchangeCode(kind: WechatLoginKind, code: string, scope: WechatScope): Promise<WechatIdentity>;
}

// The documented error codes of /sns/oauth2/access_token and /sns/userinfo, mapped to what the person can do.
const EXPIRED_CODE = new Set([40029, 40163, 41008, 42003]);
const RETRYABLE = new Set([-1, 45009, 45011]);

function wechatProblem(errcode: number): AppError {
  if (errcode === 40163)
    return new AppError('wechat-code-used', 400, '该微信授权已使用', '请返回登录页重新点击「微信登录」');
  if (EXPIRED_CODE.has(errcode))
    return new AppError('wechat-code-invalid', 400, '微信授权已失效', '授权码无效或已过期，请重新点击「微信登录」');
  // 40013 bad appid, 40125 bad secret, 48001 scope not granted, busy or unreachable: only the operator can fix it.
  return new AppError('wechat-login-unavailable', 503, '微信登录暂时不可用', '请使用手机验证码登录，或稍后再试');
}

const SANDBOX_CODE = /^sandbox\.([A-Za-z0-9_-]{8,64})$/;

class SandboxWechat implements WechatIdentityProvider {
  readonly name = 'sandbox' as const;
  authorizeUrl(input: { kind: WechatLoginKind; scope: WechatScope; state: string; redirectUri: string }): string {
    const q = new URLSearchParams({
      appid: 'sandbox',
      redirect_uri: input.redirectUri,
      scope: input.scope,
      state: input.state,
    });
    return `/wechat-sandbox?${q.toString()}`;
  }
  async exchangeCode(_kind: WechatLoginKind, code: string, scope: WechatScope): Promise<WechatIdentity> {
    const m = SANDBOX_CODE.exec(code);
    if (!m) throw wechatProblem(40029);
    const userinfo = scope !== 'snsapi_base';
    return {
      appid: 'sandbox',
      openid: `sbx-o-${m[1]}`,
      unionid: `sbx-u-${m[1]}`,
      nickname: userinfo ? `沙箱微信用户${m[1]!.slice(-4)}` : null,
      avatarUrl: null,
    };
  }
}

interface AppCredentials {
  appid: string;
  secret: string;
}

class WechatOAuth implements WechatIdentityProvider {
  readonly name = 'wechat' as const;
  private readonly apps: Record<WechatLoginKind, AppCredentials | undefined>;
  private readonly apiBase: string;
  private readonly log: Logger;
  constructor(apps: Record<WechatLoginKind, AppCredentials | undefined>, apiBase: string, log: Logger) {
    this.apps = apps;
    this.apiBase = apiBase.replace(/\/$/, '');
    this.log = log;
  }

  private app(kind: WechatLoginKind): AppCredentials {
    const app = this.apps[kind];
    if (!app)
      throw new AppError(
        'wechat-login-unavailable',
        503,
        '微信登录暂时不可用',
        kind === 'mp' ? '本站未开通公众号授权登录，请使用扫码登录或手机验证码登录' : '请使用手机验证码登录',
      );
    return app;
  }

  authorizeUrl(input: { kind: WechatLoginKind; scope: WechatScope; state: string; redirectUri: string }): string {
    const app = this.app(input.kind);
    // WeChat requires this exact parameter order and the #wechat_redirect fragment.
    const q = `appid=${app.appid}&redirect_uri=${encodeURIComponent(input.redirectUri)}&response_type=code&scope=${input.scope}&state=${input.state}`;
    return input.kind === 'web'
      ? `https://open.weixin.qq.com/connect/qrconnect?${q}#wechat_redirect`
      : `https://open.weixin.qq.com/connect/oauth2/authorize?${q}#wechat_redirect`;
  }

  async exchangeCode(kind: WechatLoginKind, code: string, scope: WechatScope): Promise<WechatIdentity> {
    const app = this.app(kind);
    const token = await this.call<{ access_token: string; openid: string; unionid?: string; scope?: string }>(
      '/sns/oauth2/access_token',
      { appid: app.appid, secret: app.secret, code, grant_type: 'authorization_code' },
    );
    const identity: WechatIdentity = {
      appid: app.appid,
      openid: token.openid,
      unionid: token.unionid ?? null,
      nickname: null,
      avatarUrl: null,
    };
    if (scope === 'snsapi_base') return identity;
    const info = await this.call<{ nickname?: string; headimgurl?: string; unionid?: string }>('/sns/userinfo', {
      access_token: token.access_token,
      openid: token.openid,
      lang: 'zh_CN',
    });
    return {
      ...identity,
      unionid: identity.unionid ?? info.unionid ?? null,
      nickname: info.nickname || null,
      avatarUrl: info.headimgurl?.startsWith('https://') ? info.headimgurl : null,
    };
  }

  /** One GET; -1 (系统繁忙) and quota answers are retried once, a dropped connection too. */
  private async call<T>(path: string, params: Record<string, string>): Promise<T> {
    let errcode = -1;
    for (let attempt = 1; attempt <= 2; attempt++) {
      const body = await fetch(`${this.apiBase}${path}?${new URLSearchParams(params).toString()}`, {
        signal: AbortSignal.timeout(8_000),
      })
        .then((res) => res.json() as Promise<T & { errcode?: number; errmsg?: string }>)
        .catch((err: unknown) => {
          this.log.warn({ err: (err as Error).message, path }, 'wechat login API unreachable');
          return null;
        });
      if (body && !body.errcode) return body;
      errcode = body?.errcode ?? -1;
      if (!RETRYABLE.has(errcode)) break;
    }
    this.log.warn({ path, errcode }, `wechat login ${path} refused: ${errcode}`);
    throw wechatProblem(errcode);
  }
}

export function createWechatIdentityProvider(config: Config, log: Logger): WechatIdentityProvider {
  if (config.WECHAT_LOGIN_PROVIDER !== 'wechat') return new SandboxWechat();
  const pair = (appid: string | undefined, secret: string | undefined) =>
    appid && secret ? { appid, secret } : undefined;
  return new WechatOAuth(
    {
      web: pair(config.WECHAT_LOGIN_APPID, config.WECHAT_LOGIN_SECRET),
      mp: pair(config.WECHAT_LOGIN_MP_APPID, config.WECHAT_LOGIN_MP_SECRET),
    },
    config.WECHAT_LOGIN_API_BASE,
    log,
  );
}
