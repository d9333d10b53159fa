import { Avatar, ImageViewer } from 'antd-mobile';
import type { Review } from '../api/reviews.ts';
import { useFormatTime, useT } from '../i18n/index.tsx';
import { Stars } from './Stars.tsx';

function Photos({ images, label }: { images: string[]; label: string }) {
  const t = useT();
  if (images.length === 0) return null;
  return (
    <ul className="review-photos">
      {images.map((src, i) => (
        <li key={src}>
          <button
            type="button"
            onClick={() => ImageViewer.Multi.show({ images, defaultIndex: i })}
            aria-label={t('查看{label}第 {n} 张图片', { label, n: i + 1 })}
          >
            <img src={src} alt="" loading="lazy" />
          </button>
        </li>
      ))}
    </ul>
  );
}

/** One published review with its follow-up (追评) and the merchant's replies. */
export function ReviewItem({ review: r }: { review: Review }) {
  const t = useT();
  const fmt = useFormatTime();
  return (
    <article className="review-item" data-testid="review-item">
      <header className="row">
        <Avatar src={r.author.avatarUrl ?? ''} alt="" style={{ '--size': '28px', '--border-radius': '50%' }} />
        <span className="grow review-author">{r.author.anonymous ? t('匿名用户') : r.author.nickname}</span>
        <time className="muted" dateTime={r.createdAt}>
          {fmt(r.createdAt, false)}
        </time>
      </header>
      <div className="row review-rating">
        <Stars value={r.rating} />
        <span className="muted">
          {t('质量')} {r.ratings.quality} · {t('物流')} {r.ratings.logistics} · {t('服务')} {r.ratings.service}
        </span>
      </div>
      <p className="muted review-spec">{r.specText}</p>
      {r.content ? (
        <p className="review-content">{r.content}</p>
      ) : (
        <p className="review-content muted">{t('该用户只打了分，没有写评价内容')}</p>
      )}
      <Photos images={r.images} label={t('评价')} />
      {r.reply && (
        <div className="review-reply">
          <strong>{t('商家回复')}：</strong>
          {r.reply.content}
        </div>
      )}
      {r.followUp && (
        <div className="review-follow">
          <p className="review-follow-title">
            {r.followUp.daysLater > 0 ? t('用户 {n} 天后追评', { n: r.followUp.daysLater }) : t('用户当天追评')}
          </p>
          <p className="review-content">{r.followUp.content}</p>
          <Photos images={r.followUp.images} label={t('追评')} />
          {r.followUp.reply && (
            <div className="review-reply">
              <strong>{t('商家回复')}：</strong>
              {r.followUp.reply.content}
            </div>
          )}
        </div>
      )}
    </article>
  );
}
