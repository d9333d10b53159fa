import { Link } from 'react-router';
import { useMemberDay } from '../api/lifecycle.ts';
import { useT } from '../i18n/index.tsx';

/** Shown only on member day (Beijing time): member prices apply and the day's coupon is in the wallet. */
export function MemberDayBanner() {
  const t = useT();
  const day = useMemberDay();
  if (!day.data?.today) return null;
  return (
    <Link to="/membership" className="member-day-banner" data-testid="member-day-banner">
      <strong>{t('今天是会员日')}</strong>
      <span>{t('每月 {day} 日会员价叠加会员日券，去看看我的会员权益', { day: day.data.day })}</span>
    </Link>
  );
}
