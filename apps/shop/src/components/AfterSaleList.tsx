import { InfiniteScroll, PullToRefresh } from 'antd-mobile';
import { Link } from 'react-router';
import { OPEN_AFTER_SALE, useAfterSales } from '../api/aftersales.ts';
import { useFormatTime, useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import { EmptyState, QueryError } from './QueryError.tsx';
import { ListSkeleton } from './Skeletons.tsx';

/** The buyer's refund / return requests, newest first. */
export function AfterSaleList() {
  const t = useT();
  const fmt = useFormatTime();
  const list = useAfterSales();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <PullToRefresh onRefresh={async () => void (await list.refetch())}>
      {list.isPending ? (
        <ListSkeleton rows={3} />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('没有售后记录')} description={t('在订单详情里可以对商品申请退款或退货')} />
      ) : (
        <ul className="plain-list" data-testid="after-sale-list">
          {items.map((a) => (
            <li key={a.id}>
              <Link to={`/after-sales/${a.id}`} className="card after-sale-card" data-testid="after-sale-card">
                <div className="row-between">
                  <span className="tag gray">{a.typeLabel}</span>
                  <span
                    className={OPEN_AFTER_SALE.has(a.status) ? 'status-open' : 'status-closed'}
                    data-testid="after-sale-status"
                  >
                    {a.statusLabel}
                  </span>
                </div>
                <p className="after-sale-title clamp-2">{a.productTitle}</p>
                <p className="muted">
                  {a.specText} · {t('{n} 件', { n: a.qty })} · {a.reasonLabel}
                </p>
                <div className="row-between">
                  <span className="muted">{fmt(a.createdAt)}</span>
                  {a.exchange ? (
                    <span>
                      {t('换成')} <strong>{a.exchange.specText}</strong>
                    </span>
                  ) : (
                    <span>
                      {t('退款金额')} <strong>¥{yuan(a.amount + a.shippingAmount)}</strong>
                    </span>
                  )}
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {items.length > 0 && (
        <InfiniteScroll
          loadMore={async () => void (await list.fetchNextPage({ throwOnError: true }))}
          hasMore={list.hasNextPage}
        />
      )}
    </PullToRefresh>
  );
}
