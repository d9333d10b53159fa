import { Button, Toast } from 'antd-mobile';
import { useRef } from 'react';
import { useNavigate, useParams } from 'react-router';
import { newIdempotencyKey, problemTitle } from '../api/client.ts';
import { useBuyVoucher, useLocalOffer } from '../api/local.ts';
import { useMe } from '../api/session.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useFormatTime, useT } from '../i18n/index.tsx';
import './Local.css';

/** A store's voucher or set meal: what it is, where and until when it can be used, and buying it online. */
export default function LocalOfferPage() {
  const t = useT();
  const fmt = useFormatTime();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  const offer = useLocalOffer(id);
  const buy = useBuyVoucher(id);
  // One key per attempt: a double tap or a retry after a lost response places one order.
  const key = useRef(newIdempotencyKey());

  if (offer.isPending) return <ListSkeleton rows={3} />;
  if (offer.isError) return <QueryError error={offer.error} onRetry={() => void offer.refetch()} />;
  const o = offer.data;
  const soldOut = o.sold >= o.quota;
  const submit = () => {
    if (!me.data) {
      void navigate(`/login?redirect=${encodeURIComponent(`/local/offers/${id}`)}`);
      return;
    }
    buy.mutate(
      { expectedAmount: o.price, key: key.current },
      {
        onSuccess: (placed) => void navigate(`/pay/${placed.checkoutId}`, { replace: true }),
        onError: (err) => {
          key.current = newIdempotencyKey();
          Toast.show({ icon: 'fail', content: problemTitle(err), duration: 3000 });
          void offer.refetch();
        },
      },
    );
  };
  return (
    <div className="page with-action-bar">
      <PageHeader title={o.kind === 'voucher' ? t('代金券') : t('套餐')} backTo="/nearby" />
      <section className="card" data-testid="offer-card">
        <h2 style={{ fontSize: 17 }}>{o.title}</h2>
        <Price fen={o.price} original={o.faceValue} size={24} />
        <div className="muted" style={{ marginTop: 6 }}>
          {t('已售 {n}', { n: o.sold })} · {t('有效期至 {at}', { at: fmt(o.validUntil) })}
        </div>
        <div className="nearby-services">
          <span className="tag brand">{t('到店核销')}</span>
          {o.refundAtExpiry ? <span className="tag brand">{t('过期自动退')}</span> : null}
        </div>
        {o.description ? <p style={{ margin: '10px 0 0', fontSize: 13 }}>{o.description}</p> : null}
      </section>
      <section className="card">
        <h2>{t('适用门店')}</h2>
        <div style={{ fontWeight: 600 }}>{o.store.name}</div>
        <div className="muted" style={{ marginTop: 4 }}>
          {o.store.address}
        </div>
        <div className="muted">{t('营业 {hours}', { hours: o.store.hours })}</div>
        {o.store.services.length > 0 ? (
          <div className="nearby-services">
            {o.store.services.map((x) => (
              <span key={x} className="tag gray">
                {x}
              </span>
            ))}
          </div>
        ) : null}
      </section>
      <section className="card muted">
        {t('购买后在订单详情查看券码和二维码，到店出示给店员核销。每张券只能使用一次。')}
        {o.refundAtExpiry ? t('过期未使用将自动全额退款。') : t('过期未使用不退款。')}
      </section>
      <div className="action-bar">
        <span className="grow">
          <Price fen={o.price} size={20} />
        </span>
        <Button
          color="primary"
          disabled={!o.onSale || soldOut}
          loading={buy.isPending}
          onClick={submit}
          data-testid="offer-buy"
        >
          {!o.onSale ? t('已结束') : soldOut ? t('已售罄') : t('立即购买')}
        </Button>
      </div>
    </div>
  );
}
