import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, List, Tag } from 'antd-mobile';
import { Link } from 'react-router';
import { api, must } from '../api/client.ts';
import { useLang, useT } from '../i18n/index.tsx';
import { QueryError } from './QueryError.tsx';
import { ListSkeleton } from './Skeletons.tsx';

/** 平台访问记录: which kinds of platform staff read this person's data, when and what — never who (PIPL Art. 45). */
export function StaffAccessSection() {
  const t = useT();
  const { lang } = useLang();
  const query = useInfiniteQuery({
    queryKey: ['privacy', 'staff-accesses'],
    queryFn: ({ pageParam }) =>
      must(api.GET('/api/v1/me/privacy/staff-accesses', { params: { query: { cursor: pageParam, limit: 20 } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card" aria-labelledby="staff-access-title">
      <h2 id="staff-access-title" className="section-title">
        {t('平台访问记录')}
      </h2>
      <p className="muted">
        {t('平台员工因处理订单、售后等查看你的信息时都会记录，这里列出查看者的岗位、时间和内容。')}
      </p>
      {query.isPending ? (
        <ListSkeleton rows={2} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted" data-testid="staff-access-empty">
          {t('还没有平台员工查看过你的信息')}
        </p>
      ) : (
        <>
          <List data-testid="staff-access-list">
            {items.map((a) => (
              <List.Item
                key={a.id}
                description={
                  <>
                    {new Date(a.at).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' })} ·{' '}
                    <Link to={`/transparency?kind=staff-access&subject=${a.id}`}>{t('在透明度日志中核验')}</Link>
                  </>
                }
                extra={a.roles.map((r) => (
                  <Tag key={r} color="primary" fill="outline" style={{ marginLeft: 4 }}>
                    {r}
                  </Tag>
                ))}
              >
                {a.what}
              </List.Item>
            ))}
          </List>
          {query.hasNextPage ? (
            <Button block fill="none" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {t('加载更多')}
            </Button>
          ) : null}
        </>
      )}
    </section>
  );
}
