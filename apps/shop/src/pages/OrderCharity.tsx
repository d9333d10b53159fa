import { Link } from 'react-router';
import { type Certificate, useOrderCertificates } from '../api/charity.ts';
import type { OrderDetail } from '../api/orders.ts';
import { useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import './Charity.css';

/** 捐赠证书 on the buyer's order page: one per charity product line, once the order is paid. */
export function OrderCharity({ o }: { o: OrderDetail }) {
  const t = useT();
  const certificates = useOrderCertificates(o.id, o.status !== 'pending_payment' && o.status !== 'cancelled');
  const items = certificates.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="charity-title" data-testid="order-charity">
      <h2 id="charity-title">{t('捐赠证书')}</h2>
      {items.map((c) => (
        <Link key={c.id} to={`/charity/certificates/${c.id}`} className="charity-cert-row">
          <span className="tag charity-tag">{t('公益')}</span>
          <span className="grow">
            {t('向「{project}」捐赠 ¥{amount}', { project: c.project.title, amount: yuan(c.netAmount) })}
            <StatusNote c={c} />
          </span>
          <span className="muted">{t('查看')} ›</span>
        </Link>
      ))}
    </section>
  );
}

export function StatusNote({ c }: { c: Certificate }) {
  const t = useT();
  if (c.status === 'void') return <span className="muted"> · {t('已全额退款，证书作废')}</span>;
  if (c.status === 'partly-refunded')
    return <span className="muted"> · {t('部分退款，已冲回 ¥{amount}', { amount: yuan(c.reversedAmount) })}</span>;
  return null;
}
