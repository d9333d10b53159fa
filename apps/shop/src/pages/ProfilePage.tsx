import { Button, InfiniteScroll, Tabs } from 'antd-mobile';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useFollow, useProfile, useUserPosts } from '../api/posts.ts';
import { useMe } from '../api/session.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { PostWaterfall } from '../components/PostWaterfall.tsx';
import { Price } from '../components/Price.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { DetailSkeleton } from '../components/Skeletons.tsx';
import '../components/posts.css';
import { useT } from '../i18n/index.tsx';

/** A person's page: who they are, their posts, the posts they liked, the products in their posts. */
export default function ProfilePage() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const profile = useProfile(id);
  const follow = useFollow();
  const [tab, setTab] = useState<'posts' | 'likes' | 'products'>('posts');
  const list = useUserPosts(id, tab === 'likes' ? 'likes' : 'posts');
  if (profile.isPending) return <DetailSkeleton />;
  if (profile.isError) return <QueryError error={profile.error} onRetry={() => void profile.refetch()} />;
  const p = profile.data;
  const posts = list.data?.pages.flatMap((x) => x.items) ?? [];
  return (
    <div className="page">
      <PageHeader title={p.user.nickname} />
      <section className="profile-head">
        {p.user.avatarUrl ? <img src={p.user.avatarUrl} alt="" /> : <span className="avatar-blank" aria-hidden />}
        <div style={{ flex: 1 }}>
          <h2 style={{ margin: 0, fontSize: 18 }}>{p.user.nickname}</h2>
          <div className="profile-stats">
            <span>
              <b>{p.following}</b>
              {t('关注')}
            </span>
            <span>
              <b>{p.followers}</b>
              {t('粉丝')}
            </span>
            <span>
              <b>{p.likesReceived}</b>
              {t('获赞')}
            </span>
          </div>
        </div>
        {p.isMe ? (
          <Button size="small" shape="rounded" onClick={() => void navigate('/creator')}>
            {t('创作者中心')}
          </Button>
        ) : (
          <Button
            size="small"
            shape="rounded"
            color={p.followedByMe ? 'default' : 'primary'}
            onClick={() =>
              me.data
                ? follow.mutate({ type: 'user', id, on: !p.followedByMe })
                : void navigate(`/login?redirect=${encodeURIComponent(location.pathname)}`)
            }
          >
            {p.followedByMe ? t('已关注') : t('关注')}
          </Button>
        )}
      </section>
      <Tabs activeKey={tab} onChange={(k) => setTab(k as typeof tab)} style={{ background: '#fff' }}>
        <Tabs.Tab title={t('笔记 {n}', { n: p.postCount })} key="posts" />
        <Tabs.Tab title={t('赞过')} key="likes" />
        <Tabs.Tab title={t('商品')} key="products" />
      </Tabs>
      {tab === 'products' ? (
        p.products.length === 0 ? (
          <EmptyState title={t('笔记里还没有标记商品')} />
        ) : (
          <div className="tagged-products" style={{ background: '#fff', paddingTop: 8 }}>
            {p.products.map((x) => (
              <Link
                key={x.id}
                to={`/product/${x.id}`}
                className="tagged-product"
                style={{ color: 'inherit', textDecoration: 'none' }}
              >
                {x.imageUrl && <img src={x.imageUrl} alt="" />}
                <span className="tagged-product-info">{x.title}</span>
                <Price fen={x.minPrice} size={14} />
              </Link>
            ))}
          </div>
        )
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : posts.length === 0 && !list.isPending ? (
        <EmptyState title={tab === 'likes' ? t('还没有赞过笔记') : t('还没有发布笔记')} />
      ) : (
        <>
          <PostWaterfall posts={posts} />
          <InfiniteScroll
            loadMore={async () => void (await list.fetchNextPage({ throwOnError: true }))}
            hasMore={list.hasNextPage}
          />
        </>
      )}
    </div>
  );
}
