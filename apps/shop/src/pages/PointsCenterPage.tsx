import { Button, Toast } from 'antd-mobile';
import {
  GiftOutline,
  HeartOutline,
  ShopbagOutline,
  StarOutline,
  UnorderedListOutline,
  TruckOutline,
} from 'antd-mobile-icons';
import { Link } from 'react-router';
import { problemTitle } from '../api/client.ts';
import { type MyPoints, useMyPoints, useSignIn } from '../api/points.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useFormatTime, useT } from '../i18n/index.tsx';
import './Points.css';

/** 积分中心: balance, the sign-in streak, and the ways to earn and use points. */
export default function PointsCenterPage() {
  const t = useT();
  const fmt = useFormatTime();
  const me = useMyPoints();
  return (
    <div className="page points-page">
      <PageHeader title={t('积分中心')} backTo="/me" />
      {me.isPending ? (
        <ListSkeleton rows={4} />
      ) : me.isError ? (
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      ) : (
        <>
          <section className="points-hero" aria-label={t('我的积分')}>
            <p>{t('我的积分')}</p>
            <p className="points-balance" data-testid="points-balance">
              {me.data.balance}
            </p>
            <p>
              {me.data.nextExpiry
                ? t('{points} 积分将于 {date} 过期', {
                    points: me.data.nextExpiry.points,
                    date: fmt(new Date(Date.parse(me.data.nextExpiry.expiresAt) - 1).toISOString(), false),
                  })
                : t('暂无即将过期的积分')}
              {' · '}
              <Link to="/points/history">{t('积分明细')} ›</Link>
            </p>
          </section>
          <SignInCard data={me.data} />
          <section className="card">
            <ul className="points-grid">
              <li>
                <Link to="/points/mall">
                  <ShopbagOutline aria-hidden />
                  {t('积分商城')}
                </Link>
              </li>
              <li>
                <Link to="/points/gift">
                  <GiftOutline aria-hidden />
                  {t('赠送好友')}
                </Link>
              </li>
              <li>
                <Link to="/charity">
                  <HeartOutline aria-hidden />
                  {t('公益捐赠')}
                </Link>
              </li>
              <li>
                <Link to="/membership">
                  <StarOutline aria-hidden />
                  {t('会员中心')}
                </Link>
              </li>
              <li>
                <Link to="/points/history">
                  <UnorderedListOutline aria-hidden />
                  {t('积分明细')}
                </Link>
              </li>
              <li>
                <Link to="/points/redemptions">
                  <TruckOutline aria-hidden />
                  {t('兑换记录')}
                </Link>
              </li>
            </ul>
          </section>
          <section className="card">
            <h2>{t('积分规则')}</h2>
            <ul className="points-rules">
              <li>
                {t('每日签到得 {n} 积分，每连续签到 7 天额外奖励 {bonus} 积分', {
                  n: me.data.signIn.rules.dailyPoints,
                  bonus: me.data.signIn.rules.bonusPoints,
                })}
              </li>
              <li>
                {t('分享商品或内容，每天前 {n} 次各得 10 积分（今日已得 {done} 次）', {
                  n: me.data.shares.dailyCap,
                  done: me.data.shares.rewardedToday,
                })}
              </li>
              <li>{t('购物每实付 ¥1 得 1 积分，退款时按比例扣回；首次评价得 20 积分')}</li>
              <li>
                {t('下单时 {rate} 积分抵 ¥1，最多抵商品金额的 {cap}%', {
                  rate: me.data.checkout.pointsPerYuan,
                  cap: me.data.checkout.capPercent,
                })}
              </li>
              <li>{t('积分在获得次年的 12 月 31 日 24 点过期，先到期的先使用')}</li>
            </ul>
          </section>
        </>
      )}
    </div>
  );
}

function SignInCard({ data }: { data: MyPoints }) {
  const t = useT();
  const signIn = useSignIn();
  const { streak, signedToday, rules } = data.signIn;
  // Where the streak stands in its 7-day cycle; a just-completed cycle shows full.
  const done =
    signedToday && streak > 0 && streak % rules.bonusEvery === 0 ? rules.bonusEvery : streak % rules.bonusEvery;
  const days = Array.from({ length: rules.bonusEvery }, (_, i) => i + 1);
  const submit = () =>
    signIn.mutate(undefined, {
      onSuccess: (r) => Toast.show({ icon: 'success', content: t('签到成功 +{n} 积分', { n: r.points }) }),
      onError: (err) => Toast.show({ content: problemTitle(err) }),
    });
  return (
    <section className="card" aria-labelledby="sign-title">
      <div className="row-between">
        <h2 id="sign-title" className="section-title" style={{ margin: 0 }}>
          {t('每日签到')}
        </h2>
        <span className="muted">{t('已连续签到 {n} 天', { n: streak })}</span>
      </div>
      <ol className="sign-strip" aria-label={t('本轮签到进度')}>
        {days.map((d) => (
          <li key={d} className={`${d <= done ? 'done' : ''} ${d === rules.bonusEvery ? 'bonus' : ''}`}>
            <strong>+{d === rules.bonusEvery ? rules.dailyPoints + rules.bonusPoints : rules.dailyPoints}</strong>
            {t('第 {n} 天', { n: d })}
          </li>
        ))}
      </ol>
      <Button
        block
        color="primary"
        shape="rounded"
        disabled={signedToday}
        loading={signIn.isPending}
        onClick={submit}
        data-testid="sign-in"
      >
        {signedToday ? t('今日已签到，明天再来') : t('签到领 {n} 积分', { n: data.signIn.nextPoints })}
      </Button>
      <p className="muted" style={{ margin: '8px 0 0' }}>
        {t('本月已签到 {n} 天', { n: data.signIn.days.length })}
      </p>
    </section>
  );
}
