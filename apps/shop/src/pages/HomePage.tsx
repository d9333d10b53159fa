import { useQueryClient } from '@tanstack/react-query';
import { InfiniteScroll, PullToRefresh, Swiper } from 'antd-mobile';
import { SearchOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCategories, useProductSearch, type ProductSort } from '../api/catalog.ts';
import { useExposure, useVariant } from '../api/experiments.ts';
import { FlashStrip } from '../components/FlashStrip.tsx';
import { ProductGrid, useSalesText } from '../components/ProductCard.tsx';
import { Price } from '../components/Price.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { HomeFeedSection } from '../components/HomeFeed.tsx';
import { ProductGridSkeleton } from '../components/Skeletons.tsx';
import { LiveStrip } from './live/LiveStrip.tsx';
import { useT, type MessageKey } from '../i18n/index.tsx';
import { usePageView } from '../lib/useTrack.ts';
import './HomePage.css';
import { MemberDayBanner } from '../components/MemberDayBanner.tsx';
import { useCareMode } from '../api/careMode.ts';

type Feed = 'sales' | 'newest';
const feeds: { feed: Feed; label: MessageKey; hint: MessageKey }[] = [
  { feed: 'sales', label: '热销', hint: '按真实销量排序' },
  { feed: 'newest', label: '新品', hint: '按上架时间排序' },
];
// The home-ranking experiment's treatment: the first tab ranks by catalog's recommended score instead.
const recommendedFeed = {
  feed: 'sales' as Feed,
  label: '推荐' as MessageKey,
  hint: '综合销量、评分与上架时间排序' as MessageKey,
};

/** Experiments that run on this page (demo seed creates them; operators start them in the console). */
const LAYOUT_EXPERIMENT = 'home-layout';
const RANKING_EXPERIMENT = 'home-ranking';

