import { InfiniteScroll } from 'antd-mobile';
import { useParams } from 'react-router';
import { useTopic } from '../api/posts.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { PostWaterfall } from '../components/PostWaterfall.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ProductGridSkeleton } from '../components/Skeletons.tsx';
import { useFormatTime, useT } from '../i18n/index.tsx';

/** A topic (#话题#) or challenge page: what it is about and its posts, newest first. */
export default function TopicPage() {
  const { name = '' } = useParams();
  const t = useT();
  const formatTime = useFormatTime();
  const topic = useTopic(name);
  const info = topic.data?.pages[0]?.topic;
  const posts = topic.data?.pages.flatMap((p) => p.posts.items) ?? [];
  return (
    <div className="page">
      <PageHeader title={`#${name}#`} />
      {topic.isPending ? (
        <ProductGridSkeleton />
      ) : topic.isError ? (
        <QueryError error={topic.error} onRetry={() => void topic.refetch()} />
      ) : (
        <>
          <section className="topic-head">
            <h2 style={{ margin: 0, fontSize: 20 }}>#{name}#</h2>
            {info?.isChallenge && (
              <p>
                <strong>{t('挑战赛')}</strong> {info.description}
                {info.endsAt && ` · ${t('截止 {date}', { date: formatTime(info.endsAt, false) })}`}
              </p>
            )}
            <p>{t('{n} 篇笔记', { n: info?.postCount ?? 0 })}</p>
          </section>
          {posts.length === 0 ? (
            <EmptyState title={t('这个话题还没有笔记')} />
          ) : (
            <>
              <PostWaterfall posts={posts} />
              <InfiniteScroll
                loadMore={async () => void (await topic.fetchNextPage({ throwOnError: true }))}
                hasMore={topic.hasNextPage}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}
