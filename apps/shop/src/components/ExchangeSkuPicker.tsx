import { useProduct } from '../api/catalog.ts';
import { useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import { QueryError } from './QueryError.tsx';

/**
 * 换货 target: the product's SKUs as they sell now. Only SKUs at the bought SKU's current price can be chosen (the
 * server refuses others), sold-out ones are shown but disabled, and the bought SKU itself is allowed (a good unit
 * for a defective one).
 */
export function ExchangeSkuPicker(props: {
  productId: string;
  skuId: string;
  qty: number;
  value: string | null;
  onChange: (skuId: string) => void;
}) {
  const t = useT();
  const product = useProduct(props.productId);
  if (product.isPending) return <p className="muted">{t('正在读取可换的规格…')}</p>;
  if (product.isError) return <QueryError error={product.error} onRetry={() => void product.refetch()} />;
  const bought = product.data.skus.find((s) => s.id === props.skuId);
  if (!bought) return <p className="muted">{t('原规格已停售，无法换货，请申请退货退款')}</p>;
  return (
    <div className="as-options" role="radiogroup" aria-label={t('换成的规格')}>
      {product.data.skus.map((s) => {
        const samePrice = s.price === bought.price;
        const soldOut = s.stock < props.qty;
        const disabled = !samePrice || soldOut;
        const note = !samePrice
          ? t('价格不同，不能换')
          : soldOut
            ? t('已售罄')
            : s.id === props.skuId
              ? t('原规格，换一件新的')
              : t('同价可换');
        return (
          <label key={s.id} className={`as-option ${props.value === s.id ? 'on' : ''} ${disabled ? 'disabled' : ''}`}>
            <input
              type="radio"
              name="replacement"
              value={s.id}
              checked={props.value === s.id}
              disabled={disabled}
              onChange={() => props.onChange(s.id)}
              data-testid={`exchange-sku-${s.id}`}
            />
            <span>
              <strong>{s.specText}</strong>
              <span className="muted">
                ¥{yuan(s.price)} · {note}
              </span>
            </span>
          </label>
        );
      })}
    </div>
  );
}
