import { Button, Popup } from 'antd-mobile';
import { CloseOutline } from 'antd-mobile-icons';
import type { Product, Sku } from '../api/catalog.ts';
import { useT } from '../i18n/index.tsx';
import { Price } from './Price.tsx';
import { QtyStepper } from './QtyStepper.tsx';

export type SpecSelection = Record<string, string>;

/** The SKU whose spec values are exactly the selection, when every dimension is chosen. */
export function skuOf(product: Product, sel: SpecSelection): Sku | undefined {
  if (product.specs.length === 0) return product.skus[0];
  if (!product.specs.every((d) => sel[d.name])) return undefined;
  return product.skus.find((s) => product.specs.every((d) => s.specValues[d.name] === sel[d.name]));
}

/** SKUs consistent with a (possibly partial) selection. */
const matching = (product: Product, sel: SpecSelection) =>
  product.skus.filter((s) => Object.entries(sel).every(([k, v]) => s.specValues[k] === v));

/** Units left for choosing `value` in `dim` on top of the rest of the selection (0: sold out or no such combination). */
function stockIf(product: Product, sel: SpecSelection, dim: string, value: string): number {
  return matching(product, { ...sel, [dim]: value }).reduce((n, s) => n + s.stock, 0);
}

export function SkuPicker({
  product,
  open,
  mode,
  selection,
  qty,
  onSelection,
  onQty,
  onClose,
  onConfirm,
  busy,
}: {
  product: Product;
  open: boolean;
  /** What the confirm button does: choose only, add to cart, or buy now. */
  mode: 'choose' | 'cart' | 'buy';
  selection: SpecSelection;
  qty: number;
  onSelection: (s: SpecSelection) => void;
  onQty: (n: number) => void;
  onClose: () => void;
  onConfirm: (sku: Sku) => void;
  busy: boolean;
}) {
  const t = useT();
  const sku = skuOf(product, selection);
  const available = matching(product, selection);
  const stockShown = sku ? sku.stock : available.reduce((n, s) => n + s.stock, 0);
  const prices = available.map((s) => s.price);
  const missing = product.specs.filter((d) => !selection[d.name]).map((d) => d.name);
  const image = product.images[0];

  const toggle = (dim: string, value: string) => {
    const next = { ...selection };
    if (next[dim] === value) delete next[dim];
    else next[dim] = value;
    onSelection(next);
  };

  const confirmText = mode === 'buy' ? t('立即购买') : mode === 'cart' ? t('加入购物车') : t('确定');
  return (
    <Popup
      visible={open}
      onMaskClick={onClose}
      onClose={onClose}
      bodyStyle={{ borderRadius: '12px 12px 0 0', maxHeight: '85vh', display: 'flex', flexDirection: 'column' }}
    >
      <div className="sku-picker" role="dialog" aria-label={t('选择规格')} data-testid="sku-picker">
        <div className="sku-head">
          {image ? <img src={image} alt={product.title} /> : <span className="sku-head-img" />}
          <div className="grow">
            {sku ? (
              <Price fen={sku.price} original={sku.originalPrice} size={22} />
            ) : prices.length > 0 ? (
              <Price fen={Math.min(...prices)} size={22} />
            ) : (
              <Price fen={product.minPrice} size={22} />
            )}
            <p className="sku-stock" data-testid="sku-stock">
              {sku
                ? sku.stock > 0
                  ? t('库存 {n} 件', { n: sku.stock })
                  : t('该规格已售罄')
                : t('库存 {n} 件', { n: stockShown })}
            </p>
            <p className="sku-chosen">
              {sku ? t('已选：{spec}', { spec: sku.specText }) : t('请选择：{dims}', { dims: missing.join(' / ') })}
            </p>
          </div>
          <button type="button" className="icon-button" aria-label={t('关闭')} onClick={onClose}>
            <CloseOutline aria-hidden />
          </button>
        </div>
        <div className="sku-body">
          {product.specs.map((d) => (
            <fieldset key={d.name} className="sku-dim">
              <legend>{d.name}</legend>
              <div className="sku-options">
                {d.values.map((v) => {
                  const left = stockIf(product, selection, d.name, v);
                  const chosen = selection[d.name] === v;
                  // Would this value complete a combination? Then its own stock is the combination's stock.
                  const completes = product.specs.every((x) => x.name === d.name || selection[x.name]);
                  return (
                    <button
                      key={v}
                      type="button"
                      className={`sku-option ${chosen ? 'on' : ''}`}
                      aria-pressed={chosen}
                      disabled={left === 0}
                      onClick={() => toggle(d.name, v)}
                      data-testid="sku-option"
                      data-value={v}
                    >
                      {v}
                      {left === 0 ? (
                        <span className="sku-option-note">{t('售罄')}</span>
                      ) : completes && left <= 20 ? (
                        <span className="sku-option-note">{t('剩 {n}', { n: left })}</span>
                      ) : null}
                    </button>
                  );
                })}
              </div>
            </fieldset>
          ))}
          <div className="row-between sku-qty">
            <span id="sku-qty-label">{t('购买数量')}</span>
            <QtyStepper
              value={qty}
              max={Math.max(1, Math.min(999, sku?.stock ?? stockShown))}
              disabled={!!sku && sku.stock === 0}
              onChange={onQty}
              label={t('购买数量')}
              testId="sku-qty"
            />
          </div>
        </div>
        <div className="sku-foot">
          <Button
            block
            color="primary"
            shape="rounded"
            size="large"
            loading={busy}
            disabled={!sku || sku.stock === 0 || qty > sku.stock}
            onClick={() => sku && onConfirm(sku)}
            data-testid="sku-confirm"
          >
            {sku && sku.stock === 0
              ? t('已售罄')
              : !sku
                ? t('请选择{dims}', { dims: missing.join(' / ') })
                : confirmText}
          </Button>
        </div>
      </div>
    </Popup>
  );
}
