import { useQueryClient } from '@tanstack/react-query';
import { Button, InfiniteScroll, Popup, PullToRefresh } from 'antd-mobile';
import { DownFill, FilterOutline, LeftOutline, UpOutline, DownOutline } from 'antd-mobile-icons';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCategories, useProductSearch, type ProductSearch, type ProductSort } from '../api/catalog.ts';
import { ProductGrid } from '../components/ProductCard.tsx';
import { RecommendedSection } from '../components/Recommendations.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { ProductGridSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import { parseYuan, yuan } from '../lib/money.ts';
import { track } from '../lib/track.ts';
import { usePageView } from '../lib/useTrack.ts';
import './ProductListPage.css';

const SORTS = ['relevance', 'price_asc', 'price_desc', 'sales', 'newest'] as const;
const asSort = (s: string | null): ProductSort =>
  (SORTS as readonly string[]).includes(s ?? '') ? (s as ProductSort) : 'relevance';
const asFen = (s: string | null): number | undefined => (s && /^\d+$/.test(s) ? Number(s) : undefined);

/** Search results and category listings: sorts 综合/销量/价格/新品, filters by category and price range. */
export default function ProductListPage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const categoryId = params.get('categoryId') ?? '';
  const sort = asSort(params.get('sort'));
  const minPrice = asFen(params.get('minPrice'));
  const maxPrice = asFen(params.get('maxPrice'));
  const [filterOpen, setFilterOpen] = useState(false);
  const categories = useCategories();

  const query: Omit<ProductSearch, 'cursor'> = {
    limit: 20,
    sort,
    ...(q ? { q } : {}),
    ...(categoryId ? { categoryId } : {}),
    ...(minPrice !== undefined ? { minPrice } : {}),
    ...(maxPrice !== undefined ? { maxPrice } : {}),
  };
  const list = useProductSearch(query);
  const products = list.data?.pages.flatMap((p) => p.items) ?? [];
  const firstPage = list.data?.pages[0];
  usePageView(q ? 'search' : 'list', categoryId ? { categoryId } : {}, {
    ...(q ? { source: { channel: 'search' as const } } : {}),
  });
  // One search event per query and filter set, with how many results its first page found (0 included).
  const searchKey = q && firstPage ? JSON.stringify(query) : '';
  useEffect(() => {
    if (!searchKey || !firstPage) return;
    track('search', { query: q, results: firstPage.items.length, channel: 'search' });
  }, [searchKey]);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  const categoryName = (() => {
    for (const c of categories.data ?? []) {
      if (c.id === categoryId) return c.name;
      const child = c.children.find((k) => k.id === categoryId);
      if (child) return child.name;
    }
    return params.get('title') ?? '';
  })();
  const filtered = !!categoryId || minPrice !== undefined || maxPrice !== undefined;
  const title = q || categoryName || t('全部商品');

  const sortTab = (key: 'relevance' | 'sales' | 'price' | 'newest', label: string) => {
    const active = key === 'price' ? sort === 'price_asc' || sort === 'price_desc' : sort === key;
    const next: ProductSort = key === 'price' ? (sort === 'price_asc' ? 'price_desc' : 'price_asc') : key;
    return (
      <button
        type="button"
        role="tab"
        aria-selected={active}
        className={active ? 'active' : ''}
        onClick={() => update({ sort: next === 'relevance' ? undefined : next })}
        data-testid={`sort-${key}`}
      >
        {label}
        {key === 'price' && (
          <span className="sort-arrows" aria-hidden>
            <UpOutline className={sort === 'price_asc' ? 'on' : ''} />
            <DownOutline className={sort === 'price_desc' ? 'on' : ''} />
          </span>
        )}
        {key === 'price' && active && (
          <span className="sr-only">{sort === 'price_asc' ? t('从低到高') : t('从高到低')}</span>
        )}
      </button>
    );
  };

  return (
    <div className="page product-list-page">
      <header className="search-header">
        <button type="button" className="icon-button" aria-label={t('返回')} onClick={() => void navigate(-1)}>
          <LeftOutline aria-hidden />
        </button>
        <SearchBox value={q} readOnly onFocus={() => void navigate(`/search?q=${encodeURIComponent(q)}`)} />
      </header>
      <h1 className="sr-only">{title}</h1>
      <div className="sort-bar">
        <div role="tablist" aria-label={t('排序')} className="sort-tabs">
          {sortTab('relevance', t('综合'))}
          {sortTab('sales', t('销量'))}
          {sortTab('price', t('价格'))}
          {sortTab('newest', t('新品'))}
        </div>
        <button
          type="button"
          className={`filter-button ${filtered ? 'active' : ''}`}
          onClick={() => setFilterOpen(true)}
          data-testid="filter-open"
        >
          {t('筛选')}
          <FilterOutline aria-hidden />
        </button>
      </div>
      {filtered && (
        <div className="active-filters">
          {categoryName && (
            <button type="button" onClick={() => update({ categoryId: undefined, title: undefined })}>
              <span className="sr-only">{t('移除筛选')}：</span>
              {categoryName} ×
            </button>
          )}
          {(minPrice !== undefined || maxPrice !== undefined) && (
            <button type="button" onClick={() => update({ minPrice: undefined, maxPrice: undefined })}>
              <span className="sr-only">{t('移除筛选')}：</span>
              {minPrice !== undefined ? `¥${yuan(minPrice)}` : '¥0'} –{' '}
              {maxPrice !== undefined ? `¥${yuan(maxPrice)}` : t('不限')} ×
            </button>
          )}
        </div>
      )}

      {q && firstPage && (firstPage.didYouMean || (firstPage.relaxed && products.length > 0)) && (
        <div className="search-notice" role="status" data-testid="search-notice">
          {firstPage.didYouMean && (
            <p>
              {t('你是不是要找')}{' '}
              <Link to={`/products?q=${encodeURIComponent(firstPage.didYouMean)}`} data-testid="did-you-mean">
                {firstPage.didYouMean}
              </Link>
            </p>
          )}
          {firstPage.relaxed && products.length > 0 && <p>{t('没有完全匹配的商品，为你找到相近的')}</p>}
        </div>
      )}

      <PullToRefresh onRefresh={() => qc.invalidateQueries({ queryKey: ['products', 'search'] })}>
        {list.isPending ? (
          <ProductGridSkeleton />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : products.length === 0 ? (
          <>
            <EmptyState
              title={q ? t('没有找到“{q}”相关的商品', { q }) : t('没有符合条件的商品')}
              description={filtered ? t('试试放宽筛选条件') : t('换个关键词试试')}
            >
              {filtered && (
                <Button
                  size="small"
                  onClick={() =>
                    update({ categoryId: undefined, title: undefined, minPrice: undefined, maxPrice: undefined })
                  }
                >
                  {t('清除筛选')}
                </Button>
              )}
              {q && (
                <Button size="small" color="primary" fill="outline" onClick={() => void navigate('/products')}>
                  {t('看看全部商品')}
                </Button>
              )}
            </EmptyState>
            {q && <RecommendedSection title={t('你可能喜欢')} slot="search.empty" limit={6} />}
          </>
        ) : (
          <>
            <ProductGrid
              products={products}
              slot={q ? 'search.results' : 'list.products'}
              {...(q ? { source: 'search' as const, query: q } : {})}
            />
            <InfiniteScroll
              loadMore={async () => void (await list.fetchNextPage({ throwOnError: true }))}
              hasMore={list.hasNextPage}
            />
          </>
        )}
      </PullToRefresh>

      <Popup
        visible={filterOpen}
        position="right"
        onMaskClick={() => setFilterOpen(false)}
        onClose={() => setFilterOpen(false)}
        bodyStyle={{ width: 'min(86vw, 380px)' }}
      >
        {filterOpen && (
          <FilterPanel
            categories={categories.data ?? []}
            categoryId={categoryId}
            minPrice={minPrice}
            maxPrice={maxPrice}
            onApply={(f) => {
              update({
                categoryId: f.categoryId,
                title: undefined,
                minPrice: f.minPrice === undefined ? undefined : String(f.minPrice),
                maxPrice: f.maxPrice === undefined ? undefined : String(f.maxPrice),
              });
              setFilterOpen(false);
            }}
          />
        )}
      </Popup>
    </div>
  );
}

