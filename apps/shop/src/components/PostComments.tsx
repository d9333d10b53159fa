import { Button, InfiniteScroll, Popup, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { problemTitle } from '../api/client.ts';
import { type CommentData, useComments, usePostActions } from '../api/posts.ts';
import { useFormatTime, useT } from '../i18n/index.tsx';
import { QueryError } from './QueryError.tsx';

/** Two levels of comments: comments under the post, replies under a comment (a reply to a reply names whom it answers). */
export function PostComments({
  postId,
  count,
  open,
  onOpenChange,
  requireLogin,
}: {
  postId: string;
  count: number;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  requireLogin: () => boolean;
}) {
  const t = useT();
  const comments = useComments(postId);
  const { comment } = usePostActions(postId);
  const [replyTo, setReplyTo] = useState<CommentData | CommentData['replies'][number] | null>(null);
  const [text, setText] = useState('');
  const items = comments.data?.pages.flatMap((p) => p.items) ?? [];

  const send = () => {
    const body = text.trim();
    if (!body) return;
    comment.mutate(
      { body, ...(replyTo ? { parentId: replyTo.id } : {}) },
      {
        onSuccess: (res) => {
          setText('');
          setReplyTo(null);
          onOpenChange(false);
          Toast.show({
            icon: 'success',
            content: res.status === 'published' ? t('已发布') : t('已提交，审核通过后公开'),
          });
          void comments.refetch();
        },
        onError: (err) => Toast.show({ icon: 'fail', content: problemTitle(err) }),
      },
    );
  };
  const reply = (c: CommentData | CommentData['replies'][number]) => {
    if (!requireLogin()) return;
    setReplyTo(c);
    onOpenChange(true);
  };

  return (
    <section className="comments" aria-label={t('评论')}>
      <h2 style={{ fontSize: 15, margin: '8px 0' }}>{t('共 {n} 条评论', { n: count })}</h2>
      {comments.isError ? (
        <QueryError error={comments.error} onRetry={() => void comments.refetch()} />
      ) : items.length === 0 && !comments.isPending ? (
        <p className="muted">{t('还没有评论，来说两句吧')}</p>
      ) : (
        items.map((c) => (
          <div className="comment" key={c.id} data-testid="comment">
            <CommentLine c={c} onReply={reply} />
            {c.replies.length > 0 && (
              <div className="replies">
                {c.replies.map((r) => (
                  <CommentLine key={r.id} c={r} onReply={() => reply(r)} />
                ))}
                {c.replyCount > c.replies.length && <p className="muted">{t('共 {n} 条回复', { n: c.replyCount })}</p>}
              </div>
            )}
          </div>
        ))
      )}
      <InfiniteScroll
        loadMore={async () => void (await comments.fetchNextPage({ throwOnError: true }))}
        hasMore={comments.hasNextPage}
      />

      <Popup
        visible={open}
        onMaskClick={() => onOpenChange(false)}
        onClose={() => onOpenChange(false)}
        bodyStyle={{ padding: 12 }}
      >
        <div role="dialog" aria-label={t('写评论')}>
          <TextArea
            value={text}
            onChange={setText}
            placeholder={replyTo ? t('回复 {name}', { name: replyTo.author.nickname }) : t('说点什么…')}
            maxLength={300}
            showCount
            autoSize={{ minRows: 2, maxRows: 5 }}
            aria-label={t('评论内容')}
          />
          <Button
            block
            color="primary"
            loading={comment.isPending}
            disabled={!text.trim()}
            onClick={send}
            style={{ marginTop: 8 }}
          >
            {t('发送')}
          </Button>
        </div>
      </Popup>
    </section>
  );
}

function CommentLine({
  c,
  onReply,
}: {
  c: CommentData | CommentData['replies'][number];
  onReply: (c: CommentData) => void;
}) {
  const t = useT();
  const formatTime = useFormatTime();
  return (
    <div>
      <div className="comment-head">
        <span>{c.author.nickname}</span>
        {c.replyTo && (
          <span>
            {t('回复')} {c.replyTo.nickname}
          </span>
        )}
        <span>{formatTime(c.createdAt)}</span>
      </div>
      <p className="comment-body">{c.body}</p>
      {c.status === 'pending_review' ? (
        <span className="pending-note">{t('审核中，仅自己可见')}</span>
      ) : (
        <button type="button" className="comment-reply-btn" onClick={() => onReply(c as CommentData)}>
          {t('回复')}
        </button>
      )}
    </div>
  );
}
