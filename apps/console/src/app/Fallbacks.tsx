import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { problemTitle } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';

export function Forbidden() {
  const t = useT();
  return (
    <Result
      status="403"
      title={t('没有权限')}
      subTitle={t('这个账号不是商家员工，也不是平台运营。请换一个账号登录，或请店主把你加为员工。')}
      extra={
        <Link to="/login">
          <Button type="primary">{t('换个账号登录')}</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('页面不存在')}
      extra={
        <Link to="/">
          <Button type="primary">{t('回到首页')}</Button>
        </Link>
      }
    />
  );
}

/** The session check itself failed (server down or restarting): say so instead of pretending to be signed out. */
export function ServerUnavailable({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useT();
  return (
    <Result
      status="500"
      title={problemTitle(error)}
      subTitle={t('暂时连不上服务器，请稍后重试。')}
      extra={
        <Button type="primary" onClick={retry}>
          {t('重试')}
        </Button>
      }
    />
  );
}