interface Filters {
  categoryId: string | undefined;
  minPrice: number | undefined;
  maxPrice: number | undefined;
}

function FilterPanel({
  categories,
  categoryId,
  minPrice,
  maxPrice,
  onApply,
}: {
  categories: { id: string; name: string; children: { id: string; name: string }[] }[];
  categoryId: string;
  minPrice: number | undefined;
  maxPrice: number | undefined;
  onApply: (f: Filters) => void;
}) {
  const t = useT();
  const [cat, setCat] = useState(categoryId);
  const [min, setMin] = useState(minPrice === undefined ? '' : yuan(minPrice));
  const [max, setMax] = useState(maxPrice === undefined ? '' : yuan(maxPrice));
  const [open, setOpen] = useState<string | null>(
    () => categories.find((c) => c.id === categoryId || c.children.some((k) => k.id === categoryId))?.id ?? null,
  );
  const [error, setError] = useState('');

  const apply = () => {
    const lo = min.trim() ? parseYuan(min) : undefined;
    const hi = max.trim() ? parseYuan(max) : undefined;
    if ((min.trim() && lo === undefined) || (max.trim() && hi === undefined)) {
      setError(t('请输入正确的价格'));
      return;
    }
    const [a, b] = lo !== undefined && hi !== undefined && lo > hi ? [hi, lo] : [lo, hi];
    onApply({ categoryId: cat || undefined, minPrice: a, maxPrice: b });
  };

  return (
    <div className="filter-panel" role="dialog" aria-label={t('筛选')} data-testid="filter-panel">
      <div className="filter-scroll">
        <h2>{t('价格区间（元）')}</h2>
        <div className="price-range">
          <input
            inputMode="decimal"
            aria-label={t('最低价')}
            placeholder={t('最低价')}
            value={min}
            onChange={(e) => setMin(e.target.value)}
            data-testid="filter-min-price"
          />
          <span aria-hidden>—</span>
          <input
            inputMode="decimal"
            aria-label={t('最高价')}
            placeholder={t('最高价')}
            value={max}
            onChange={(e) => setMax(e.target.value)}
            data-testid="filter-max-price"
          />
        </div>
        {error && (
          <p className="filter-error" role="alert">
            {error}
          </p>
        )}
        <h2>{t('分类')}</h2>
        <ul className="filter-cats">
          <li>
            <button
              type="button"
              className={cat === '' ? 'on' : ''}
              aria-pressed={cat === ''}
              onClick={() => setCat('')}
            >
              {t('全部分类')}
            </button>
          </li>
          {categories.map((c) => (
            <li key={c.id}>
              <div className="filter-cat-row">
                <button
                  type="button"
                  className={cat === c.id ? 'on' : ''}
                  aria-pressed={cat === c.id}
                  onClick={() => setCat(c.id)}
                  data-testid="filter-category"
                >
                  {c.name}
                </button>
                <button
                  type="button"
                  className="filter-expand"
                  aria-expanded={open === c.id}
                  aria-label={t('展开「{name}」的子分类', { name: c.name })}
                  onClick={() => setOpen(open === c.id ? null : c.id)}
                >
                  <DownFill aria-hidden style={{ transform: open === c.id ? 'rotate(180deg)' : undefined }} />
                </button>
              </div>
              {open === c.id && (
                <ul className="filter-subcats">
                  {c.children.map((k) => (
                    <li key={k.id}>
                      <button
                        type="button"
                        className={cat === k.id ? 'on' : ''}
                        aria-pressed={cat === k.id}
                        onClick={() => setCat(k.id)}
                      >
                        {k.name}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </div>
      <div className="filter-actions">
        <Button
          onClick={() => {
            setCat('');
            setMin('');
            setMax('');
            setError('');
          }}
        >
          {t('重置')}
        </Button>
        <Button color="primary" onClick={apply} data-testid="filter-apply">
          {t('确定')}
        </Button>
      </div>
    </div>
  );
}
