import { ActionSheet, Button, Dialog, Swiper, Toast } from 'antd-mobile';
import {
  HeartFill,
  HeartOutline,
  LeftOutline,
  MessageOutline,
  MoreOutline,
  SendOutline,
  StarFill,
  StarOutline,
} from 'antd-mobile-icons';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, must, problemTitle } from '../api/client.ts';
import { type PostDetail, recordProductClick, useFollow, usePost, usePostActions } from '../api/posts.ts';
import { useMe } from '../api/session.ts';
import { PostBuySheet } from '../components/PostBuySheet.tsx';
import { PostComments } from '../components/PostComments.tsx';
import { Price } from '../components/Price.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { DetailSkeleton } from '../components/Skeletons.tsx';
import { Impression } from '../components/Impression.tsx';
import '../components/posts.css';
import { useFormatTime, useT } from '../i18n/index.tsx';
import { noteProductSource, trackClick } from '../lib/track.ts';
import { usePageView } from '../lib/useTrack.ts';

const REPORT_REASONS = [
  { key: 'false-ad', text: '虚假宣传' },
  { key: 'spam', text: '垃圾广告' },
  { key: 'vulgar', text: '低俗内容' },
  { key: 'fraud', text: '欺诈' },
  { key: 'infringement', text: '侵权' },
  { key: 'other', text: '其他' },
] as const;

/** The share token a visitor arrived with stays with the post for this tab, so a later product tap still credits the sharer. */
function useShareToken(postId: string): string | undefined {
  const [params] = useSearchParams();
  const key = `haowu.share.${postId}`;
  const fromUrl = params.get('share') ?? undefined;
  useEffect(() => {
    if (fromUrl) sessionStorage.setItem(key, fromUrl);
  }, [fromUrl, key]);
  return fromUrl ?? sessionStorage.getItem(key) ?? undefined;
}

export default function PostPage() {
  const { id = '' } = useParams();
  const post = usePost(id);
  if (post.isPending) return <DetailSkeleton />;
  if (post.isError) return <QueryError error={post.error} onRetry={() => void post.refetch()} />;
  return <PostView post={post.data} />;
}

