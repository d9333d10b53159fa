import { Button, DatePicker, ProgressBar, Switch, Toast } from 'antd-mobile';
import { useState } from 'react';
import { problemTitle } from '../api/client.ts';
import { useMemberDay } from '../api/lifecycle.ts';
import { type Membership, useMembership, useSetBirthday, useSetTrials } from '../api/points.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import './Points.css';

/** 会员中心: tier and growth progress, what each tier gives, birthday and new-product trials. */
export default function MembershipPage() {
  const t = useT();
  const m = useMembership();
  return (
    <div className="page">
      <PageHeader title={t('会员中心')} />
      {m.isPending ? (
        <ListSkeleton rows={4} />
      ) : m.isError ? (
        <QueryError error={m.error} onRetry={() => void m.refetch()} />
      ) : (
        <>
          <TierCard m={m.data} />
          <MemberDayCard m={m.data} />
          <Benefits m={m.data} />
          <Profile m={m.data} />
        </>
      )}
    </div>
  );
}

function TierCard({ m }: { m: Membership }) {
  const t = useT();
  const from = m.benefits.threshold;
  const percent = m.next ? Math.min(100, Math.round(((m.growth - from) / (m.next.threshold - from)) * 100)) : 100;
  return (
    <section className={`tier-card tier-${m.tier}`} aria-label={t('我的会员等级')} data-testid="tier-card">
      <h2>{m.tierName}</h2>
      <p>{t('近 {days} 天成长值 {n}', { days: m.windowDays, n: m.growth })}</p>
      <ProgressBar percent={percent} />
      <p>{m.next ? t('再获得 {n} 成长值升级为{name}', { n: m.next.needed, name: m.next.name }) : t('已是最高等级')}</p>
      <p>{t('每实付 ¥1 得 1 成长值，退款按比例扣除；等级每天按近 365 天成长值重新计算')}</p>
    </section>
  );
}

/** 会员日: when it is and what it gives this member (nothing shown when operators switched it off). */
function MemberDayCard({ m }: { m: Membership }) {
  const t = useT();
  const day = useMemberDay();
  if (!day.data?.enabled) return null;
  const d = day.data;
  const mine = d.tiers.find((x) => x.code === m.tier);
  return (
    <section className="card" aria-labelledby="member-day-title" data-testid="member-day-card">
      <h2 id="member-day-title">{d.today ? t('今天是会员日') : t('会员日 · 每月 {day} 日', { day: d.day })}</h2>
      <ul className="member-day-perks">
        {mine && mine.memberDayPercentOff > 0 && (
          <li>
            {t('{tier}会员日价 {n} 折', { tier: mine.name, n: 100 - mine.memberDayPercentOff })}
            {mine.memberDayPercentOff > mine.everydayPercentOff &&
              t('（平日 {n} 折）', { n: 100 - mine.everydayPercentOff })}
          </li>
        )}
        {d.pointsMultiplier > 1 && <li>{t('当天付款的订单购物积分 {n} 倍', { n: d.pointsMultiplier })}</li>}
        <li>{t('活跃会员当天可收到会员日优惠券')}</li>
      </ul>
      {!d.today && <p className="muted">{t('下一个会员日：{date}', { date: d.next })}</p>}
    </section>
  );
}

function Benefits({ m }: { m: Membership }) {
  const t = useT();
  const yes = '✓';
  return (
    <section className="card" aria-labelledby="benefits-title">
      <h2 id="benefits-title">{t('等级权益')}</h2>
      <table className="tier-table">
        <thead>
          <tr>
            <th scope="col">{t('等级')}</th>
            <th scope="col">{t('门槛')}</th>
            <th scope="col">{t('会员价')}</th>
            <th scope="col">{t('包邮')}</th>
            <th scope="col">{t('生日礼')}</th>
            <th scope="col">{t('优先购')}</th>
            <th scope="col">{t('试用')}</th>
          </tr>
        </thead>
        <tbody>
          {m.tiers.map((tier) => (
            <tr key={tier.code} className={tier.code === m.tier ? 'current' : ''}>
              <th scope="row">{tier.name.replace('会员', '')}</th>
              <td>{tier.threshold}</td>
              <td>{tier.percentOff > 0 ? t('{n} 折', { n: 100 - tier.percentOff }) : '—'}</td>
              <td>{tier.freeShipping ? yes : '—'}</td>
              <td>{tier.birthdayCoupon ? tier.birthdayCoupon.label : '—'}</td>
              <td>{tier.priorityMinutes > 0 ? t('{n} 分钟', { n: tier.priorityMinutes }) : '—'}</td>
              <td>{tier.trials ? yes : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted" style={{ margin: '8px 0 0' }}>
        {t('生日礼为平台优惠券，生日当月发放，有效 31 天；优先购指限量商品开售前可提前购买的时间')}
      </p>
    </section>
  );
}

function Profile({ m }: { m: Membership }) {
  const t = useT();
  const [picking, setPicking] = useState(false);
  const birthday = useSetBirthday();
  const trials = useSetTrials();
  const fail = (err: unknown) => Toast.show({ content: problemTitle(err) });
  return (
    <section className="card">
      <div className="row-between">
        <div>
          <p className="section-title" style={{ margin: 0 }}>
            {t('生日')}
          </p>
          <p className="muted" style={{ margin: '4px 0 0' }}>
            {m.birthday
              ? t('{md}（设置后不可修改）', { md: m.birthday })
              : t('设置生日，银卡及以上会员生日当月得生日优惠券')}
          </p>
        </div>
        {!m.birthday && (
          <Button size="small" shape="rounded" onClick={() => setPicking(true)} loading={birthday.isPending}>
            {t('设置')}
          </Button>
        )}
      </div>
      <DatePicker
        visible={picking}
        title={t('选择生日')}
        precision="day"
        min={new Date(1920, 0, 1)}
        max={new Date()}
        onClose={() => setPicking(false)}
        onConfirm={(d) => birthday.mutate({ month: d.getMonth() + 1, day: d.getDate() }, { onError: fail })}
      />
      <div className="row-between" style={{ marginTop: 14 }}>
        <div>
          <p className="section-title" style={{ margin: 0 }}>
            {t('新品试用')}
          </p>
          <p className="muted" style={{ margin: '4px 0 0' }}>
            {m.benefits.trials ? t('报名后，品牌发起新品试用时可能邀请你') : t('金卡及以上会员可报名')}
          </p>
        </div>
        <Switch
          checked={m.trialOptIn}
          disabled={!m.benefits.trials}
          loading={trials.isPending}
          onChange={(v) => trials.mutate(v, { onError: fail })}
          aria-label={t('报名新品试用')}
        />
      </div>
    </section>
  );
}
