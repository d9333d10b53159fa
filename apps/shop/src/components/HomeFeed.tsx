import { Button } from 'antd-mobile';
import { EyeOutline, HeartOutline, InformationCircleOutline, PlayOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { Link } from 'react-router';
import { type HomeEntry, useHomeFeed } from '../api/discovery.ts';
import { useExposure, useVariant } from '../api/experiments.ts';
import { useT } from '../i18n/index.tsx';
import { trackClick } from '../lib/track.ts';
import { EmptyState, QueryError } from './QueryError.tsx';
import { FEED_RANKER_EXPERIMENT, RecSectionHead, RecommendCard, WhySheet, type WhyReason } from './Recommendations.tsx';
import { ProductGridSkeleton } from './Skeletons.tsx';
import './HomeFeed.css';
import './Recommendations.css';

type PostEntry = Extract<HomeEntry, { kind: 'post' }>;
type LiveEntry = Extract<HomeEntry, { kind: 'live' }>;

function ReasonChip({ reason, onWhy }: { reason: WhyReason; onWhy: () => void }) {
  const t = useT();
  return (
    <button
      type="button"
      className="rec-reason"
      onClick={onWhy}
      data-testid="rec-reason"
      aria-label={t('为什么推荐：{reason}', { reason: reason.text })}
    >
      <span className="clamp-2">{reason.text}</span>
      <InformationCircleOutline aria-hidden />
    </button>
  );
}

/** A post among the products: cover, title, author and likes; 「广告」 whenever a brand paid for it. */
function PostCard({
  entry,
  slot,
  position,
  onWhy,
}: {
  entry: PostEntry;
  slot: string;
  position: number;
  onWhy: () => void;
}) {
  const t = useT();
  const p = entry.post;
  return (
    <div className="product-card rec-card home-post" data-testid="feed-post" data-reason-kind={entry.reason.kind}>
      <Link to={`/posts/${p.id}`} onClick={() => trackClick(p.id, slot, position)}>
        <span className="home-cover">
          {p.coverUrl ? (
            <img className="thumb" src={p.coverUrl} alt="" loading="lazy" />
          ) : (
            <span className="thumb" aria-hidden />
          )}
          <span className="home-kind">
            {p.isVideo && <PlayOutline aria-hidden />}
            {t('笔记')}
          </span>
          {p.sponsor && (
            <span
              className="home-ad"
              data-testid="feed-ad"
              title={t('品牌合作：{brand}', { brand: p.sponsor.brandName })}
            >
              {t('广告')}
            </span>
          )}
        </span>
        <span className="body">
          <span className="title clamp-2">{p.title}</span>
          <span className="meta home-post-meta">
            <span className="ellipsis">@{p.author.nickname}</span>
            <span className="muted">
              <HeartOutline aria-hidden /> {p.likeCount}
            </span>
          </span>
        </span>
      </Link>
      <ReasonChip reason={entry.reason} onWhy={onWhy} />
    </div>
  );
}

/** A session on air now among the products; the viewer count is real (demo audiences are not counted here). */
function LiveCard({
  entry,
  slot,
  position,
  onWhy,
}: {
  entry: LiveEntry;
  slot: string;
  position: number;
  onWhy: () => void;
}) {
  const t = useT();
  const l = entry.live;
  return (
    <div className="product-card rec-card home-live" data-testid="feed-live" data-reason-kind={entry.reason.kind}>
      <Link to={`/live/${l.id}`} onClick={() => trackClick(l.id, slot, position)}>
        <span className="home-cover">
          {l.coverUrl ? (
            <img className="thumb" src={l.coverUrl} alt="" loading="lazy" />
          ) : (
            <span className="thumb" aria-hidden />
          )}
          <span className="home-kind live">
            <span className="home-live-dot" aria-hidden />
            {t('直播中')}
          </span>
          {l.viewerCount > 0 && (
            <span className="home-viewers">
              <EyeOutline aria-hidden /> {t('{n} 人在看', { n: l.viewerCount })}
            </span>
          )}
        </span>
        <span className="body">
          <span className="title clamp-2">{l.title}</span>
          <span className="meta">
            <span className="ellipsis muted">{l.merchant.name}</span>
          </span>
        </span>
      </Link>
      <ReasonChip reason={entry.reason} onWhy={onWhy} />
    </div>
  );
}

const keyOf = (e: HomeEntry) =>
  e.kind === 'product' ? `p:${e.product.productId}` : e.kind === 'post' ? `n:${e.post.id}` : `l:${e.live.id}`;

/** 为你推荐 on the home page: products, posts and live sessions in one grid, each with the reason it is there. */
export function HomeFeedSection({ title, slot }: { title: string; slot: string }) {
  const t = useT();
  const ranker = useVariant(FEED_RANKER_EXPERIMENT);
  const feed = useHomeFeed(10, ranker ?? null, ranker !== undefined);
  const [why, setWhy] = useState<WhyReason | null>(null);
  const entries = feed.data?.pages.flatMap((p) => p.entries) ?? [];
  const personalised = feed.data?.pages[0]?.personalised;
  useExposure(FEED_RANKER_EXPERIMENT, ranker, personalised === true && entries.length > 0);
  return (
    <section className="rec-section" aria-labelledby={`${slot}-title`} data-testid="rec-section">
      <RecSectionHead
        slot={slot}
        title={title}
        offNote={personalised === false ? t('个性化推荐已关闭，正在展示热门商品、笔记与直播') : undefined}
      />
      {feed.isPending ? (
        <ProductGridSkeleton count={4} />
      ) : feed.isError ? (
        <QueryError error={feed.error} onRetry={() => void feed.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState title={t('暂时没有可推荐的内容')} description={t('购物、关注创作者或发布笔记后，这里会更懂你')} />
      ) : (
        <>
          <div className="product-grid" data-testid="rec-grid">
            {entries.map((e, i) =>
              e.kind === 'product' ? (
                <RecommendCard
                  key={keyOf(e)}
                  item={e.product}
                  slot={slot}
                  position={i}
                  onWhy={() => setWhy(e.product.reason)}
                />
              ) : e.kind === 'post' ? (
                <PostCard key={keyOf(e)} entry={e} slot={slot} position={i} onWhy={() => setWhy(e.reason)} />
              ) : (
                <LiveCard key={keyOf(e)} entry={e} slot={slot} position={i} onWhy={() => setWhy(e.reason)} />
              ),
            )}
          </div>
          <WhySheet reason={why} onClose={() => setWhy(null)} />
          {feed.hasNextPage && (
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
