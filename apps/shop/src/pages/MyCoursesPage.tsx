import { Link } from 'react-router';
import { useMyCourses } from '../api/content.ts';
import { CourseBadges } from '../components/CourseBadges.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import './Content.css';

/** 我的课程: what the learner bought, subscribed, got with a product or learns as a member, and how far they are. */
export default function MyCoursesPage() {
  const t = useT();
  const mine = useMyCourses();
  return (
    <div className="page">
      <PageHeader title={t('我的课程')} />
      {mine.isPending ? (
        <ListSkeleton rows={3} />
      ) : mine.isError ? (
        <QueryError error={mine.error} onRetry={() => void mine.refetch()} />
      ) : mine.data.items.length === 0 ? (
        <EmptyState title={t('还没有课程')} description={t('购买课程或买指定商品送课程后会出现在这里')}>
          <Link to="/courses">{t('去看看课程')}</Link>
        </EmptyState>
      ) : (
        mine.data.items.map((c) => (
          <section className="card" key={c.id}>
            <Link className="course-item" to={`/courses/${c.id}`} data-testid="my-course">
              {c.coverUrl ? (
                <img className="course-cover" src={c.coverUrl} alt="" />
              ) : (
                <span className="course-cover">{t('课程')}</span>
              )}
              <div style={{ flex: 1 }}>
                <h2>{c.title}</h2>
                <div className="muted">{t('已学 {done}/{n} 讲', { done: c.completedLessons, n: c.lessonCount })}</div>
                <div className="course-progress" aria-hidden>
                  <span
                    style={{ width: `${c.lessonCount ? Math.round((c.completedLessons / c.lessonCount) * 100) : 0}%` }}
                  />
                </div>
                <CourseBadges course={c} />
              </div>
            </Link>
          </section>
        ))
      )}
    </div>
  );
}
