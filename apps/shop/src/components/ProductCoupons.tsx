import { Popup } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { useClaimCenter } from '../api/coupons.ts';
import { useMe } from '../api/session.ts';
import { useT } from '../i18n/index.tsx';
import { ClaimableCoupon } from './ClaimableCoupon.tsx';
import './CouponPicker.css';

/** The product page's 领券 row: coupons that apply to this product, claimable without leaving the page. */
export function ProductCoupons({ productId }: { productId: string }) {
  const t = useT();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const list = useClaimCenter({ productId });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (items.length === 0) return null;
  return (
    <>
      <button type="button" className="product-row" onClick={() => setOpen(true)} data-testid="product-coupons">
        <span className="product-row-label">{t('领券')}</span>
        <span className="grow ellipsis product-coupon-tags">
          {items.slice(0, 3).map((c) => (
            <span key={c.id} className="product-coupon-tag">
              {c.label}
            </span>
          ))}
        </span>
        <RightOutline aria-hidden />
      </button>
      <Popup
        visible={open}
        onMaskClick={() => setOpen(false)}
        onClose={() => setOpen(false)}
        bodyStyle={{ borderRadius: '12px 12px 0 0', maxHeight: '75vh', overflowY: 'auto' }}
      >
        <div className="coupon-picker" role="dialog" aria-label={t('领取优惠券')}>
          <div className="row-between coupon-picker-head">
            <h2>{t('领取优惠券')}</h2>
            <button type="button" className="text-button" onClick={() => setOpen(false)}>
              {t('关闭')}
            </button>
          </div>
          <ul className="coupon-options">
            {items.map((c) => (
              <li key={c.id}>
                <ClaimableCoupon coupon={c} signedIn={!!me.data} />
              </li>
            ))}
          </ul>
        </div>
      </Popup>
    </>
  );
}
