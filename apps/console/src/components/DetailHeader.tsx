import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Skeleton, Space } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiStatus, problemTitle } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';
import { PageHeader } from './PageHeader.tsx';

// The top of every page that shows one record or one step below a list (an order, an after-sale, a live session, a
// new product): the way back to the list, the title with the record's status beside it, and — until the record
// has loaded — a skeleton, or the problem with a retry.

export interface Back {
  to: string;
  /** 返回列表, 返回直播管理, … */
  label: ReactNode;
}

export function BackLink({ to, label }: Back) {
  return (
    <Link to={to} style={{ display: 'inline-block', marginBottom: 8 }}>
      <ArrowLeftOutlined aria-hidden="true" /> {label}
    </Link>
  );
}

export function DetailHeader({
  back,
  title,
  status,
  subtitle,
  extra,
}: {
  back: Back;
  title: ReactNode;
  /** A StatusTag (or tags) shown right of the title. */
  status?: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <>
      <BackLink {...back} />
      <PageHeader
        title={
          status ? (
            <Space wrap>
              {title}
              {status}
            </Space>
          ) : (
            title
          )
        }
        subtitle={subtitle}
        extra={extra}
      />
    </>
  );
}

/** While the record loads: the back link and a skeleton; when loading failed: the back link, the problem, a retry. */
export function DetailPending({
  back,
  error,
  onRetry,
  rows = 10,
}: {
  back: Back;
  /** Null or undefined while still loading. */
  error: unknown;
  onRetry: () => void;
  rows?: number;
}) {
  const t = useT();
  return (
    <>
      <BackLink {...back} />
      {error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problemTitle(error)}
          // A record that does not exist stays missing: the back link is the way on, a retry would not help.
          action={isApiStatus(error, 404) ? undefined : <Button onClick={onRetry}>{t('重试')}</Button>}
        />
      ) : (
        <Card aria-busy="true">
          <Skeleton active paragraph={{ rows }} />
        </Card>
      )}
    </>
  );
}
