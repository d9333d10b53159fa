import { useT } from '../i18n/index.tsx';

const Block = ({
  w = '100%',
  h = 14,
  r,
  style,
}: {
  w?: number | string;
  h?: number | string;
  r?: number;
  style?: React.CSSProperties;
}) => (
  <div
    className="skeleton-block"
    style={{ width: w, height: h, ...(r === undefined ? {} : { borderRadius: r }), ...style }}
  />
);

/** Placeholder cards while a product list loads. */
export function ProductGridSkeleton({ count = 6 }: { count?: number }) {
  const t = useT();
  return (
    <div className="product-grid" role="status" aria-busy="true" aria-label={t('加载中')}>
      {Array.from({ length: count }, (_, i) => (
        <div className="product-card" key={i}>
          <Block h="auto" r={0} style={{ aspectRatio: '1 / 1' }} />
          <div className="body">
            <Block h={14} />
            <Block w="60%" h={14} />
            <Block w="40%" h={18} />
          </div>
        </div>
      ))}
    </div>
  );
}

/** Placeholder rows for lists (orders, addresses, reviews). */
export function ListSkeleton({ rows = 4 }: { rows?: number }) {
  const t = useT();
  return (
    <div role="status" aria-busy="true" aria-label={t('加载中')}>
      {Array.from({ length: rows }, (_, i) => (
        <div className="card" key={i}>
          <div className="row">
            <Block w={72} h={72} r={8} />
            <div className="grow" style={{ display: 'grid', gap: 8 }}>
              <Block h={14} />
              <Block w="70%" h={14} />
              <Block w="30%" h={14} />
            </div>
          </div>
        </div>
      ))}
    </div>
  );
}

/** The whole page while its code or first data arrives. */
export function PageSkeleton() {
  const t = useT();
  return (
    <div className="page" role="status" aria-busy="true" aria-label={t('加载中')}>
      <div style={{ height: 48, background: '#fff', borderBottom: '1px solid var(--line)' }} />
      <div style={{ padding: 12, display: 'grid', gap: 10 }}>
        <Block h={160} r={12} />
        <Block h={16} />
        <Block w="60%" h={16} />
      </div>
      <ProductGridSkeleton count={4} />
    </div>
  );
}

/** Product detail: gallery, price, title. */
export function DetailSkeleton() {
  const t = useT();
  return (
    <div role="status" aria-busy="true" aria-label={t('加载中')}>
      <Block h="auto" r={0} style={{ aspectRatio: '1 / 1' }} />
      <div className="card" style={{ display: 'grid', gap: 10 }}>
        <Block w="40%" h={24} />
        <Block h={16} />
        <Block w="80%" h={16} />
      </div>
      <div className="card" style={{ display: 'grid', gap: 10 }}>
        <Block h={14} />
        <Block h={14} />
      </div>
    </div>
  );
}
