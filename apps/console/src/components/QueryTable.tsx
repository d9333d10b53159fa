import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Empty, Skeleton, Table, type TableProps } from 'antd';
import { problemTitle } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';

interface QueryTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'locale'> {
  query: UseQueryResult<{ items: T[] }>;
  /** What an empty list says (e.g. 没有投诉). */
  empty: string;
}

/** A table over one fetched list: skeleton while loading, the server's problem title with 重试 on failure, honest empty. */
export function QueryTable<T extends object>({ query, empty, ...table }: QueryTableProps<T>) {
  const t = useT();
  if (query.isPending) return <Skeleton active aria-busy="true" />;
  if (query.isError) {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={problemTitle(query.error)}
        action={<Button onClick={() => void query.refetch()}>{t('重试')}</Button>}
      />
    );
  }
  return (
    <Table<T>
      dataSource={query.data.items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description={empty} /> }}
      {...table}
    />
  );
}
