import { Button, ErrorBlock } from 'antd-mobile';
import { ApiError, problemTitle } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';

/** A failed load, told with the server's problem title, and a way to try again. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  // A 4xx title already says what is wrong; only failures on our side or the network ask for patience.
  const description =
    error instanceof ApiError && error.problem.status < 500 ? (error.problem.detail ?? '') : t('请稍后重试');
  return (
    <div className="state-block" role="alert">
      <ErrorBlock status="default" title={problemTitle(error)} description={description}>
        {onRetry && (
          <Button color="primary" fill="outline" size="small" onClick={onRetry}>
            {t('重新加载')}
          </Button>
        )}
      </ErrorBlock>
    </div>
  );
}

/** Nothing here (yet): an honest empty state, with an optional next step. */
export function EmptyState({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children?: React.ReactNode;
}) {
  return (
    <div className="state-block">
      <ErrorBlock status="empty" title={title} description={description ?? ''}>
        {children}
      </ErrorBlock>
    </div>
  );
}
