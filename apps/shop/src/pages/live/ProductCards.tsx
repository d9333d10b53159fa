import { Button, Popup } from 'antd-mobile';
import { CloseOutline } from 'antd-mobile-icons';
import type { LiveClip, LiveProduct, PinnedProduct } from '../../api/live.ts';
import { Price } from '../../components/Price.tsx';
import { useT } from '../../i18n/index.tsx';
import { clipTime } from './format.ts';

/** The product the host is talking about, over the video; it appears when the pin arrives on the socket. */
export function PinnedCard({
  product,
  onBuy,
  onClose,
}: {
  product: PinnedProduct;
  onBuy: (productId: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <section
      className="live-pinned"
      data-testid="live-pinned-card"
      data-product-id={product.productId}
      aria-label={t('主播讲解中的商品')}
    >
      <span className="live-pinned-tag">{t('讲解中')}</span>
      <button type="button" className="live-pinned-close" aria-label={t('收起')} onClick={onClose}>
        <CloseOutline aria-hidden />
      </button>
      {product.imageUrl ? <img src={product.imageUrl} alt="" /> : <span className="live-pinned-img" />}
      <div className="live-pinned-body">
        <p className="live-pinned-title clamp-2">{product.title}</p>
        {product.claim && <p className="live-pinned-claim ellipsis">{product.claim}</p>}
        <div className="row-between">
          <Price fen={product.price} size={16} />
          <Button
            size="mini"
            color="primary"
            shape="rounded"
            onClick={() => onBuy(product.productId)}
            data-testid="live-pinned-buy"
          >
            {t('去抢购')}
          </Button>
        </div>
      </div>
    </section>
  );
}

const STOCK_LABEL = { in_stock: null, sold_out: '已售罄', unavailable: '已下架' } as const;

/** 商品袋: every product of the session; on a replay each one can jump to where it was explained. */
export function ProductBag({
  open,
  products,
  pinnedId,
  clips,
  onBuy,
  onClip,
  onClose,
}: {
  open: boolean;
  products: LiveProduct[];
  pinnedId: string | null;
  clips?: LiveClip[];
  onBuy: (productId: string) => void;
  onClip?: (clip: LiveClip) => void;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Popup visible={open} onMaskClick={onClose} onClose={onClose} bodyClassName="live-bag-sheet" destroyOnClose>
      <div role="dialog" aria-label={t('商品袋')} data-testid="live-bag">
        <div className="live-sheet-head">
          <h2 className="live-sheet-title">{t('商品袋 · 共 {n} 件', { n: products.length })}</h2>
          <button type="button" className="icon-button" aria-label={t('关闭')} onClick={onClose}>
            <CloseOutline aria-hidden />
          </button>
        </div>
        {products.length === 0 ? (
          <p className="live-empty">{t('主播还没有上架商品')}</p>
        ) : (
          <ol className="live-bag-list">
            {products.map((p, i) => {
              const clip = clips?.find((c) => c.productId === p.productId);
              const stock = STOCK_LABEL[p.stock];
              return (
                <li key={p.productId} className="live-bag-item" data-testid="live-bag-item">
                  <span className="live-bag-img">
                    {p.imageUrl ? <img src={p.imageUrl} alt="" loading="lazy" /> : null}
                    <span className="live-bag-no">{i + 1}</span>
                  </span>
                  <div className="live-bag-body">
                    <p className="clamp-2">
                      {p.productId === pinnedId && <span className="live-bag-now">{t('讲解中')}</span>}
                      {p.title}
                    </p>
                    {p.claim && <p className="live-bag-claim ellipsis">{p.claim}</p>}
                    <div className="row-between">
                      <span>
                        <Price fen={p.price} size={16} />
                        {stock && <span className="live-bag-stock">{t(stock)}</span>}
                      </span>
                      <span className="live-bag-actions">
                        {clip && onClip && (
                          <Button size="mini" shape="rounded" onClick={() => onClip(clip)} data-testid="live-clip">
                            {t('看讲解 {time}', { time: clipTime(clip.offsetSeconds) })}
                          </Button>
                        )}
                        <Button
                          size="mini"
                          color="primary"
                          shape="rounded"
                          disabled={p.stock !== 'in_stock'}
                          onClick={() => onBuy(p.productId)}
                          data-testid="live-bag-buy"
                        >
                          {stock ? t(stock) : t('购买')}
                        </Button>
                      </span>
                    </div>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </Popup>
  );
}
