import { Link } from 'react-router';
import type { FlashItemDetail } from '../../api/flash.ts';
import { FlashCountdown } from '../../components/FlashCountdown.tsx';
import { Price } from '../../components/Price.tsx';
import { useT, type MessageKey } from '../../i18n/index.tsx';

type Purchase = FlashItemDetail['myPurchases'][number];

export const PURCHASE_STATUS: Record<Purchase['status'], { label: MessageKey; tone: string }> = {
  reserved: { label: '待支付', tone: 'brand' },
  paid: { label: '已支付', tone: 'ok' },
  expired: { label: '已过期', tone: 'gray' },
  cancelled: { label: '已取消', tone: 'gray' },
};

/** A reservation whose pay window has passed is 已过期 for the shopper even before the server's job closes it. */
export const shownStatus = (p: Pick<Purchase, 'status' | 'payDeadline'>, now: number): Purchase['status'] =>
  p.status === 'reserved' && Date.parse(p.payDeadline) <= now ? 'expired' : p.status;

/** The shopper's own purchases of this item (newest first): what they hold, what lapsed. */
export function MyFlashRecords({ purchases, now }: { purchases: Purchase[]; now: number }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="flash-mine-title">
      <div className="row-between">
        <h2 id="flash-mine-title" className="section-title" style={{ margin: 0 }}>
          {t('我的抢购记录')}
        </h2>
        <Link to="/me/flash" className="link-more">
          {t('我的秒杀')} ›
        </Link>
      </div>
      <ul className="plain-list flash-records">
        {purchases.map((p) => {
          const status = shownStatus(p, now);
          return (
            <li key={p.purchaseId} className="row-between">
              <span>
                {t('{n} 件', { n: p.qty })} · <Price fen={p.payAmount} size={13} />
              </span>
              <span className={`flash-status tone-${PURCHASE_STATUS[status].tone}`}>
                {t(PURCHASE_STATUS[status].label)}
                {status === 'reserved' && (
                  <>
                    {' '}
                    <FlashCountdown until={p.payDeadline} now={now} className="small" />
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
