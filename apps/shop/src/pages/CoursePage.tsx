import { Button, Toast } from 'antd-mobile';
import { useRef } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { newIdempotencyKey, problemTitle } from '../api/client.ts';
import { useBuyCourse, useCourse } from '../api/content.ts';
import { useMe } from '../api/session.ts';
import { CourseBadges } from '../components/CourseBadges.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import './Content.css';

const MEDIA = { video: '视频', audio: '音频', article: '图文' } as const;
const minutes = (sec: number) => Math.max(1, Math.round(sec / 60));

/** A course: its lessons (trial ones open to all), how the viewer may learn it, and buying or subscribing. */
export default function CoursePage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  const course = useCourse(id);
  const buy = useBuyCourse(id);
  // One key per attempt: a double tap or a retry after a lost response places one order.
  const key = useRef(newIdempotencyKey());

  if (course.isPending) return <ListSkeleton rows={4} />;
  if (course.isError) return <QueryError error={course.error} onRetry={() => void course.refetch()} />;
  const c = course.data;
  const owned = c.access.entitled && c.access.expiresAt === null;
  const submit = () => {
    if (!me.data) {
      void navigate(`/login?redirect=${encodeURIComponent(`/courses/${id}`)}`);
      return;
    }
    buy.mutate(
      { expectedAmount: c.price, key: key.current },
      {
        onSuccess: (placed) => void navigate(`/pay/${placed.checkoutId}`, { replace: true }),
        onError: (err) => {
          key.current = newIdempotencyKey();
          Toast.show({ icon: 'fail', content: problemTitle(err), duration: 3000 });
          void course.refetch();
        },
      },
    );
  };
  const firstOpen = c.lessons.find((l) => !l.locked);
  return (
    <div className="page with-action-bar">
      <PageHeader title={c.kind === 'column' ? t('专栏') : t('课程')} backTo="/courses" />
      <section className="card" data-testid="course-card">
        <h2 style={{ fontSize: 17 }}>{c.title}</h2>
        <Price fen={c.price} size={22} />
        {c.pricing === 'subscription' ? <span className="muted">{t('/月')}</span> : null}
        <CourseBadges course={c} />
        {c.summary ? <p style={{ margin: '10px 0 0', fontSize: 13 }}>{c.summary}</p> : null}
      </section>
      {c.bundleProducts.length > 0 ? (
        <section className="card">
          <h2>{t('买商品送课程')}</h2>
          {c.bundleProducts.map((p) => (
            <Link key={p.id} className="lesson-row" to={`/product/${p.id}`}>
              <span className="grow">{p.title}</span>
              <Price fen={p.minPrice} size={14} />
            </Link>
          ))}
        </section>
      ) : null}
      <section className="card" data-testid="lesson-list">
        <h2>{t('课程目录（共 {n} 讲）', { n: c.lessons.length })}</h2>
        {c.lessons.map((l) => {
          const body = (
            <>
              <span className="grow">
                <div>{l.title}</div>
                <div className="muted" style={{ fontSize: 12 }}>
                  {t(MEDIA[l.media])}
                  {l.durationSec > 0 ? ` · ${t('{n} 分钟', { n: minutes(l.durationSec) })}` : ''}
                  {l.progress?.completed ? ` · ${t('已学完')}` : l.progress ? ` · ${t('学习中')}` : ''}
                </div>
              </span>
              {l.trial ? <span className="tag brand">{t('试看')}</span> : null}
              {l.locked ? <span className="tag gray">{t('未解锁')}</span> : null}
            </>
          );
          return l.locked ? (
            <div key={l.id} className="lesson-row muted">
              {body}
            </div>
          ) : (
            <Link key={l.id} className="lesson-row" to={`/lessons/${l.id}`}>
              {body}
            </Link>
          );
        })}
      </section>
      <div className="action-bar">
        {firstOpen ? (
          <Button onClick={() => void navigate(`/lessons/${firstOpen.id}`)} data-testid="course-learn">
            {c.access.entitled ? t('开始学习') : t('免费试看')}
          </Button>
        ) : null}
        <span className="grow" />
        {owned ? (
          <Button color="primary" disabled>
            {c.access.reason === 'member' ? t('会员免费学') : t('已拥有')}
          </Button>
        ) : (
          <Button color="primary" loading={buy.isPending} onClick={submit} data-testid="course-buy">
            {c.pricing === 'subscription' ? (c.access.entitled ? t('续订一个月') : t('订阅一个月')) : t('立即购买')}
          </Button>
        )}
      </div>
    </div>
  );
}
