import { Button, ImageViewer, Swiper, Toast } from 'antd-mobile';
import { LeftOutline, RightOutline, ShopbagOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useCartCount, useCartMutations } from '../api/cart.ts';
import { useProduct, type Product } from '../api/catalog.ts';
import { useProductReviews, useReviewSummary } from '../api/reviews.ts';
import { useMe } from '../api/session.ts';
import { ContactService } from '../components/ContactService.tsx';
import { CampaignSection } from '../components/CampaignSection.tsx';
import { CharityBadge } from '../components/CharityBadge.tsx';
import { PresaleBanner } from '../components/PresaleBanner.tsx';
import { ProductCoupons } from '../components/ProductCoupons.tsx';
import { Price } from '../components/Price.tsx';
import { SpeakPrice } from '../components/SpeakPrice.tsx';
import { useCareMode } from '../api/careMode.ts';
import { useSalesText } from '../components/ProductCard.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ReviewItem } from '../components/ReviewItem.tsx';
import { ProductRecommendations } from '../components/Recommendations.tsx';
import { ShareEarn } from '../components/ShareEarn.tsx';
import { DetailSkeleton } from '../components/Skeletons.tsx';
import { SkuPicker, skuOf, type SpecSelection } from '../components/SkuPicker.tsx';
import { useProductTouch } from '../components/ProductTouch.tsx';
import { Stars } from '../components/Stars.tsx';
import { useT } from '../i18n/index.tsx';
import { channelOf, track } from '../lib/track.ts';
import { usePageView } from '../lib/useTrack.ts';
import './ProductPage.css';

/** A product with one SKU (or one in stock per dimension) needs no choosing. */
function initialSelection(p: Product): SpecSelection {
  const sel: SpecSelection = {};
  for (const d of p.specs) if (d.values.length === 1 && d.values[0]) sel[d.name] = d.values[0];
  return sel;
}

export default function ProductPage() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const product = useProduct(id);
  useProductTouch(id);

  if (product.isPending) {
    return (
      <div className="page">
        <FloatingBack />
        <DetailSkeleton />
      </div>
    );
  }
  if (product.isError) {
    return (
      <div className="page">
        <header className="page-header">
          <button type="button" className="icon-button" aria-label={t('返回')} onClick={() => void navigate(-1)}>
            <LeftOutline aria-hidden />
          </button>
          <h1>{t('商品详情')}</h1>
          <span />
        </header>
        <QueryError error={product.error} onRetry={() => void product.refetch()} />
      </div>
    );
  }
  return <ProductView key={product.data.id} product={product.data} />;
}

/** A shop front; antd-mobile-icons has none. */
const StoreIcon = () => (
  <svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden>
    <path
      d="M4 9.5V20h16V9.5M3 9l1.6-5h14.8L21 9c0 1.4-1.2 2.5-2.6 2.5S15.8 10.4 15.8 9c0 1.4-1.2 2.5-2.6 2.5h-2.4C9.4 11.5 8.2 10.4 8.2 9c0 1.4-1.2 2.5-2.6 2.5S3 10.4 3 9Z"
      strokeLinejoin="round"
    />
    <path d="M9.5 20v-5h5v5" />
  </svg>
);

function FloatingBack() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <button
      type="button"
      className="floating-back"
      aria-label={t('返回')}
      onClick={() =>
        window.history.state && (window.history.state as { idx?: number }).idx ? void navigate(-1) : void navigate('/')
      }
    >
      <LeftOutline aria-hidden />
    </button>
  );
}

