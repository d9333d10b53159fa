import { useQueryClient } from '@tanstack/react-query';
import { InfiniteScroll, PullToRefresh } from 'antd-mobile';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useMerchant, useProductSearch, type ProductSort } from '../api/catalog.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProductGrid } from '../components/ProductCard.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton, ProductGridSkeleton } from '../components/Skeletons.tsx';
import { useFormatTime, useT } from '../i18n/index.tsx';

/** A shop: its card and what it sells, by sales or newest. */
export default function MerchantPage() {
  const t = useT();
  const fmt = useFormatTime();
  const qc = useQueryClient();
  const { id = '' } = useParams();
  const [sort, setSort] = useState<ProductSort>('sales');
  const merchant = useMerchant(id);
  const list = useProductSearch({ merchantId: id, sort, limit: 20 });
  const products = list.data?.pages.flatMap((p) => p.items) ?? [];
  const m = merchant.data;

  return (
    <div className="page">
      <PageHeader title={m?.name ?? t('店铺')} />
      {merchant.isPending ? (
        <ListSkeleton rows={1} />
      ) : merchant.isError ? (
        <QueryError error={merchant.error} onRetry={() => void merchant.refetch()} />
      ) : (
        <section className="card merchant-card" data-testid="merchant-card">
          <div className="row">
            {merchant.data.logoUrl ? (
              <img className="merchant-logo" src={merchant.data.logoUrl} alt="" />
            ) : (
              <span className="merchant-logo" aria-hidden />
            )}
            <div className="grow">
              <p className="merchant-name">{merchant.data.name}</p>
              <p className="muted">
                {t('在售 {n} 件商品', { n: merchant.data.productCount })}
                {merchant.data.rating.average !== null
                  ? ` · ${t('店铺评分 {avg}（{n} 条评价）', { avg: merchant.data.rating.average.toFixed(1), n: merchant.data.rating.count })}`
                  : ''}
              </p>
              <p className="muted">{t('{date} 入驻', { date: fmt(merchant.data.createdAt, false) })}</p>
            </div>
          </div>
          {merchant.data.description && <p className="merchant-desc">{merchant.data.description}</p>}
        </section>
      )}
      <div className="chip-tabs" role="tablist" aria-label={t('排序')}>
        <button
          type="button"
          role="tab"
          aria-selected={sort === 'sales'}
          className={sort === 'sales' ? 'on' : ''}
          onClick={() => setSort('sales')}
        >
          {t('销量')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={sort === 'newest'}
          className={sort === 'newest' ? 'on' : ''}
          onClick={() => setSort('newest')}
        >
          {t('新品')}
        </button>
      </div>
      <PullToRefresh onRefresh={() => qc.invalidateQueries({ queryKey: ['products', 'search'] })}>
        {list.isPending ? (
          <ProductGridSkeleton />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : products.length === 0 ? (
          <EmptyState title={t('店铺暂时没有在售商品')} />
        ) : (
          <>
            <ProductGrid products={products} slot="merchant.products" />
            <InfiniteScroll
              loadMore={async () => void (await list.fetchNextPage({ throwOnError: true }))}
              hasMore={list.hasNextPage}
            />
          </>
        )}
      </PullToRefresh>
    </div>
  );
}
