import type { ReactNode } from 'react';
import { useFormatTime, useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import './CouponTicket.css';

/** The fields every coupon view shares (claim centre, wallet, checkout picker). */
export interface CouponFace {
  name: string;
  kind: 'threshold' | 'percent' | 'no_threshold';
  thresholdAmount: number;
  discountAmount: number;
  percentOff: number | null;
  maxDiscount: number | null;
  scope: 'shop' | 'products' | 'category';
  merchantId: string | null;
  merchantName?: string | null;
  firstOrderOnly: boolean;
}

const trimYuan = (fen: number) => yuan(fen).replace(/\.00$/, '');

/** A coupon drawn as a ticket: the value on the left, the rules and an action on the right. */
export function CouponTicket({
  coupon,
  validity,
  action,
  dimmed,
  note,
  testId,
}: {
  coupon: CouponFace;
  validity: string;
  action?: ReactNode;
  dimmed?: boolean;
  note?: ReactNode;
  testId?: string;
}) {
  const t = useT();
  const value =
    coupon.kind === 'percent' ? (
      <span className="coupon-value-num">
        {t('{rate}折', { rate: (100 - (coupon.percentOff ?? 0)) / 10, off: coupon.percentOff ?? 0 })}
      </span>
    ) : (
      <>
        <span className="coupon-value-unit">¥</span>
        <span className="coupon-value-num">{trimYuan(coupon.discountAmount)}</span>
      </>
    );
  const condition =
    coupon.thresholdAmount > 0 ? t('满{amount}元可用', { amount: trimYuan(coupon.thresholdAmount) }) : t('无门槛');
  const owner = coupon.merchantId === null ? t('平台券') : (coupon.merchantName ?? t('店铺券'));
  const scope =
    coupon.scope === 'products'
      ? t('指定商品可用')
      : coupon.scope === 'category'
        ? t('指定品类可用')
        : coupon.merchantId === null
          ? t('全平台通用')
          : t('全店通用');
  return (
    <div className={`coupon-ticket ${dimmed ? 'is-dimmed' : ''}`} data-testid={testId}>
      <div className="coupon-value" aria-hidden>
        <div>{value}</div>
        <div className="coupon-condition">{condition}</div>
      </div>
      <div className="coupon-body">
        <p className="coupon-name clamp-2">
          <span className={`coupon-owner ${coupon.merchantId === null ? 'is-platform' : ''}`}>{owner}</span>
          {coupon.name}
        </p>
        <p className="sr-only">
          {coupon.kind === 'percent'
            ? t('{rate}折', { rate: (100 - (coupon.percentOff ?? 0)) / 10, off: coupon.percentOff ?? 0 })
            : `¥${trimYuan(coupon.discountAmount)}`}{' '}
          {condition}
        </p>
        <p className="coupon-rule">
          {scope}
          {coupon.maxDiscount !== null && ` · ${t('最高减{amount}元', { amount: trimYuan(coupon.maxDiscount) })}`}
          {coupon.firstOrderOnly && ` · ${t('仅限首单')}`}
        </p>
        <p className="coupon-validity">{validity}</p>
        {note && <p className="coupon-note">{note}</p>}
      </div>
      {action && <div className="coupon-action">{action}</div>}
    </div>
  );
}

/** "2025-03-01 至 2025-03-31", or "领取后 7 天内有效" before a template is claimed. */
export function useValidityText() {
  const t = useT();
  const fmt = useFormatTime();
  return (v: { from?: string | null; until?: string | null; days?: number | null }) =>
    v.days
      ? t('领取后 {n} 天内有效', { n: v.days })
      : t('{from} 至 {until}', { from: fmt(v.from, false), until: fmt(v.until, true) });
}
