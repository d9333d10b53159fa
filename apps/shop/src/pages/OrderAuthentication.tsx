import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, must } from '../api/client.ts';
import type { OrderDetail } from '../api/orders.ts';
import { useFormatTime, useT } from '../i18n/index.tsx';

/**
 * 鉴定 on the buyer's order page: while the goods are at the platform's centre (鉴定中) and, once decided, the
 * certificate with a link to its entry in the public transparency log, which the 透明度 page verifies in the browser.
 */
export function OrderAuthentication({ o }: { o: OrderDetail }) {
  const t = useT();
  const fmt = useFormatTime();
  const held = o.shipHold?.code === 'authentication';
  const found = useQuery({
    queryKey: ['orders', 'authentication', o.id],
    queryFn: () => must(api.GET('/api/v1/orders/{id}/authentication', { params: { path: { id: o.id } } })),
    // Held orders have a case; a shipped or closed one may have had one (its certificate stays on the page).
    enabled: held || (o.status !== 'paid' && o.status !== 'pending_payment' && o.status !== 'cancelled'),
  });
  const c = found.data?.case;
  if (!c || c.status === 'cancelled') return null;
  const cert = c.certificate;
  return (
    <section className="card" aria-labelledby="auth-title" data-testid="order-authentication">
      <h2 id="auth-title" className="section-title" style={{ margin: 0 }}>
        {cert ? (cert.result === 'pass' ? t('鉴定通过') : t('鉴定未通过')) : t('鉴定中')}
      </h2>
      {!cert ? (
        <p className="muted" style={{ margin: '6px 0 0', fontSize: 13 }}>
          {t('此商品需经平台鉴定中心鉴定：商家先寄往鉴定中心，鉴定通过后由鉴定中心转寄给你；未通过将全额退款。')}
        </p>
      ) : (
        <dl className="auth-cert">
          <dt>{t('鉴定编号')}</dt>
          <dd data-testid="certificate-no">{cert.certificateNo}</dd>
          <dt>{t('鉴定说明')}</dt>
          <dd>{cert.findings}</dd>
          <dt>{t('鉴定人')}</dt>
          <dd>{t('平台鉴定中心 · 鉴定师')}</dd>
          <dt>{t('鉴定时间')}</dt>
          <dd>{fmt(cert.decidedAt)}</dd>
          <dt>{cert.result === 'pass' ? t('转寄运单') : t('退款')}</dt>
          <dd>
            {cert.result === 'pass'
              ? c.outbound
                ? `${c.outbound.carrier} ${c.outbound.trackingNo}`
                : '—'
              : c.refunded
                ? t('已原路全额退款')
                : t('全额退款处理中')}
          </dd>
        </dl>
      )}
      {cert && (
        <Link
          to={`/transparency?kind=authentication&subject=${encodeURIComponent(cert.certificateNo)}`}
          data-testid="certificate-log-link"
          style={{ fontSize: 13, textDecoration: 'underline', color: 'inherit' }}
        >
          {t('在透明度日志中核验')}
        </Link>
      )}
    </section>
  );
}
