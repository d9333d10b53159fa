import { Button, Popup } from 'antd-mobile';
import { InformationCircleOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { Link } from 'react-router';
import { type FeedItem, useDiscoveryFeed, useProductRecommendations } from '../api/discovery.ts';
import { useExposure, useVariant } from '../api/experiments.ts';
import { useT } from '../i18n/index.tsx';
import { trackClick } from '../lib/track.ts';
import { useImpression } from '../lib/useTrack.ts';
import { Price } from './Price.tsx';
import { useSalesText } from './ProductCard.tsx';
import { EmptyState, QueryError } from './QueryError.tsx';
import { ProductGridSkeleton } from './Skeletons.tsx';
import './Recommendations.css';

/** A recommended product with the reason its source gave; tapping the reason opens 为什么推荐. */
export function RecommendCard({
  item,
  slot,
  position,
  onWhy,
}: {
  item: FeedItem;
  slot: string;
  position: number;
  onWhy: () => void;
}) {
  const t = useT();
  const salesText = useSalesText();
  const ref = useImpression<HTMLDivElement>(item.productId, slot, position);
  return (
    <div ref={ref} className="product-card rec-card" data-testid="rec-card" data-reason-kind={item.reason.kind}>
      <Link to={`/product/${item.productId}`} onClick={() => trackClick(item.productId, slot, position)}>
        {item.imageUrl ? (
          <img className="thumb" src={item.imageUrl} alt={item.title} loading="lazy" />
        ) : (
          <span className="thumb" aria-hidden />
        )}
        <span className="body">
          <span className="title clamp-2">{item.title}</span>
          <span className="meta">
            <Price fen={item.minPrice} size={18} />
            <span className="muted">{salesText(item.salesCount)}</span>
          </span>
        </span>
      </Link>
      <button
        type="button"
        className="rec-reason"
        onClick={onWhy}
        data-testid="rec-reason"
        aria-label={t('为什么推荐：{reason}', { reason: item.reason.text })}
      >
        <span className="clamp-2">{item.reason.text}</span>
        <InformationCircleOutline aria-hidden />
      </button>
    </div>
  );
}

/** A reason as the 为什么推荐 sheet shows it: products', posts' and live sessions' reasons all fit. */
export interface WhyReason {
  kind: string;
  text: string;
  detail: string;
  userId?: string;
  nickname?: string;
  anchorProductId?: string;
  merchantId?: string;
}

/** 为什么推荐: the source behind the reason, where it came from, and the way to switch it off. */
export function WhySheet({ reason: r, onClose }: { reason: WhyReason | null; onClose: () => void }) {
  const t = useT();
  return (
    <Popup
      visible={r !== null}
      onMaskClick={onClose}
      onClose={onClose}
      bodyStyle={{ borderRadius: '12px 12px 0 0', padding: '16px 16px 24px' }}
    >
      {r && (
        <div className="rec-why" data-testid="why-sheet" role="dialog" aria-label={t('为什么推荐')}>
          <h2 className="section-title">{t('为什么推荐')}</h2>
          <p className="rec-why-reason">{r.text}</p>
          <p className="muted">{r.detail}</p>
          {(r.kind === 'social' || r.kind === 'following') && r.userId && (
            <Link to={`/users/${r.userId}`} onClick={onClose}>
              {t('看看 @{name} 的主页', { name: r.nickname ?? '' })}
            </Link>
          )}
          {r.kind === 'following' && r.merchantId && (
            <Link to={`/merchant/${r.merchantId}`} onClick={onClose}>
              {t('去店铺看看')}
            </Link>
          )}
          {(r.kind === 'together' || r.kind === 'similar') && r.anchorProductId && (
            <Link to={`/product/${r.anchorProductId}`} onClick={onClose}>
              {t('查看相关商品')}
            </Link>
          )}
          <p className="muted rec-why-note">
            {t('推荐理由由产生这条推荐的数据来源生成。你可以随时关闭个性化推荐或删除兴趣标签。')}
          </p>
          <Link to="/me/recommendations" onClick={onClose} data-testid="why-settings">
            <Button block color="primary" fill="outline">
              {t('管理推荐设置')}
            </Button>
          </Link>
        </div>
      )}
    </Popup>
  );
}

function RecommendGrid({ items, slot }: { items: FeedItem[]; slot: string }) {
  const [why, setWhy] = useState<FeedItem | null>(null);
  return (
    <>
      <div className="product-grid" data-testid="rec-grid">
        {items.map((item, i) => (
          <RecommendCard key={item.productId} item={item} slot={slot} position={i} onWhy={() => setWhy(item)} />
        ))}
      </div>
      <WhySheet reason={why?.reason ?? null} onClose={() => setWhy(null)} />
    </>
  );
}

/** The experiment comparing the feed's two rankers (demo seed creates it; operators start it in the console). */
export const FEED_RANKER_EXPERIMENT = 'feed-ranker';

/** 为你推荐 (home) and 猜你喜欢 (after payment, empty cart): the discovery feed with its reasons. */
/** A recommendation section's title with its 推荐设置 link, and the note shown while personalisation is off. */
export function RecSectionHead({ slot, title, offNote }: { slot: string; title: string; offNote: string | undefined }) {
  const t = useT();
  return (
    <>
      <div className="rec-head">
        <h2 id={`${slot}-title`} className="section-title">
          {title}
        </h2>
        <Link to="/me/recommendations" className="muted" data-testid="rec-settings-link">
          {t('推荐设置')}
        </Link>
      </div>
      {offNote && (
        <p className="muted rec-note" data-testid="rec-off-note">
          {offNote}
        </p>
      )}
    </>
  );
}

export function RecommendedSection({
  title,
  slot,
  limit = 10,
  more = false,
}: {
  title: string;
  slot: string;
  limit?: number;
  /** Offer 加载更多 (the home page); elsewhere one page is enough. */
  more?: boolean;
}) {
  const t = useT();
  const ranker = useVariant(FEED_RANKER_EXPERIMENT);
  const feed = useDiscoveryFeed(limit, ranker ?? null, ranker !== undefined);
  const items = feed.data?.pages.flatMap((p) => p.items) ?? [];
  const personalised = feed.data?.pages[0]?.personalised;
  // Both variants show the same popular-and-new list to someone with personalisation off: only a ranked feed on
  // screen is an exposure.
  useExposure(FEED_RANKER_EXPERIMENT, ranker, personalised === true && items.length > 0);
  return (
    <section className="rec-section" aria-labelledby={`${slot}-title`} data-testid="rec-section">
      <RecSectionHead
        slot={slot}
        title={title}
        offNote={personalised === false ? t('个性化推荐已关闭，正在展示热门与新品') : undefined}
      />
      {feed.isPending ? (
        <ProductGridSkeleton count={4} />
      ) : feed.isError ? (
        <QueryError error={feed.error} onRetry={() => void feed.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('暂时没有可推荐的商品')} description={t('购物或发布笔记后，这里会更懂你')} />
      ) : (
        <>
          <RecommendGrid items={items} slot={slot} />
          {more && feed.hasNextPage && (
            <div className="rec-more">
              <Button
                size="small"
                fill="outline"
                loading={feed.isFetchingNextPage}
                onClick={() => void feed.fetchNextPage()}
                data-testid="rec-more"
              >
                {t('加载更多')}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** 买了又买 / 看了又看 on a product page; a section without items is left out. */
export function ProductRecommendations({ productId }: { productId: string }) {
  const t = useT();
  const together = useProductRecommendations(productId, 'bought-together');
  const similar = useProductRecommendations(productId, 'similar');
  const sections = [
    { key: 'together', title: t('买了又买'), q: together },
    { key: 'similar', title: t('看了又看'), q: similar },
  ];
  return (
    <>
      {sections.map(({ key, title, q }) =>
        q.isPending ? (
          <ProductGridSkeleton key={key} count={2} />
        ) : q.isError ? (
          <QueryError key={key} error={q.error} onRetry={() => void q.refetch()} />
        ) : q.data.items.length === 0 ? null : (
          <section key={key} className="card rec-section" data-testid={`product-rec-${key}`}>
            <h2 className="section-title">{title}</h2>
            <RecommendGrid items={q.data.items} slot={`product.rec.${key}`} />
          </section>
        ),
      )}
    </>
  );
}
