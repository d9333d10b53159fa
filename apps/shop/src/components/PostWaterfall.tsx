import { HeartOutline, PlayOutline } from 'antd-mobile-icons';
import { Link } from 'react-router';
import type { PostCardData } from '../api/posts.ts';
import { useT } from '../i18n/index.tsx';
import './posts.css';

/** One post in the two-column waterfall: cover, title, author, likes; 「广告」 when a brand paid for it. */
function PostTile({ post }: { post: PostCardData }) {
  const t = useT();
  return (
    <Link to={`/posts/${post.id}`} className="post-tile" data-testid="post-tile">
      <div className="post-tile-cover">
        {post.coverUrl ? (
          <img src={post.coverUrl} alt="" loading="lazy" />
        ) : (
          <div className="post-tile-blank" aria-hidden />
        )}
        {post.isVideo && (
          <span className="post-tile-play" aria-label={t('视频')}>
            <PlayOutline aria-hidden />
          </span>
        )}
        {post.sponsor && <span className="ad-label">{t('广告')}</span>}
        {post.status !== 'published' && <span className="post-tile-status">{t('审核中')}</span>}
      </div>
      <h3 className="post-tile-title">{post.title}</h3>
      <div className="post-tile-meta">
        <span className="post-author">
          {post.author.avatarUrl ? (
            <img src={post.author.avatarUrl} alt="" />
          ) : (
            <span className="avatar-blank" aria-hidden />
          )}
          <span className="post-author-name">{post.author.nickname}</span>
        </span>
        <span className={post.liked ? 'post-likes liked' : 'post-likes'}>
          <HeartOutline aria-hidden />
          <span className="sr-only">{t('点赞')}</span>
          {post.likeCount}
        </span>
      </div>
    </Link>
  );
}

/** Two columns, filled alternately so the order stays readable left-to-right, top-to-bottom (like 小红书). */
export function PostWaterfall({ posts }: { posts: PostCardData[] }) {
  const columns: PostCardData[][] = [[], []];
  posts.forEach((p, i) => columns[i % 2]!.push(p));
  return (
    <div className="post-waterfall" data-testid="post-waterfall">
      {columns.map((col, i) => (
        <div className="post-column" key={i}>
          {col.map((p) => (
            <PostTile key={p.id} post={p} />
          ))}
        </div>
      ))}
    </div>
  );
}
