import { Switch } from 'antd-mobile';
import type { Quote } from '../api/orders.ts';
import { useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';

type Loyalty = NonNullable<Quote['loyalty']>;

/** 积分抵扣 at checkout: how many points this order can take, and a switch to use them. */
export function PointsToggle({
  loyalty,
  checked,
  onChange,
}: {
  loyalty: Loyalty;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  const t = useT();
  const p = loyalty.points;
  const usable = checked ? p.used : p.usable;
  return (
    <section className="card points-toggle" aria-label={t('积分抵扣')} data-testid="points-toggle">
      <div className="row-between">
        <div>
          <p className="section-title" style={{ margin: 0 }}>
            {t('积分抵扣')}
          </p>
          <p className="muted" style={{ margin: '4px 0 0' }}>
            {usable > 0
              ? t('可用 {points} 积分抵 ¥{amount}', { points: usable, amount: yuan(usable) })
              : t('共 {balance} 积分，本单暂不可用', { balance: p.balance })}
          </p>
          <p className="muted" style={{ margin: '2px 0 0' }}>
            {t('{rate} 积分 = ¥1，最多抵商品金额的 {cap}%', { rate: p.pointsPerYuan, cap: p.capPercent })}
          </p>
        </div>
        <Switch
          checked={checked}
          disabled={p.usable === 0 && !checked}
          onChange={onChange}
          aria-label={t('使用积分抵扣')}
        />
      </div>
      {loyalty.memberPercentOff > 0 || loyalty.freeShipping ? (
        <p className="points-member-note">
          {loyalty.tierName}
          {loyalty.memberPercentOff > 0 ? ` · ${t('会员价 {n} 折', { n: 100 - loyalty.memberPercentOff })}` : ''}
          {loyalty.freeShipping ? ` · ${t('会员包邮')}` : ''}
        </p>
      ) : null}
    </section>
  );
}
