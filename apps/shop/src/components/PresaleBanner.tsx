import { Link } from 'react-router';
import { useProductPresales } from '../api/c2m.ts';
import { useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import { PresaleProgress } from './PresaleProgress.tsx';

/** Dual track on the product page: the pre-sale SKU links to its campaign; the other SKUs sell from stock. */
export function PresaleBanner({ productId }: { productId: string }) {
  const t = useT();
  const presales = useProductPresales(productId);
  const live = presales.data?.items.filter((p) => p.live) ?? [];
  if (live.length === 0) return null;
  return (
    <>
      {live.map((p) => (
        <Link
          key={p.id}
          to={`/presale/${p.id}`}
          className="card"
          style={{ display: 'block' }}
          data-testid="presale-banner"
        >
          <p style={{ margin: '0 0 6px' }}>
            <span className="tag brand">{t('众筹预售')}</span> {p.specText} ¥{yuan(p.price)}
            <span className="muted"> · {t('其余规格现货发售')}</span>
          </p>
          <PresaleProgress p={p} />
        </Link>
      ))}
    </>
  );
}