function ProductView({ product: p }: { product: Product }) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const salesText = useSalesText();
  const cartCount = useCartCount();
  const care = useCareMode().enabled;
  const { add } = useCartMutations();
  const summary = useReviewSummary(p.id);
  const reviews = useProductReviews(p.id, 'all', 2);
  const [slide, setSlide] = useState(0);
  const [selection, setSelection] = useState<SpecSelection>(() => initialSelection(p));
  const [qty, setQty] = useState(1);
  const [picker, setPicker] = useState<{ open: boolean; mode: 'choose' | 'cart' | 'buy' }>({
    open: false,
    mode: 'choose',
  });

  const sku = skuOf(p, selection);
  const totalStock = p.skus.reduce((n, s) => n + s.stock, 0);
  const soldOut = totalStock === 0;
  const firstReviews = reviews.data?.pages[0]?.items ?? [];
  usePageView('product', { productId: p.id, merchantId: p.merchant.id, categoryId: p.category.id });

  const requireLogin = (): boolean => {
    if (me.data) return true;
    Toast.show({ content: t('请先登录') });
    void navigate(`/login?redirect=${encodeURIComponent(location.pathname)}`);
    return false;
  };

  const act = (mode: 'cart' | 'buy') => {
    if (!requireLogin()) return;
    if (!sku || sku.stock === 0 || qty > sku.stock) {
      setPicker({ open: true, mode });
      return;
    }
    confirm(mode, sku.id);
  };

  const confirm = (mode: 'choose' | 'cart' | 'buy', skuId: string) => {
    if (mode === 'choose') {
      setPicker({ open: false, mode });
      return;
    }
    if (!requireLogin()) return;
    if (mode === 'buy') {
      setPicker({ open: false, mode });
      void navigate(`/checkout?skuId=${encodeURIComponent(skuId)}&qty=${qty}`);
      return;
    }
    add.mutate(
      { skuId, qty },
      {
        onSuccess: () => {
          track('add_to_cart', {
            productId: p.id,
            merchantId: p.merchant.id,
            categoryId: p.category.id,
            qty,
            ...channelOf(p.id),
          });
          setPicker({ open: false, mode });
          Toast.show({ icon: 'success', content: t('已加入购物车') });
        },
      },
    );
  };

  const images = p.images.length > 0 ? p.images : [];
  return (
    <div className="page with-action-bar product-page">
      <FloatingBack />
      <h1 className="sr-only">{p.title}</h1>

      <section className="gallery" aria-label={t('商品图片')}>
        {images.length > 0 ? (
          <>
            <Swiper onIndexChange={setSlide} indicator={() => null} data-testid="gallery">
              {images.map((src, i) => (
                <Swiper.Item key={`${src}-${i}`}>
                  <button
                    type="button"
                    className="gallery-item"
                    onClick={() => ImageViewer.Multi.show({ images, defaultIndex: i })}
                    aria-label={t('查看大图 {n}/{total}', { n: i + 1, total: images.length })}
                  >
                    <img src={src} alt={i === 0 ? p.title : ''} />
                  </button>
                </Swiper.Item>
              ))}
            </Swiper>
            <span className="gallery-count" aria-hidden>
              {slide + 1}/{images.length}
            </span>
          </>
        ) : (
          <div className="gallery-item gallery-empty">{t('暂无图片')}</div>
        )}
      </section>

      <section className="card product-head">
        <div className="row-between">
          <div data-testid="product-price">
            {sku ? (
              <Price fen={sku.price} original={sku.originalPrice} size={26} />
            ) : (
              <Price fen={p.minPrice} size={26} />
            )}
            {!sku && p.maxPrice > p.minPrice && <span className="muted"> {t('起')}</span>}
            <SpeakPrice fen={sku ? sku.price : p.minPrice} label={t('价格')} />
          </div>
          <span className="row">
            <span className="muted">{salesText(p.salesCount)}</span>
            <ShareEarn productId={p.id} />
          </span>
        </div>
        <p className="product-title">{p.title}</p>
        {p.subtitle && <p className="product-subtitle">{p.subtitle}</p>}
        {p.rating.count > 0 && p.rating.average !== null && (
          <p className="row product-rating">
            <Stars value={p.rating.average} />
            <span className="muted">
              {t('{avg} 分 · {n} 条评价', { avg: p.rating.average.toFixed(1), n: p.rating.count })}
            </span>
          </p>
        )}
      </section>

      <CharityBadge productId={p.id} />
      <PresaleBanner productId={p.id} />
      <CampaignSection productId={p.id} />

      <section className="card product-rows">
        <ProductCoupons productId={p.id} />
        <button
          type="button"
          className="product-row"
          onClick={() => setPicker({ open: true, mode: 'choose' })}
          data-testid="open-sku-picker"
        >
          <span className="product-row-label">{t('已选')}</span>
          <span className="grow ellipsis">
            {sku ? `${sku.specText} ×${qty}` : soldOut ? t('全部规格已售罄') : t('请选择规格')}
          </span>
          <RightOutline aria-hidden />
        </button>
        <div className="product-row">
          <span className="product-row-label">{t('服务')}</span>
          <span className="grow">{p.returnPolicy.text}</span>
        </div>
        {p.attributes.length > 0 && (
          <div className="product-row">
            <span className="product-row-label">{t('参数')}</span>
            <span className="grow ellipsis">{p.attributes.map((a) => `${a.name} ${a.value}`).join(' · ')}</span>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="reviews-title" data-testid="review-summary">
        <div className="row-between">
          <h2 id="reviews-title" style={{ margin: 0 }}>
            {t('商品评价')}
            {summary.data ? `（${summary.data.count}）` : ''}
          </h2>
          {summary.data && summary.data.count > 0 && (
            <Link to={`/product/${p.id}/reviews`} className="link-more" data-testid="reviews-all">
              {summary.data.goodRate !== null
                ? t('好评率 {rate}%', { rate: Math.round(summary.data.goodRate * 100) })
                : ''}{' '}
              {t('查看全部')} ›
            </Link>
          )}
        </div>
        {summary.data && summary.data.count > 0 && (
          <p className="muted review-averages">
            {t('质量')} {summary.data.averages.quality?.toFixed(1) ?? '-'} · {t('物流')}{' '}
            {summary.data.averages.logistics?.toFixed(1) ?? '-'} · {t('服务')}{' '}
            {summary.data.averages.service?.toFixed(1) ?? '-'}
            {summary.data.counts.withImages > 0 ? ` · ${t('有图 {n}', { n: summary.data.counts.withImages })}` : ''}
            {summary.data.counts.followUps > 0 ? ` · ${t('追评 {n}', { n: summary.data.counts.followUps })}` : ''}
          </p>
        )}
        {reviews.isError ? (
          <QueryError error={reviews.error} onRetry={() => void reviews.refetch()} />
        ) : summary.data?.count === 0 ? (
          <p className="muted">{t('还没有评价。评价只能由确认收货的买家发表。')}</p>
        ) : (
          firstReviews.map((r) => <ReviewItem key={r.id} review={r} />)
        )}
      </section>

      <section className="card merchant-card" aria-label={t('店铺')} data-testid="merchant-card">
        <div className="row">
          {p.merchant.logoUrl ? (
            <img className="merchant-logo" src={p.merchant.logoUrl} alt="" />
          ) : (
            <span className="merchant-logo" aria-hidden />
          )}
          <div className="grow">
            <p className="merchant-name">{p.merchant.name}</p>
            <p className="muted">
              {t('在售 {n} 件商品', { n: p.merchant.productCount })}
              {p.merchant.rating.average !== null
                ? ` · ${t('店铺评分 {avg}', { avg: p.merchant.rating.average.toFixed(1) })}`
                : ''}
            </p>
          </div>
          <Link to={`/merchant/${p.merchant.id}`} className="merchant-enter">
            {t('进店逛逛')}
          </Link>
        </div>
        {p.merchant.description && <p className="merchant-desc clamp-2">{p.merchant.description}</p>}
      </section>

      <ProductRecommendations productId={p.id} />

      <section className="card" aria-labelledby="detail-title">
        <h2 id="detail-title">{t('商品详情')}</h2>
        {p.attributes.length > 0 && (
          <table className="attr-table">
            <tbody>
              {p.attributes.map((a, i) => (
                <tr key={`${a.name}-${i}`}>
                  <th scope="row">{a.name}</th>
                  <td>{a.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {p.description ? (
          <div className="product-description">{p.description}</div>
        ) : (
          <p className="muted">{t('商家暂未填写详情')}</p>
        )}
        {images.length > 1 && (
          <div className="detail-images">
            {images.slice(1).map((src, i) => (
              <img key={`${src}-${i}`} src={src} alt="" loading="lazy" />
            ))}
          </div>
        )}
      </section>

      <div className="action-bar product-actions">
        {/* 关怀模式 keeps the bar to 客服, 购物车 and the two buy buttons; the shop is one tap away in the page. */}
        {!care && (
          <Link to={`/merchant/${p.merchant.id}`} className="action-icon">
            <StoreIcon />
            <span>{t('店铺')}</span>
          </Link>
        )}
        <ContactService icon subject={{ source: 'product', productId: p.id }} />
        <Link to="/cart" className="action-icon">
          <span className="action-icon-wrap">
            <ShopbagOutline aria-hidden />
            {cartCount > 0 && (
              <span className="tab-badge" aria-hidden>
                {cartCount > 99 ? '99+' : cartCount}
              </span>
            )}
          </span>
          <span>{t('购物车')}</span>
        </Link>
        {soldOut ? (
          <Button className="grow" shape="rounded" disabled>
            {t('已售罄')}
          </Button>
        ) : (
          <div className="buy-buttons grow">
            <Button onClick={() => act('cart')} loading={add.isPending} data-testid="add-to-cart">
              {t('加入购物车')}
            </Button>
            <Button color="primary" onClick={() => act('buy')} data-testid="buy-now">
              {t('立即购买')}
            </Button>
          </div>
        )}
      </div>

      <SkuPicker
        product={p}
        open={picker.open}
        mode={picker.mode}
        selection={selection}
        qty={qty}
        onSelection={(s) => {
          setSelection(s);
          const next = skuOf(p, s);
          if (next && qty > next.stock) setQty(Math.max(1, next.stock));
        }}
        onQty={setQty}
        onClose={() => setPicker((x) => ({ ...x, open: false }))}
        onConfirm={(chosen) => confirm(picker.mode, chosen.id)}
        busy={add.isPending}
      />
    </div>
  );
}
