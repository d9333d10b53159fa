import { Button, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { problemTitle } from '../api/client.ts';
import { type CenterCoupon, useClaimCoupon } from '../api/coupons.ts';
import { useT } from '../i18n/index.tsx';
import { CouponTicket, useValidityText } from './CouponTicket.tsx';

/** One coupon of the centre with its claim button; honest counts: how many are left, how many you hold. */
export function ClaimableCoupon({ coupon, signedIn }: { coupon: CenterCoupon; signedIn: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const validity = useValidityText();
  const claim = useClaimCoupon();
  const left = coupon.totalQuantity - coupon.issuedCount;
  const button = coupon.soldOut ? (
    <Button size="small" shape="rounded" disabled>
      {t('已抢光')}
    </Button>
  ) : !coupon.canClaim ? (
    <Button size="small" shape="rounded" disabled>
      {t('已领取')}
    </Button>
  ) : (
    <Button
      size="small"
      shape="rounded"
      color="primary"
      loading={claim.isPending}
      data-testid="coupon-claim"
      aria-label={t('领取{name}', { name: coupon.name })}
      onClick={() => {
        if (!signedIn) {
          void navigate(`/login?redirect=${encodeURIComponent(location.pathname + location.search)}`);
          return;
        }
        claim.mutate(coupon.id, {
          onSuccess: () => Toast.show({ icon: 'success', content: t('领取成功') }),
          onError: (err) => Toast.show({ icon: 'fail', content: problemTitle(err) }),
        });
      }}
    >
      {coupon.claimedByMe > 0 ? t('再领一张') : t('立即领取')}
    </Button>
  );
  return (
    <CouponTicket
      coupon={coupon}
      validity={validity({ from: coupon.validFrom, until: coupon.validUntil, days: coupon.validDays })}
      dimmed={coupon.soldOut}
      note={
        coupon.claimedByMe > 0
          ? t('已领 {n} 张（每人限 {limit} 张）', { n: coupon.claimedByMe, limit: coupon.perUserLimit })
          : t('剩余 {n} 张', { n: left })
      }
      action={button}
      testId="coupon-ticket"
    />
  );
}
