import { Link } from 'react-router';
import { type MemberDay, useMemberDay } from '../api/lifecycle.ts';
import { useT } from '../i18n/index.tsx';

/** What member day gives, in one line: the deepest member-day price and the points multiplier, as operators set them. */
function useMemberDayPerks(day: MemberDay | undefined): string[] {
  const t = useT();
  if (!day) return [];
  const deepest = Math.max(...day.tiers.map((x) => x.memberDayPercentOff));
  const deeper = day.tiers.some((x) => x.memberDayPercentOff > x.everydayPercentOff);
  return [
    deeper ? t('会员价低至 {n} 折', { n: 100 - deepest }) : t('会员价'),
    ...(day.pointsMultiplier > 1 ? [t('购物积分 {n} 倍', { n: day.pointsMultiplier })] : []),
  ];
}

/** Shown only on member day (Beijing time), with that day's benefits. */
export function MemberDayBanner() {
  const t = useT();
  const day = useMemberDay();
  const perks = useMemberDayPerks(day.data);
  if (!day.data?.today) return null;
  return (
    <Link to="/membership" className="member-day-banner" data-testid="member-day-banner">
      <strong>{t('今天是会员日')}</strong>
      <span>{t('{perks}，去看看我的会员权益', { perks: perks.join(t('，')) })}</span>
    </Link>
  );
}