export default function HomePage() {
  const t = useT();
  const qc = useQueryClient();
  const salesText = useSalesText();
  const [feed, setFeed] = useState<Feed>('sales');
  // 关怀模式: no moving carousel, no live/flash/post feeds, one big product per row.
  const care = useCareMode().enabled;
  const layout = useVariant(LAYOUT_EXPERIMENT);
  const ranking = useVariant(RANKING_EXPERIMENT);
  const recommended = ranking === 'recommended';
  const sort: ProductSort = feed === 'sales' && recommended ? 'recommended' : feed;
  const tabs = recommended ? [recommendedFeed, feeds[1]!] : feeds;
  const current = tabs.find((f) => f.feed === feed) ?? tabs[0]!;
  const categories = useCategories();
  // The banners are the real best sellers: no invented promotions.
  const topSellers = useProductSearch({ sort: 'sales', limit: 5 });
  // Wait for the ranking assignment so the list does not jump from one order to the other.
  const list = useProductSearch({ sort, limit: 20 }, ranking !== undefined);

  const banners = (topSellers.data?.pages[0]?.items ?? []).filter((p) => p.salesCount > 0 && p.imageUrl);
  const products = list.data?.pages.flatMap((p) => p.items) ?? [];
  usePageView('home');
  // Exposure when the variant is on screen: the product list has rendered (not when the assignment arrived).
  const listShown = products.length > 0;
  // In 关怀模式 the shopper does not see their variant's layout, so they are not counted in the experiment.
  useExposure(LAYOUT_EXPERIMENT, layout, listShown && !care);
  useExposure(RANKING_EXPERIMENT, ranking, listShown && feed === 'sales');

  return (
    <div className="page with-tabbar home-page">
      <header className="home-header">
        <h1 className="home-logo">
          好物<span className="sr-only"> · {t('首页')}</span>
        </h1>
        <Link to="/search" className="home-search" data-testid="search-entry">
          <SearchOutline aria-hidden />
          <span>{t('搜索好物')}</span>
        </Link>
      </header>

      <PullToRefresh
        onRefresh={() =>
          qc
            .invalidateQueries({ queryKey: ['products'] })
            .then(() => qc.invalidateQueries({ queryKey: ['categories'] }))
            .then(() => qc.invalidateQueries({ queryKey: ['flash'] }))
            .then(() => qc.invalidateQueries({ queryKey: ['live'] }))
            .then(() => qc.invalidateQueries({ queryKey: ['discovery'] }))
        }
      >
        <MemberDayBanner />
        {!care && banners.length > 0 && (
          <section className="home-banners" aria-label={t('热销榜')}>
            <Swiper autoplay autoplayInterval={4000} loop indicatorProps={{ color: 'white' }}>
              {banners.map((p, i) => (
                <Swiper.Item key={p.id}>
                  <Link to={`/product/${p.id}`} className="home-banner" data-testid="home-banner">
                    <img src={p.imageUrl ?? ''} alt={p.title} />
                    <span className="home-banner-text">
                      <span className="home-banner-rank">{t('热销榜 TOP{n}', { n: i + 1 })}</span>
                      <span className="home-banner-title clamp-2">{p.title}</span>
                      <span className="home-banner-meta">
                        <Price fen={p.minPrice} size={18} /> · {salesText(p.salesCount)}
                      </span>
                    </span>
                  </Link>
                </Swiper.Item>
              ))}
            </Swiper>
          </section>
        )}

        <nav className="card home-categories" aria-label={t('商品分类')}>
          {categories.isPending ? (
            <div className="home-cat-grid" aria-busy="true">
              {Array.from({ length: 6 }, (_, i) => (
                <span key={i} className="home-cat">
                  <span className="skeleton-block home-cat-icon" />
                  <span className="skeleton-block" style={{ width: 40, height: 12 }} />
                </span>
              ))}
            </div>
          ) : categories.isError ? (
            <QueryError error={categories.error} onRetry={() => void categories.refetch()} />
          ) : (
            <ul className="home-cat-grid">
              {categories.data.map((c) => (
                <li key={c.id}>
                  <Link
                    to={`/products?categoryId=${encodeURIComponent(c.id)}&title=${encodeURIComponent(c.name)}`}
                    className="home-cat"
                    data-testid="home-category"
                  >
                    {c.iconUrl ? (
                      <img className="home-cat-icon" src={c.iconUrl} alt="" />
                    ) : (
                      <span className="home-cat-icon" />
                    )}
                    <span>{c.name}</span>
                  </Link>
                </li>
              ))}
              <li>
                <Link to="/nearby" className="home-cat" data-testid="home-nearby">
                  <span className="home-cat-icon home-cat-all" aria-hidden>
                    📍
                  </span>
                  <span>{t('附近')}</span>
                </Link>
              </li>
              <li>
                <Link to="/category" className="home-cat">
                  <span className="home-cat-icon home-cat-all" aria-hidden>
                    ⋯
                  </span>
                  <span>{t('全部分类')}</span>
                </Link>
              </li>
            </ul>
          )}
        </nav>

        {!care && (
          <>
            <FlashStrip />
            <LiveStrip />
            <HomeFeedSection title={t('为你推荐')} slot="home.recommend" />
          </>
        )}

        <section aria-labelledby="home-feed-title">
          <div className="home-feed-head">
            <h2 id="home-feed-title" className="sr-only">
              {t('商品列表')}
            </h2>
            <div className="home-feed-tabs" role="tablist" aria-label={t('排序')}>
              {tabs.map((f) => (
                <button
                  key={f.feed}
                  type="button"
                  role="tab"
                  aria-selected={feed === f.feed}
                  className={feed === f.feed ? 'active' : ''}
                  onClick={() => setFeed(f.feed)}
                  data-testid={`home-feed-${f.feed}`}
                  data-sort={f.feed === 'sales' ? sort : f.feed}
                >
                  {t(f.label)}
                </button>
              ))}
            </div>
            <span className="muted">{t(current.hint)}</span>
          </div>
          <div role="tabpanel" aria-label={t(current.label)}>
            {list.isPending || layout === undefined ? (
              <ProductGridSkeleton />
            ) : list.isError ? (
              <QueryError error={list.error} onRetry={() => void list.refetch()} />
            ) : products.length === 0 ? (
              <EmptyState title={t('还没有上架的商品')} />
            ) : (
              <>
                <ProductGrid
                  products={products}
                  slot={`home.feed.${feed}`}
                  layout={care || layout === 'large' ? 'large' : 'grid'}
                />
                <InfiniteScroll
                  loadMore={async () => void (await list.fetchNextPage({ throwOnError: true }))}
                  hasMore={list.hasNextPage}
                />
              </>
            )}
          </div>
        </section>
      </PullToRefresh>
    </div>
  );
}
