import { InfiniteScroll } from 'antd-mobile';
import { SearchOutline } from 'antd-mobile-icons';
import { Link, useSearchParams } from 'react-router';
import { useCategories, useProductSearch } from '../api/catalog.ts';
import { ProductCard } from '../components/ProductCard.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton, ProductGridSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import './CategoryPage.css';

export default function CategoryPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const categories = useCategories();
  const activeId = params.get('c') ?? categories.data?.[0]?.id ?? '';
  const active = categories.data?.find((c) => c.id === activeId) ?? categories.data?.[0];
  const hot = useProductSearch({ categoryId: active?.id ?? '', sort: 'sales', limit: 20 }, !!active);
  const products = hot.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="page with-tabbar category-page">
      <header className="category-header">
        <h1 className="sr-only">{t('分类')}</h1>
        <Link to="/search" className="category-search" data-testid="search-entry">
          <SearchOutline aria-hidden />
          <span>{t('搜索好物')}</span>
        </Link>
      </header>
      {categories.isPending ? (
        <ListSkeleton rows={4} />
      ) : categories.isError ? (
        <QueryError error={categories.error} onRetry={() => void categories.refetch()} />
      ) : categories.data.length === 0 ? (
        <EmptyState title={t('还没有商品分类')} />
      ) : (
        <div className="category-body">
          <div className="category-side" role="tablist" aria-orientation="vertical" aria-label={t('一级分类')}>
            {categories.data.map((c) => (
              <button
                key={c.id}
                type="button"
                role="tab"
                aria-selected={c.id === active?.id}
                className={c.id === active?.id ? 'active' : ''}
                onClick={() => setParams({ c: c.id }, { replace: true })}
                data-testid="category-tab"
              >
                {c.name}
              </button>
            ))}
          </div>
          {active && (
            <div className="category-main" role="tabpanel" aria-label={active.name}>
              <div className="category-section">
                <div className="row-between">
                  <h2>{active.name}</h2>
                  <Link
                    to={`/products?categoryId=${encodeURIComponent(active.id)}&title=${encodeURIComponent(active.name)}`}
                    className="link-more"
                  >
                    {t('查看全部')} ›
                  </Link>
                </div>
                <ul className="category-subs">
                  {active.children.map((s) => (
                    <li key={s.id}>
                      <Link
                        to={`/products?categoryId=${encodeURIComponent(s.id)}&title=${encodeURIComponent(s.name)}`}
                        data-testid="subcategory"
                      >
                        {s.iconUrl ? <img src={s.iconUrl} alt="" /> : <span className="category-sub-icon" />}
                        <span>{s.name}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
                {active.returnPolicyNote && <p className="muted">{active.returnPolicyNote}</p>}
              </div>
              <div className="category-section">
                <h2>{t('热销商品')}</h2>
                {hot.isPending ? (
                  <ProductGridSkeleton count={4} />
                ) : hot.isError ? (
                  <QueryError error={hot.error} onRetry={() => void hot.refetch()} />
                ) : products.length === 0 ? (
                  <EmptyState title={t('这个分类还没有商品')} />
                ) : (
                  <>
                    <div className="category-products">
                      {products.map((p, i) => (
                        <ProductCard key={p.id} product={p} slot="category.hot" position={i} />
                      ))}
                    </div>
                    <InfiniteScroll
                      loadMore={async () => void (await hot.fetchNextPage({ throwOnError: true }))}
                      hasMore={hot.hasNextPage}
                    />
                  </>
                )}
              </div>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
