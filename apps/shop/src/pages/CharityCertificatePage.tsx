import { Link, useParams } from 'react-router';
import { useCertificate } from '../api/charity.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { DetailSkeleton } from '../components/Skeletons.tsx';
import { useFormatTime, useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import { StatusNote } from './OrderCharity.tsx';
import './Charity.css';

/** 捐赠证书: the buyer's proof that their purchase donated to a project; only the buyer can open it. */
export default function CharityCertificatePage() {
  const t = useT();
  const fmt = useFormatTime();
  const { id = '' } = useParams();
  const cert = useCertificate(id);
  return (
    <div className="page">
      <PageHeader title={t('捐赠证书')} />
      {cert.isPending ? (
        <DetailSkeleton />
      ) : cert.isError ? (
        <QueryError error={cert.error} onRetry={() => void cert.refetch()} />
      ) : (
        <article className="certificate" data-testid="charity-certificate" data-status={cert.data.status}>
          <h2>{t('捐赠证书')}</h2>
          <div className="cert-no">
            {t('证书编号')} {cert.data.certificateNo}
          </div>
          <p className="cert-body">
            {t('{donor}：感谢你购买「{product}」×{qty}，商家按每件 ¥{per} 代你向「{project}」捐赠：', {
              donor: cert.data.donor,
              product: cert.data.productTitle,
              qty: cert.data.qty,
              per: yuan(cert.data.amountPerItem),
              project: cert.data.project.title,
            })}
          </p>
          <div className="cert-amount" data-testid="certificate-amount">
            ¥{yuan(cert.data.netAmount)}
          </div>
          {cert.data.status === 'void' ? (
            <div className="cert-void">{t('订单已全额退款，本证书作废')}</div>
          ) : (
            <div className="muted">
              <StatusNote c={cert.data} />
            </div>
          )}
          <dl style={{ marginTop: 18 }}>
            <div>
              <dt>{t('公益项目')}</dt>
              <dd>{cert.data.project.title}</dd>
            </div>
            <div>
              <dt>{t('执行机构')}</dt>
              <dd>{cert.data.project.organization}</dd>
            </div>
            <div>
              <dt>{t('捐赠时间')}</dt>
              <dd>{fmt(cert.data.donatedAt)}</dd>
            </div>
          </dl>
          <p className="muted" style={{ fontSize: 12, marginTop: 16, textAlign: 'left' }}>
            {t('捐赠记入公开的公益账本，可在项目的公益账本中查看（昵称脱敏）。')}{' '}
            <Link to={`/charity/${cert.data.project.id}`}>{t('查看公益账本')} ›</Link>
          </p>
        </article>
      )}
    </div>
  );
}
