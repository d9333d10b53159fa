import type { OrderDetail } from '../api/orders.ts';
import { type MyVoucher, useOrderVouchers } from '../api/local.ts';
import { useFormatTime, useT } from '../i18n/index.tsx';
import './Local.css';

/** 团购券 on the buyer's order page: the code and its QR while it can be used, else what became of it. */
export function OrderVoucher({ o }: { o: OrderDetail }) {
  const t = useT();
  const fmt = useFormatTime();
  const vouchers = useOrderVouchers(o.id, o.campaignKind === 'voucher');
  const v = vouchers.data?.items[0];
  if (!v) return null;
  const state: Record<MyVoucher['status'], string> = {
    pending: t('付款后发放券码'),
    unused: t('到店出示券码或二维码，由店员核销'),
    used: t('已于 {at} 核销', { at: v.usedAt ? fmt(v.usedAt) : '' }),
    expired: t('已过期'),
    refunding: t('已过期，退款处理中'),
    refunded: t('已过期，已全额退款'),
    void: t('已失效'),
  };
  return (
    <section className="card voucher-card" aria-labelledby="voucher-title" data-testid="order-voucher">
      <h2 id="voucher-title" className="section-title">
        {v.offer.title}
      </h2>
      {v.qrSvg ? (
        // The SVG is drawn by the server from the 12 digits alone (uqr), nothing the shopper or merchant typed.
        <div
          className="voucher-qr"
          role="img"
          aria-label={t('券码二维码')}
          dangerouslySetInnerHTML={{ __html: v.qrSvg }}
        />
      ) : null}
      {v.code ? (
        <div
          className="voucher-code"
          data-testid="voucher-code"
          style={v.status === 'unused' ? {} : { color: 'var(--text-3)', textDecoration: 'line-through' }}
        >
          {v.code.replace(/(\d{4})(?=\d)/g, '$1 ')}
        </div>
      ) : null}
      <div className="voucher-state" data-testid="voucher-state" data-status={v.status}>
        {state[v.status]}
      </div>
      <div className="muted" style={{ marginTop: 6 }}>
        {v.store.name} · {v.store.address}
      </div>
      <div className="muted">
        {t('有效期至 {at}', { at: fmt(v.validUntil) })}
        {v.offer.refundAtExpiry ? ` · ${t('过期自动退')}` : ''}
      </div>
    </section>
  );
}
