import { Button, Dialog, PullToRefresh, Toast } from 'antd-mobile';
import { ShopbagOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type CartLine, useCart, useCartMutations } from '../api/cart.ts';
import { useMe } from '../api/session.ts';
import { Price } from '../components/Price.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { RecommendedSection } from '../components/Recommendations.tsx';
import { QtyStepper } from '../components/QtyStepper.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import './CartPage.css';

/** A line that checkout would refuse: it can be seen and removed, not bought. */
const blocked = (l: CartLine) => l.unavailable || l.outOfStock;

export default function CartPage() {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe();
  const cart = useCart();
  const { update, remove, select } = useCartMutations();
  const [managing, setManaging] = useState(false);

  const header = (
    <header className="cart-header">
      <h1>{t('购物车')}</h1>
      {cart.data && cart.data.lineCount > 0 && (
        <button type="button" className="text-button" onClick={() => setManaging((m) => !m)} data-testid="cart-manage">
          {managing ? t('完成') : t('管理')}
        </button>
      )}
    </header>
  );

  if (me.isPending || (me.data && cart.isPending)) {
    return (
      <div className="page with-tabbar">
        {header}
        <ListSkeleton rows={3} />
      </div>
    );
  }
  if (!me.data) {
    return (
      <div className="page with-tabbar">
        {header}
        <EmptyState title={t('登录后查看购物车')} description={t('加入购物车的商品会保存在你的账号里')}>
          <Button color="primary" onClick={() => void navigate('/login?redirect=/cart')}>
            {t('去登录')}
          </Button>
        </EmptyState>
      </div>
    );
  }
  if (cart.isError) {
    return (
      <div className="page with-tabbar">
        {header}
        <QueryError error={cart.error} onRetry={() => void cart.refetch()} />
      </div>
    );
  }
  const data = cart.data;
  if (!data) return null;

  const lines = data.groups.flatMap((g) => g.lines);
  const buyable = lines.filter((l) => !blocked(l));
  const selectedBuyable = buyable.filter((l) => l.selected);
  const selectedAll = lines.filter((l) => l.selected);
  const allChecked = managing
    ? lines.length > 0 && selectedAll.length === lines.length
    : buyable.length > 0 && selectedBuyable.length === buyable.length;
  const attention = buyable.filter((l) => l.selected && (l.priceChanged || l.insufficientStock));

  const toggleAll = () => {
    const ids = (managing ? lines : buyable).map((l) => l.id);
    select.mutate({ selected: !allChecked, lineIds: ids });
  };
  const removeSelected = async () => {
    if (selectedAll.length === 0) return;
    const yes = await Dialog.confirm({
      content: t('确定删除选中的 {n} 种商品吗？', { n: selectedAll.length }),
      confirmText: t('删除'),
      cancelText: t('取消'),
    });
    if (!yes) return;
    for (const l of selectedAll) await remove.mutateAsync(l.id);
    Toast.show({ icon: 'success', content: t('已删除') });
    setManaging(false);
  };
  const goCheckout = () => {
    if (selectedBuyable.length === 0) {
      Toast.show({ content: t('请先勾选要结算的商品') });
      return;
    }
    const insufficient = selectedBuyable.find((l) => l.insufficientStock);
    if (insufficient) {
      Toast.show({
        content: t('「{title}」库存仅剩 {n} 件，请先调整数量', { title: insufficient.title, n: insufficient.stock }),
      });
      return;
    }
    void navigate('/checkout?from=cart');
  };

  return (
    <div
      className="page with-tabbar cart-page"
      style={{ paddingBottom: 'calc(var(--tabbar-h) + 70px + var(--safe-bottom))' }}
    >
      {header}
      <PullToRefresh onRefresh={async () => void (await cart.refetch())}>
        {lines.length === 0 ? (
          <>
            <EmptyState title={t('购物车还是空的')} description={t('去逛逛，把喜欢的好物加进来')}>
              <Button color="primary" fill="outline" onClick={() => void navigate('/')}>
                <ShopbagOutline aria-hidden /> {t('去逛逛')}
              </Button>
            </EmptyState>
            <RecommendedSection title={t('猜你喜欢')} slot="cart.recommend" limit={6} />
          </>
        ) : (
          <div data-testid="cart-groups">
            {attention.length > 0 && (
              <p className="cart-notice" role="status">
                {t('有 {n} 件商品价格或库存发生变化，请确认后再结算', { n: attention.length })}
              </p>
            )}
            {data.groups.map((g) => {
              const groupLines = managing ? g.lines : g.lines.filter((l) => !blocked(l));
              const groupChecked = groupLines.length > 0 && groupLines.every((l) => l.selected);
              return (
                <section
                  className="card cart-group"
                  key={g.merchantId}
                  aria-label={g.merchantName}
                  data-testid="cart-group"
                >
                  <div className="cart-group-head">
                    <label className="check-label">
                      <input
                        type="checkbox"
                        className="round-check"
                        checked={groupChecked}
                        disabled={groupLines.length === 0}
                        onChange={() =>
                          select.mutate({ selected: !groupChecked, lineIds: groupLines.map((l) => l.id) })
                        }
                        aria-label={t('选择店铺「{name}」的全部商品', { name: g.merchantName })}
                      />
                    </label>
                    <Link to={`/merchant/${g.merchantId}`} className="cart-merchant">
                      {g.merchantName} ›
                    </Link>
                  </div>
                  <ul className="cart-lines">
                    {g.lines.map((l) => (
                      <CartLineRow
                        key={l.id}
                        line={l}
                        managing={managing}
                        onToggle={() => update.mutate({ id: l.id, selected: !l.selected })}
                        onQty={(qty) => update.mutate({ id: l.id, qty })}
                        onRemove={() => remove.mutate(l.id)}
                      />
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        )}
      </PullToRefresh>

      {lines.length > 0 && (
        <div className="cart-bar" style={{ bottom: 'calc(var(--tabbar-h) + var(--safe-bottom))' }}>
          <label className="check-label">
            <input
              type="checkbox"
              className="round-check"
              checked={allChecked}
              onChange={toggleAll}
              data-testid="cart-select-all"
            />
            <span>{t('全选')}</span>
          </label>
          <span className="grow" />
          {managing ? (
            <Button
              color="danger"
              fill="outline"
              shape="rounded"
              disabled={selectedAll.length === 0 || remove.isPending}
              onClick={() => void removeSelected()}
              data-testid="cart-delete"
            >
              {t('删除')}
            </Button>
          ) : (
            <>
              <div className="cart-total" aria-live="polite">
                <span>{t('合计')}：</span>
                <Price fen={data.selectedItemsAmount} size={18} />
                <div className="muted">{t('不含运费，结算时计算')}</div>
              </div>
              <Button color="primary" shape="rounded" onClick={goCheckout} data-testid="cart-checkout">
                {t('结算')}
                {data.selectedQty > 0 ? `(${data.selectedQty})` : ''}
              </Button>
            </>
          )}
        </div>
      )}
    </div>
  );
}

function CartLineRow({
  line: l,
  managing,
  onToggle,
  onQty,
  onRemove,
}: {
  line: CartLine;
  managing: boolean;
  onToggle: () => void;
  onQty: (qty: number) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const isBlocked = blocked(l);
  const diff = l.unitPrice - l.priceWhenAdded;
  return (
    <li className={`cart-line ${isBlocked ? 'is-blocked' : ''}`} data-testid="cart-line">
      <input
        type="checkbox"
        className="round-check"
        checked={l.selected && (managing || !isBlocked)}
        disabled={!managing && isBlocked}
        onChange={onToggle}
        aria-label={t('选择「{title}」', { title: l.title })}
      />
      <Link to={`/product/${l.productId}`} className="cart-thumb">
        {l.imageUrl ? (
          <img src={l.imageUrl} alt={l.title} loading="lazy" />
        ) : (
          <span className="muted">{t('暂无图片')}</span>
        )}
        {isBlocked && <span className="cart-thumb-mask">{l.unavailable ? t('已失效') : t('已售罄')}</span>}
      </Link>
      <div className="grow cart-line-body">
        <Link to={`/product/${l.productId}`} className="cart-line-title clamp-2">
          {l.title}
        </Link>
        <span className="cart-spec">{l.specText}</span>
        <div className="cart-flags">
          {l.priceChanged && diff !== 0 && (
            <span className="tag warn">
              {diff < 0 ? t('比加入时降价 ¥{d}', { d: yuan(-diff) }) : t('比加入时涨价 ¥{d}', { d: yuan(diff) })}
            </span>
          )}
          {l.unavailable && <span className="tag gray">{t('商品已下架或暂不可购买')}</span>}
          {!l.unavailable && l.outOfStock && <span className="tag gray">{t('已售罄')}</span>}
          {!l.unavailable && !l.outOfStock && l.insufficientStock && (
            <span className="tag warn">{t('库存仅剩 {n} 件', { n: l.stock })}</span>
          )}
        </div>
        <div className="row-between">
          <Price fen={l.unitPrice} size={16} />
          {isBlocked ? (
            <button type="button" className="text-button" onClick={onRemove}>
              {t('删除')}
            </button>
          ) : (
            <QtyStepper
              value={l.qty}
              max={Math.min(999, Math.max(l.stock, 1))}
              onChange={onQty}
              label={t('「{title}」的数量', { title: l.title })}
              testId="cart-qty"
            />
          )}
        </div>
      </div>
    </li>
  );
}
