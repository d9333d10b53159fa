import type { Course } from '../api/content.ts';
import { useFormatTime, useT } from '../i18n/index.tsx';

const TIER_NAMES = { regular: '普通会员', silver: '银卡会员', gold: '金卡会员', diamond: '黑钻会员' } as const;

/** What the course is and how the viewer may learn it (已购 / 会员免费 / 订阅至 …). */
export function CourseBadges({ course }: { course: Pick<Course, 'kind' | 'pricing' | 'memberFreeFrom' | 'access'> }) {
  const t = useT();
  const fmt = useFormatTime();
  const a = course.access;
  return (
    <div className="course-tags">
      <span className="tag gray">{course.kind === 'column' ? t('专栏') : t('课程')}</span>
      {course.pricing === 'subscription' ? <span className="tag gray">{t('按月订阅')}</span> : null}
      {course.memberFreeFrom ? (
        <span className="tag brand">{t('{tier}及以上免费', { tier: t(TIER_NAMES[course.memberFreeFrom]) })}</span>
      ) : null}
      {a.reason === 'purchase' ? <span className="tag brand">{t('已购买')}</span> : null}
      {a.reason === 'bundle' ? <span className="tag brand">{t('随商品赠送')}</span> : null}
      {a.reason === 'member' ? <span className="tag brand">{t('会员免费学')}</span> : null}
      {a.reason === 'subscription' && a.expiresAt ? (
        <span className="tag brand">{t('订阅至 {at}', { at: fmt(a.expiresAt) })}</span>
      ) : null}
      {a.lapsed ? <span className="tag gray">{t('订阅已到期')}</span> : null}
    </div>
  );
}
