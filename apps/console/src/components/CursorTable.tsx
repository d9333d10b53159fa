import { useInfiniteQuery, type QueryKey, type UseInfiniteQueryResult, type InfiniteData } from '@tanstack/react-query';
import { Alert, Button, Empty, Flex, Skeleton, Table, Typography, type TableProps } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { problemTitle } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';

export interface CursorPage<T> {
  items: T[];
  nextCursor?: string | null;
}

/** A keyset-paginated list: pages are fetched with the previous page's `nextCursor` and shown as one growing list. */
export function useCursorList<T>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  enabled = true,
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  return { query, items };
}

interface CursorTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading'> {
  list: { query: UseInfiniteQueryResult<InfiniteData<CursorPage<T>>>; items: T[] };
  empty: ReactNode;
  caption: string;
}

/** A table over a cursor list: skeleton on first load, the server's problem title on failure, an honest empty state, 加载更多. */
export function CursorTable<T extends object>({ list, empty, caption, ...table }: CursorTableProps<T>) {
  const t = useT();
  const { query, items } = list;
  if (query.isPending) {
    return (
      <div role="status" aria-busy="true" aria-label={t('加载中')}>
        <Skeleton active paragraph={{ rows: 6 }} />
      </div>
    );
  }
  if (query.isError && items.length === 0) {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={problemTitle(query.error)}
        action={
          <Button size="small" onClick={() => void query.refetch()}>
            {t('重试')}
          </Button>
        }
      />
    );
  }
  return (
    <>
      <Table<T>
        {...table}
        dataSource={items}
        pagination={false}
        loading={query.isRefetching && !query.isFetchingNextPage}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
        aria-label={caption}
      />
      {items.length > 0 ? (
        <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
          {query.hasNextPage ? (
            <Button
              onClick={() => void query.fetchNextPage()}
              loading={query.isFetchingNextPage}
              data-testid="load-more"
            >
              {t('加载更多')}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t('已全部加载，共 {n} 条', { n: items.length })}</Typography.Text>
          )}
          {query.isFetchNextPageError ? (
            <Typography.Text type="danger">{problemTitle(query.error)}</Typography.Text>
          ) : null}
        </Flex>
      ) : null}
    </>
  );
}
