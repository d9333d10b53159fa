import { Button } from 'antd-mobile';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../i18n/index.tsx';
import './WechatLogin.css';

const SANDBOX_ID_KEY = 'haowu.sandboxWechatId';

/** The sandbox stands for one WeChat user per browser, so signing in again finds the same account. */
function sandboxWechatId(renew = false): string {
  let id = renew ? null : localStorage.getItem(SANDBOX_ID_KEY);
  if (!id) {
    id = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
    localStorage.setItem(SANDBOX_ID_KEY, id);
  }
  return id;
}

/** Only back into this shop: a crafted redirect_uri must not carry the code elsewhere. */
function callbackUrl(raw: string | null): URL | null {
  if (!raw) return null;
  try {
    const url = new URL(raw, window.location.origin);
    return url.origin === window.location.origin && url.pathname === '/login/wechat' ? url : null;
  } catch {
    return null;
  }
}

/**
 * 沙箱微信授权页: stands in for WeChat's consent screen while WECHAT_LOGIN_PROVIDER is the sandbox. Nothing here
 * talks to WeChat; 同意 returns to the shop with a sandbox code the server's sandbox provider accepts.
 */
export default function WechatSandboxPage() {
  const t = useT();
  const [params] = useSearchParams();
  const [id, setId] = useState(() => sandboxWechatId());
  const target = callbackUrl(params.get('redirect_uri'));
  const state = params.get('state') ?? '';
  const scope = params.get('scope') ?? 'snsapi_login';

  const go = (withCode: boolean) => {
    if (!target) return;
    if (withCode) target.searchParams.set('code', `sandbox.${id}`);
    target.searchParams.set('state', state);
    window.location.assign(target.toString());
  };

  return (
    <div className="page wechat-sandbox">
      <div className="wechat-sandbox-banner" role="note">
        {t('沙箱环境：这是模拟的微信授权页，不会连接真实微信，也不会读取你的微信资料。')}
      </div>
      {!target || !state ? (
        <div className="wechat-sandbox-card">
          <h1>{t('授权链接无效')}</h1>
          <p className="muted">{t('请回到好物登录页重新点击「微信登录」。')}</p>
          <Button block onClick={() => window.location.assign('/login')}>
            {t('返回登录')}
          </Button>
        </div>
      ) : (
        <div className="wechat-sandbox-card">
          <div className="wechat-sandbox-app" aria-hidden>
            好物
          </div>
          <h1>{t('好物 申请使用你的微信身份登录')}</h1>
          <ul className="wechat-sandbox-scopes">
            {scope === 'snsapi_base' ? (
              <li>{t('获取你的微信身份标识（openid）')}</li>
            ) : (
              <li>{t('获得你的公开信息（昵称、头像）')}</li>
            )}
          </ul>
          <div className="wechat-sandbox-user">
            <span>{t('沙箱微信用户')}</span>
            <strong data-testid="wechat-sandbox-user">{t('沙箱微信用户{n}', { n: id.slice(-4) })}</strong>
            <button type="button" className="link-button" onClick={() => setId(sandboxWechatId(true))}>
              {t('换一个沙箱用户')}
            </button>
          </div>
          <Button block color="success" size="large" onClick={() => go(true)} data-testid="wechat-sandbox-allow">
            {t('允许')}
          </Button>
          <Button block fill="none" onClick={() => go(false)}>
            {t('拒绝')}
          </Button>
        </div>
      )}
    </div>
  );
}
