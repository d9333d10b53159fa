import { api, must } from '../api/client.ts';

const RETURN_KEY = 'haowu.wechatLoginReturn';

/** Inside WeChat's own browser the 公众号 网页授权 applies; elsewhere the 网站应用 QR-code login. */
const wechatKind = (): 'web' | 'mp' => (/MicroMessenger/i.test(navigator.userAgent) ? 'mp' : 'web');

/** Leaves for WeChat's consent page (the 沙箱 page in the sandbox), remembering where to come back to. */
export async function startWechatLogin(opts: { bind: boolean; returnTo: string }): Promise<void> {
  const body = { kind: wechatKind() };
  const res = opts.bind
    ? await must(api.POST('/api/v1/me/wechat/authorize', { body }))
    : await must(api.POST('/api/v1/auth/wechat/authorize', { body }));
  sessionStorage.setItem(RETURN_KEY, opts.returnTo);
  window.location.assign(res.authorizeUrl);
}

/** Where the sign-in started; only same-site paths. */
export function wechatReturnPath(fallback: string): string {
  const raw = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  return raw && raw.startsWith('/') && !raw.startsWith('//') ? raw : fallback;
}