/** Text with #话题# turned into links to the topic page. */
function PostText({ text }: { text: string }) {
  const parts = text.split(/(#[^#\s]{1,20}#)/u);
  return (
    <p className="post-text">
      {parts.map((part, i) =>
        /^#[^#\s]{1,20}#$/u.test(part) ? (
          <Link key={i} to={`/topics/${encodeURIComponent(part.slice(1, -1))}`}>
            {part}
          </Link>
        ) : (
          part
        ),
      )}
    </p>
  );
}

function PostView({ post }: { post: PostDetail }) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const formatTime = useFormatTime();
  const me = useMe();
  const shareToken = useShareToken(post.id);
  const actions = usePostActions(post.id);
  const follow = useFollow();
  const [buying, setBuying] = useState<string | null>(null);
  const [commenting, setCommenting] = useState(false);
  usePageView('post', { postId: post.id }, { source: { channel: 'post', ref: post.id } });

  const requireLogin = (): boolean => {
    if (me.data) return true;
    void navigate(`/login?redirect=${encodeURIComponent(location.pathname + location.search)}`);
    return false;
  };
  const openProduct = (productId: string, buy: boolean) => {
    if (!requireLogin()) return;
    recordProductClick(post.id, productId, shareToken);
    trackClick(
      productId,
      'post.products',
      post.products.findIndex((p) => p.id === productId),
    );
    // A post opened from a share link credits the sharer, as attribution does; otherwise the post.
    if (shareToken) noteProductSource(productId, 'share', shareToken);
    else noteProductSource(productId, 'post', post.id);
    if (buy) setBuying(productId);
    else void navigate(`/product/${productId}`);
  };
  const share = async () => {
    if (!requireLogin()) return;
    try {
      const link = await must(api.POST('/api/v1/attribution/share-links', { body: { postId: post.id } }));
      const url = `${window.location.origin}${link.path}`;
      await navigator.clipboard?.writeText(url).catch(() => undefined);
      await Dialog.alert({
        title: t('分享链接已生成'),
        content: (
          <span data-testid="share-url" style={{ wordBreak: 'break-all' }}>
            {url}
          </span>
        ),
        confirmText: t('知道了'),
      });
    } catch (err) {
      Toast.show({ icon: 'fail', content: problemTitle(err) });
    }
  };
  /** 更多: 投诉 (a case with the 2 h SLA, docs/TRUST.md) or 举报 (content moderation, by reason). */
  const more = () =>
    ActionSheet.show({
      cancelText: t('取消'),
      closeOnAction: true,
      actions: [
        {
          key: 'complaint',
          text: <span data-testid="post-complain">{t('投诉这篇笔记')}</span>,
          onClick: () => void navigate(`/posts/${post.id}/complaint`),
        },
        { key: 'report', text: t('举报'), onClick: report },
      ],
    });
  const report = () => {
    if (!requireLogin()) return;
    ActionSheet.show({
      extra: t('举报这篇笔记'),
      cancelText: t('取消'),
      actions: REPORT_REASONS.map((r) => ({ key: r.key, text: t(r.text) })),
      onAction: (action) => {
        must(
          api.POST('/api/v1/reports', {
            body: {
              subjectType: 'post',
              subjectId: post.id,
              reason: action.key as (typeof REPORT_REASONS)[number]['key'],
              detail: '',
            },
          }),
        ).then(
          () => Toast.show({ icon: 'success', content: t('已提交，平台会尽快处理') }),
          (err: unknown) => Toast.show({ content: problemTitle(err) }),
        );
      },
      closeOnAction: true,
    });
  };

  return (
    <div className="post-page" data-testid="post-page">
      <header className="post-top">
        <button
          type="button"
          className="icon-button"
          aria-label={t('返回')}
          onClick={() =>
            (window.history.state as { idx?: number } | null)?.idx ? void navigate(-1) : void navigate('/discover')
          }
        >
          <LeftOutline aria-hidden />
        </button>
        <Link to={`/users/${post.author.id}`} className="post-author">
          {post.author.avatarUrl ? (
            <img src={post.author.avatarUrl} alt="" />
          ) : (
            <span className="avatar-blank" aria-hidden />
          )}
          <span className="post-author-name">{post.author.nickname}</span>
        </Link>
        {!post.isMine && (
          <Button
            size="mini"
            shape="rounded"
            color={post.followingAuthor ? 'default' : 'primary'}
            fill={post.followingAuthor ? 'outline' : 'solid'}
            loading={follow.isPending}
            onClick={() => {
              if (requireLogin()) follow.mutate({ type: 'user', id: post.author.id, on: !post.followingAuthor });
            }}
            data-testid="follow-author"
          >
            {post.followingAuthor ? t('已关注') : t('关注')}
          </Button>
        )}
        <button type="button" className="icon-button" aria-label={t('更多')} onClick={more} data-testid="post-more">
          <MoreOutline aria-hidden />
        </button>
      </header>

      <section className="post-media" aria-label={t('笔记图片')}>
        {post.isVideo && post.videoUrl ? (
          <video src={post.videoUrl} poster={post.posterUrl ?? undefined} controls playsInline preload="metadata" />
        ) : (
          <Swiper indicatorProps={{ color: 'white' }}>
            {post.images.map((src, i) => (
              <Swiper.Item key={`${src}-${i}`}>
                <img src={src} alt={i === 0 ? post.title : ''} />
              </Swiper.Item>
            ))}
          </Swiper>
        )}
      </section>

      <article className="post-body">
        <h1 style={{ fontSize: 17, margin: '0 0 8px' }}>{post.title}</h1>
        <PostText text={post.body} />
        <div className="post-facts">
          {post.sponsor && (
            <span className="ad-label inline" data-testid="sponsor-label">
              {t('广告')} · {t('与{brand}的品牌合作', { brand: post.sponsor.brandName })}
            </span>
          )}
          {post.verifiedPurchase && <span className="verified-buy">{t('已购晒单')}</span>}
          {post.status === 'pending_review' && <span className="pending-note">{t('审核中，仅自己可见')}</span>}
          <span>{formatTime(post.createdAt)}</span>
          <span>{t('{n} 次浏览', { n: post.viewCount })}</span>
        </div>
      </article>

      {post.products.length > 0 && (
        <section className="tagged-products" aria-label={t('笔记中的商品')}>
          {post.products.map((p, i) => (
            <Impression
              className="tagged-product"
              key={p.id}
              testId="tagged-product"
              productId={p.id}
              slot="post.products"
              position={i}
            >
              {p.imageUrl ? <img src={p.imageUrl} alt="" /> : <span className="avatar-blank" aria-hidden />}
              <div className="tagged-product-info">
                <button
                  type="button"
                  className="tagged-product-title link-button"
                  onClick={() => openProduct(p.id, false)}
                  style={{ background: 'none', border: 'none', padding: 0, textAlign: 'left' }}
                >
                  {p.title}
                </button>
                <Price fen={p.minPrice} size={15} />
              </div>
              <Button
                size="small"
                color="primary"
                shape="rounded"
                disabled={!p.available}
                onClick={() => openProduct(p.id, true)}
                data-testid="post-buy"
              >
                {p.available ? t('购买') : t('已下架')}
              </Button>
            </Impression>
          ))}
        </section>
      )}

      <PostComments
        postId={post.id}
        count={post.commentCount}
        open={commenting}
        onOpenChange={setCommenting}
        requireLogin={requireLogin}
      />

      <footer className="post-actions">
        <button
          type="button"
          className="comment-entry"
          onClick={() => {
            if (requireLogin()) setCommenting(true);
          }}
        >
          {t('说点什么…')}
        </button>
        <button
          type="button"
          className={post.liked ? 'post-action on' : 'post-action'}
          aria-pressed={post.liked}
          aria-label={t('点赞')}
          onClick={() => {
            if (requireLogin()) actions.like.mutate(!post.liked);
          }}
          data-testid="like-button"
        >
          {post.liked ? <HeartFill aria-hidden /> : <HeartOutline aria-hidden />}
          {post.likeCount}
        </button>
        <button
          type="button"
          className={post.favourited ? 'post-action on' : 'post-action'}
          aria-pressed={post.favourited}
          aria-label={t('收藏')}
          onClick={() => {
            if (requireLogin()) actions.favourite.mutate(!post.favourited);
          }}
        >
          {post.favourited ? <StarFill aria-hidden /> : <StarOutline aria-hidden />}
          {post.favouriteCount}
        </button>
        <button
          type="button"
          className="post-action"
          aria-label={t('评论')}
          onClick={() => {
            if (requireLogin()) setCommenting(true);
          }}
        >
          <MessageOutline aria-hidden />
          {post.commentCount}
        </button>
        <button
          type="button"
          className="post-action"
          aria-label={t('分享')}
          onClick={() => void share()}
          data-testid="share-button"
        >
          <SendOutline aria-hidden />
          {post.shareCount}
        </button>
      </footer>

      {buying && <PostBuySheet productId={buying} onClose={() => setBuying(null)} />}
    </div>
  );
}
