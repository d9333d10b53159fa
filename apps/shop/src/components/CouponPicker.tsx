import { Button, Popup } from 'antd-mobile';
import { CheckCircleFill, RightOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import type { Quote } from '../api/orders.ts';
import { useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import './CouponPicker.css';

type Options = NonNullable<Quote['coupons']>;
type Option = Options['options'][number];

/** The checkout's coupon row and picker: one shop coupon per shop plus one platform coupon, as the server rules. */
export function CouponPicker({
  coupons,
  merchantNames,
  onChange,
}: {
  coupons: Options;
  merchantNames: Map<string, string>;
  /** New picks; [] means "no coupons". */
  onChange: (ids: string[]) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const usable = coupons.options.filter((o) => o.usable || o.selected);
  const unusable = coupons.options.filter((o) => !o.usable && !o.selected);
  const slot = (o: Option) => o.merchantId ?? 'platform';
  const toggle = (o: Option) => {
    const kept = coupons.options.filter((x) => x.selected && slot(x) !== slot(o)).map((x) => x.id);
    onChange(o.selected ? kept : [...kept, o.id]);
  };
  const summary =
    coupons.discountAmount > 0
      ? `-¥${yuan(coupons.discountAmount)}`
      : usable.length > 0
        ? t('{n} 张可用', { n: usable.length })
        : t('暂无可用');
  const owner = (o: Option) => (o.merchantId ? (merchantNames.get(o.merchantId) ?? t('店铺券')) : t('平台券'));
  return (
    <>
      <section className="card" aria-label={t('优惠券')}>
        <button type="button" className="coupon-row" onClick={() => setOpen(true)} data-testid="checkout-coupons">
          <span className="grow coupon-row-label">{t('优惠券')}</span>
          <span className={coupons.discountAmount > 0 ? 'coupon-row-value minus' : 'coupon-row-value muted'}>
            {summary}
          </span>
          <RightOutline aria-hidden />
        </button>
      </section>
      <Popup
        visible={open}
        onMaskClick={() => setOpen(false)}
        onClose={() => setOpen(false)}
        bodyStyle={{ borderRadius: '12px 12px 0 0', maxHeight: '75vh', overflowY: 'auto' }}
      >
        <div className="coupon-picker" role="dialog" aria-label={t('选择优惠券')}>
          <div className="row-between coupon-picker-head">
            <h2>{t('选择优惠券')}</h2>
            <button type="button" className="text-button" onClick={() => setOpen(false)}>
              {t('完成')}
            </button>
          </div>
          <p className="muted coupon-picker-rule">{t('每个店铺可用一张店铺券，另可叠加一张平台券')}</p>
          {usable.length === 0 && <p className="muted coupon-picker-empty">{t('这些商品暂无可用的优惠券')}</p>}
          <ul className="coupon-options">
            {usable.map((o) => (
              <li key={o.id}>
                <button
                  type="button"
                  className={`coupon-option ${o.selected ? 'is-selected' : ''}`}
                  aria-pressed={o.selected}
                  onClick={() => toggle(o)}
                  data-testid="coupon-option"
                >
                  <span className="coupon-option-amount">
                    {o.estimatedDiscount !== null ? `-¥${yuan(o.estimatedDiscount)}` : ''}
                  </span>
                  <span className="grow">
                    <span className="coupon-option-name">
                      <span className="coupon-option-owner">{owner(o)}</span>
                      {o.label}
                    </span>
                    <span className="coupon-option-sub">{o.name}</span>
                  </span>
                  {o.selected ? (
                    <CheckCircleFill className="coupon-check" aria-hidden />
                  ) : (
                    <span className="coupon-check-empty" aria-hidden />
                  )}
                </button>
              </li>
            ))}
          </ul>
          {unusable.length > 0 && (
            <>
              <h3 className="coupon-picker-sub">{t('不可用（{n}）', { n: unusable.length })}</h3>
              <ul className="coupon-options">
                {unusable.map((o) => (
                  <li key={o.id} className="coupon-option is-disabled">
                    <span className="grow">
                      <span className="coupon-option-name">
                        <span className="coupon-option-owner">{owner(o)}</span>
                        {o.label}
                      </span>
                      <span className="coupon-option-reason">{o.reason}</span>
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <Button
            block
            fill="outline"
            onClick={() => {
              onChange([]);
              setOpen(false);
            }}
            data-testid="coupon-none"
          >
            {t('不使用优惠券')}
          </Button>
        </div>
      </Popup>
    </>
  );
}
