import { Link } from 'react-router';
import { useCourses } from '../api/content.ts';
import { CourseBadges } from '../components/CourseBadges.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import './Content.css';

/** 知识课程: courses and columns on sale, with a free trial lesson each. */
export default function CoursesPage() {
  const t = useT();
  const courses = useCourses();
  return (
    <div className="page">
      <PageHeader title={t('知识课程')} right={<Link to="/me/courses">{t('我的课程')}</Link>} />
      {courses.isPending ? (
        <ListSkeleton rows={4} />
      ) : courses.isError ? (
        <QueryError error={courses.error} onRetry={() => void courses.refetch()} />
      ) : courses.data.items.length === 0 ? (
        <EmptyState title={t('暂无课程')} description={t('商家上架课程后会出现在这里')} />
      ) : (
        courses.data.items.map((c) => (
          <section className="card" key={c.id}>
            <Link className="course-item" to={`/courses/${c.id}`} data-testid="course-item">
              {c.coverUrl ? (
                <img className="course-cover" src={c.coverUrl} alt="" />
              ) : (
                <span className="course-cover">{t('课程')}</span>
              )}
              <div>
                <h2>{c.title}</h2>
                <div className="muted">{t('共 {n} 讲', { n: c.lessonCount })}</div>
                <Price fen={c.price} size={16} />
                {c.pricing === 'subscription' ? <span className="muted">{t('/月')}</span> : null}
                <CourseBadges course={c} />
              </div>
            </Link>
          </section>
        ))
      )}
    </div>
  );
}
