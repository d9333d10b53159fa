import { Button, PullToRefresh, Steps, Toast } from 'antd-mobile';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, problemTitle } from '../api/client.ts';
import { type MyReview, useAppealReview, useMyReview } from '../api/reviews.ts';
import { FieldTextArea } from '../components/Field.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ReviewItem } from '../components/ReviewItem.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useFormatTime, useT } from '../i18n/index.tsx';
import { STATE } from '../lib/review-moderation.ts';
import './AfterSale.css';
import './MyReviews.css';

const REASON_MIN = 5;
const REASON_MAX = 300;

/** One of my reviews: where its hold stands, why, the one appeal (申诉) and its progress and outcome. */
export default function MyReviewDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useMyReview(id);
  return (
    <div className="page">
      <PageHeader title={t('评价详情')} backTo="/me/reviews" />
      {q.isPending ? (
        <ListSkeleton rows={3} />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <PullToRefresh onRefresh={async () => void (await q.refetch())}>
          {q.data.moderation && <Moderation r={q.data} />}
          <section className="card">
            <ReviewItem review={q.data} />
            <Link to={`/product/${q.data.productId}`} className="muted">
              {q.data.product?.title ?? t('商品')}
            </Link>
          </section>
        </PullToRefresh>
      )}
    </div>
  );
}

function Moderation({ r }: { r: MyReview }) {
  const t = useT();
  const fmt = useFormatTime();
  const m = r.moderation!;
  const state = STATE[m.state];
  return (
    <>
      <section className="as-status" data-testid="review-moderation">
        <h2 data-testid="review-state">{t(state.label)}</h2>
        <p>{t(state.hint, { time: m.appeal ? fmt(m.appeal.dueBy) : '' })}</p>
      </section>
      {!state.publicNow && (
        <section className="card" aria-labelledby="review-reasons">
          <h2 id="review-reasons" className="section-title">
            {t('暂不展示的原因')}
          </h2>
          <ul className="review-reasons" data-testid="review-reasons">
            {m.reasons.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </section>
      )}
      {m.canAppeal && <AppealForm reviewId={r.id} />}
      {m.appeal && (
        <section className="card" data-testid="review-appeal">
          <h2 className="section-title">{t('我的申诉')}</h2>
          <p className="review-appeal-note">{m.appeal.reason}</p>
          {m.appeal.note && (
            <>
              <h2 className="section-title" style={{ marginTop: 12 }}>
                {t('平台说明')}
              </h2>
              <p className="review-appeal-note" data-testid="review-appeal-outcome">
                {m.appeal.note}
              </p>
            </>
          )}
        </section>
      )}
      <Progress r={r} />
      {m.removedAt && (
        <section className="card">
          <p className="muted" style={{ margin: 0 }}>
            {t('审核结论与申诉结果都写入公开的透明度日志（不含你的个人信息和申诉内容），可在本机核验。')}
          </p>
          <Link to={`/transparency?subject=${encodeURIComponent(r.id)}`} data-testid="review-log-link">
            {t('在透明度日志中核验')}
          </Link>
        </section>
      )}
    </>
  );
}

function Progress({ r }: { r: MyReview }) {
  const t = useT();
  const fmt = useFormatTime();
  const m = r.moderation!;
  const steps: { title: string; at: string | null }[] = [
    { title: t('发布评价'), at: r.createdAt },
    { title: t('系统识别为疑似异常，进入审核'), at: m.heldAt },
  ];
  if (m.removedAt) steps.push({ title: t('平台审核：不展示'), at: m.removedAt });
  else if (m.state === 'cleared') steps.push({ title: t('平台审核：通过'), at: null });
  if (m.appeal) {
    steps.push({ title: t('提交申诉'), at: m.appeal.appealedAt });
    steps.push(
      m.appeal.decidedAt
        ? {
            title: m.state === 'reinstated' ? t('申诉结果：恢复展示') : t('申诉结果：维持不展示'),
            at: m.appeal.decidedAt,
          }
        : { title: t('等待平台处理（{time} 前）', { time: fmt(m.appeal.dueBy) }), at: null },
    );
  }
  return (
    <section className="card" aria-labelledby="review-progress">
      <h2 id="review-progress" className="section-title">
        {t('处理进度')}
      </h2>
      <Steps direction="vertical" current={steps.length - 1}>
        {steps.map((s, i) => (
          <Steps.Step
            key={i}
            title={s.title}
            status={s.at ? 'finish' : 'wait'}
            description={s.at ? fmt(s.at) : undefined}
          />
        ))}
      </Steps>
    </section>
  );
}

/** The one appeal: a reason of 5–300 characters; the server's refusal (e.g. already appealed) is shown as it says. */
function AppealForm({ reviewId }: { reviewId: string }) {
  const t = useT();
  const appeal = useAppealReview(reviewId);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if ([...reason.trim()].length < REASON_MIN) return setError(t('申诉理由至少 5 个字'));
    setError(null);
    appeal.mutate(reason.trim(), {
      onSuccess: () => void Toast.show({ icon: 'success', content: t('申诉已提交') }),
      onError: (err) =>
        setError(err instanceof ApiError && err.problem.detail ? err.problem.detail : problemTitle(err)),
    });
  };
  return (
    <form
      className="card"
      data-testid="appeal-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor="appeal-reason" className="section-title" style={{ display: 'block' }}>
        {t('申诉')}
      </label>
      <p className="muted" style={{ margin: '4px 0 8px', fontSize: 13 }}>
        {t('说明这条评价为什么是真实的购买体验，例如实际使用情况、订单情况。每条评价只能申诉一次。')}
      </p>
      <FieldTextArea
        id="appeal-reason"
        value={reason}
        onChange={(v) => {
          setReason(v);
          setError(null);
        }}
        maxLength={REASON_MAX}
        showCount
        rows={4}
        placeholder={t('申诉理由（5–300 字）')}
        data-testid="appeal-reason"
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <Button block color="primary" type="submit" loading={appeal.isPending} data-testid="appeal-submit">
        {t('提交申诉')}
      </Button>
    </form>
  );
}
