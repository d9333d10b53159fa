import { Link } from 'react-router';
import type { ProductCardData } from '../api/catalog.ts';
import { useLang, useT } from '../i18n/index.tsx';
import { trackClick } from '../lib/track.ts';
import { useImpression } from '../lib/useTrack.ts';
import { Price } from './Price.tsx';

/** Sales counts as shoppers read them: 1.2万+ rather than 12345. */
export function useSalesText(): (n: number) => string {
  const t = useT();
  const { lang } = useLang();
  return (n) => {
    if (n <= 0) return '';
    if (n < 10_000) return t('已售 {n}', { n });
    const shown = lang === 'en-US' ? `${Math.floor(n / 1000)}k+` : `${Math.floor(n / 1000) / 10}万+`;
    return t('已售 {n}', { n: shown });
  };
}

/**
 * `source` marks where the card was shown, so the product page can credit it (a search touch); `slot` and
 * `position` name the place for behaviour events (an impression when half visible, a click when tapped).
 */
export function ProductCard({
  product: p,
  source,
  slot,
  position = 0,
  query,
}: {
  product: ProductCardData;
  source?: 'search';
  slot?: string;
  position?: number;
  /** The search query the card answers (sent with the click). */
  query?: string;
}) {
  const t = useT();
  const salesText = useSalesText();
  const ref = useImpression<HTMLAnchorElement>(p.id, slot, position);
  return (
    <Link
      ref={ref}
      to={`/product/${p.id}${source ? `?from=${source}` : ''}`}
      className="product-card"
      data-testid="product-card"
      onClick={() => slot && trackClick(p.id, slot, position, query)}
    >
      {p.imageUrl ? (
        <img className="thumb" src={p.imageUrl} alt={p.title} loading="lazy" />
      ) : (
        <span className="thumb" aria-hidden />
      )}
      <span className="body">
        <span className="title clamp-2">{p.title}</span>
        <span className="meta">
          <span>
            <Price fen={p.minPrice} size={18} />
            {p.maxPrice > p.minPrice && <span className="muted"> {t('起')}</span>}
          </span>
          <span className="muted">{salesText(p.salesCount)}</span>
        </span>
        <span className="muted ellipsis">{p.merchant.name}</span>
      </span>
    </Link>
  );
}

export function ProductGrid({
  products,
  source,
  slot,
  query,
  layout = 'grid',
}: {
  products: ProductCardData[];
  source?: 'search';
  slot?: string;
  query?: string;
  /** `large`: one card per row (the home-layout experiment's treatment). */
  layout?: 'grid' | 'large';
}) {
  return (
    <div
      className={layout === 'large' ? 'product-grid large' : 'product-grid'}
      data-testid="product-grid"
      data-layout={layout}
    >
      {products.map((p, i) => (
        <ProductCard
          key={p.id}
          product={p}
          position={i}
          {...(source ? { source } : {})}
          {...(slot ? { slot } : {})}
          {...(query ? { query } : {})}
        />
      ))}
    </div>
  );
}
