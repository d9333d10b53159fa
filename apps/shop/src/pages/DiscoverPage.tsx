import { Button, InfiniteScroll, PullToRefresh, Tabs } from 'antd-mobile';
import { AddOutline } from 'antd-mobile-icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useFeed, useTrendingTopics } from '../api/posts.ts';
import { useMe } from '../api/session.ts';
import { PostWaterfall } from '../components/PostWaterfall.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ProductGridSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';

/** 发现: the two-column waterfall of posts (推荐) and the people and shops one follows (关注). */
export default function DiscoverPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'following' ? 'following' : 'discover';
  const me = useMe();
  const topics = useTrendingTopics();
  const loggedIn = !!me.data;
  const feed = useFeed(tab, tab === 'discover' || loggedIn);
  const posts = feed.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="page discover-page">
      <h1 className="sr-only">{t('发现')}</h1>
      <div className="feed-tabs">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'following' ? { tab: 'following' } : {}, { replace: true })}
        >
          <Tabs.Tab title={t('推荐')} key="discover" />
          <Tabs.Tab title={t('关注')} key="following" />
        </Tabs>
        <Button
          className="feed-compose"
          size="small"
          color="primary"
          shape="rounded"
          onClick={() => void navigate(loggedIn ? '/posts/new' : `/login?redirect=${encodeURIComponent('/posts/new')}`)}
          data-testid="compose-entry"
        >
          <AddOutline aria-hidden /> {t('发笔记')}
        </Button>
      </div>
      {tab === 'discover' && (topics.data?.length ?? 0) > 0 && (
        <nav className="topic-strip" aria-label={t('热门话题')}>
          {topics.data!.map((topic) => (
            <Link
              key={topic.name}
              to={`/topics/${encodeURIComponent(topic.name)}`}
              className={topic.isChallenge ? 'topic-chip challenge' : 'topic-chip'}
            >
              #{topic.name}
            </Link>
          ))}
        </nav>
      )}
      <PullToRefresh onRefresh={async () => void (await feed.refetch())}>
        {tab === 'following' && !loggedIn && !me.isPending ? (
          <EmptyState title={t('登录后查看关注的人的笔记')}>
            <Button
              size="small"
              color="primary"
              onClick={() => void navigate(`/login?redirect=${encodeURIComponent('/discover?tab=following')}`)}
            >
              {t('去登录')}
            </Button>
          </EmptyState>
        ) : feed.isPending ? (
          <ProductGridSkeleton />
        ) : feed.isError ? (
          <QueryError error={feed.error} onRetry={() => void feed.refetch()} />
        ) : posts.length === 0 ? (
          <EmptyState
            title={tab === 'following' ? t('关注的人还没有发笔记') : t('还没有笔记')}
            description={tab === 'following' ? t('去推荐里逛逛，关注喜欢的创作者') : t('来发第一篇笔记吧')}
          />
        ) : (
          <>
            <PostWaterfall posts={posts} />
            <InfiniteScroll
              loadMore={async () => void (await feed.fetchNextPage({ throwOnError: true }))}
              hasMore={feed.hasNextPage}
            />
          </>
        )}
      </PullToRefresh>
    </div>
  );
}
