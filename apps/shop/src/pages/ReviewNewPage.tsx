import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Switch, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, must } from '../api/client.ts';
import { useOrder } from '../api/orders.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { PhotoUploader } from '../components/PhotoUploader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { StarInput } from '../components/StarInput.tsx';
import { useT } from '../i18n/index.tsx';
import './AfterSale.css';
import { FieldTextArea } from '../components/Field.tsx';

const MIN_CHARS = 5;
const MAX_CHARS = 500;
const MAX_PHOTOS = 9;
const chars = (s: string) => [...s.trim()].length;

/** 评价 (first review, aspect ratings) or 追评 (?followUp=<reviewId>) for one order line. */
export default function ReviewNewPage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { orderId = '', lineId = '' } = useParams();
  const [params] = useSearchParams();
  const followUpOf = params.get('followUp');
  const order = useOrder(orderId);
  const [ratings, setRatings] = useState({ quality: 0, logistics: 0, service: 0 });
  const [content, setContent] = useState('');
  const [images, setImages] = useState<string[]>([]);
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState('');

  const done = async () => {
    Toast.show({ icon: 'success', content: followUpOf ? t('追评已发布') : t('评价已发布') });
    await qc.invalidateQueries({ queryKey: ['me', 'reviews'] });
    await qc.invalidateQueries({ queryKey: ['reviews'] });
    await navigate(`/orders/${orderId}`, { replace: true });
  };
  const publish = useMutation({
    mutationFn: () =>
      followUpOf
        ? must(
            api.POST('/api/v1/reviews/{id}/follow-up', {
              params: { path: { id: followUpOf } },
              body: { content: content.trim(), images },
            }),
          )
        : must(
            api.POST('/api/v1/reviews', {
              body: { orderLineId: lineId, ratings, content: content.trim(), images, anonymous },
            }),
          ),
    onSuccess: done,
  });

  const submit = () => {
    const n = chars(content);
    if (!followUpOf && (!ratings.quality || !ratings.logistics || !ratings.service))
      return setError(t('请为质量、物流、服务分别打分'));
    if (followUpOf && n < MIN_CHARS) return setError(t('追评至少 {n} 个字', { n: MIN_CHARS }));
    if (n > 0 && n < MIN_CHARS) return setError(t('评价内容至少 {n} 个字，也可以只打分不写字', { n: MIN_CHARS }));
    setError('');
    publish.mutate();
  };

  const title = followUpOf ? t('追加评价') : t('评价晒单');
  if (order.isPending) {
    return (
      <div className="page">
        <PageHeader title={title} />
        <ListSkeleton rows={2} />
      </div>
    );
  }
  if (order.isError) {
    return (
      <div className="page">
        <PageHeader title={title} />
        <QueryError error={order.error} onRetry={() => void order.refetch()} />
      </div>
    );
  }
  const line = order.data.lines.find((l) => l.id === lineId);
  if (!line) {
    return (
      <div className="page">
        <PageHeader title={title} />
        <EmptyState title={t('订单中没有这件商品')} />
      </div>
    );
  }

  return (
    <div className="page with-action-bar">
      <PageHeader title={title} />
      <form
        data-testid="review-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <section className="card row">
          <span className="as-thumb">{line.imageUrl ? <img src={line.imageUrl} alt="" /> : null}</span>
          <div className="grow">
            <p className="as-title clamp-2">{line.title}</p>
            <p className="muted">{line.specText}</p>
          </div>
        </section>

        {!followUpOf && (
          <section className="card" aria-labelledby="rate-title">
            <h2 id="rate-title">{t('为商品打分')}</h2>
            <StarInput
              label={t('质量')}
              value={ratings.quality}
              onChange={(n) => setRatings((r) => ({ ...r, quality: n }))}
              testId="review-rating-quality"
            />
            <StarInput
              label={t('物流')}
              value={ratings.logistics}
              onChange={(n) => setRatings((r) => ({ ...r, logistics: n }))}
              testId="review-rating-logistics"
            />
            <StarInput
              label={t('服务')}
              value={ratings.service}
              onChange={(n) => setRatings((r) => ({ ...r, service: n }))}
              testId="review-rating-service"
            />
            <p className="muted">{t('总评星级为三项评分的平均值')}</p>
          </section>
        )}

        <section className="card">
          <label htmlFor="review-content" className="section-title" style={{ display: 'block' }}>
            {followUpOf ? t('用了一段时间，感受如何？') : t('分享使用感受（选填）')}
          </label>
          <FieldTextArea
            id="review-content"
            value={content}
            onChange={setContent}
            maxLength={MAX_CHARS}
            showCount
            rows={5}
            placeholder={followUpOf ? t('至少 5 个字') : t('写下你的真实感受，至少 5 个字；也可以只打分')}
            data-testid="review-content"
          />
          <p className="section-title" style={{ margin: '12px 0 8px' }}>
            {t('晒图（最多 9 张）')}
          </p>
          <PhotoUploader
            value={images}
            onChange={setImages}
            max={MAX_PHOTOS}
            label={t('评价图片')}
            testId="review-photos"
          />
          {!followUpOf && (
            <div className="row-between" style={{ marginTop: 14 }}>
              <span>{t('匿名评价')}</span>
              <Switch
                checked={anonymous}
                onChange={setAnonymous}
                aria-label={t('匿名评价')}
                data-testid="review-anonymous"
              />
            </div>
          )}
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </section>
        <p className="muted" style={{ margin: '10px 16px' }}>
          {t('评价发布后不可修改，并会写入防篡改记录；只有确认收货的买家才能评价。')}
        </p>
      </form>
      <div className="action-bar">
        <Button
          block
          color="primary"
          size="large"
          shape="rounded"
          loading={publish.isPending}
          onClick={submit}
          data-testid="review-submit"
        >
          {t('发布')}
        </Button>
      </div>
    </div>
  );
}
