import { Button, ErrorBlock } from 'antd-mobile';
import { useRouteError } from 'react-router';
import { problemTitle } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';

/** A page that crashed or whose code failed to load (e.g. after a deploy): say so and offer a reload. */
export function RouteError() {
  const error = useRouteError();
  const t = useT();
  return (
    <div className="app-column">
      <div className="state-block" role="alert" style={{ paddingTop: 96 }}>
        <ErrorBlock status="default" title={t('页面出错了')} description={problemTitle(error)}>
          <Button color="primary" onClick={() => window.location.reload()}>
            {t('刷新页面')}
          </Button>
        </ErrorBlock>
      </div>
    </div>
  );
}
