import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useMerchantId } from '../../../app/merchantScope.ts';
import { yuan } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { useListedProducts, useMerchantProduct } from './api.ts';
import type { SkuFacts } from './form.ts';

/** One of the shop's listed products, searched by title on the server (only listed products can go on sale). */
export function ProductSelect({
  value,
  onChange,
  id,
}: {
  value?: string;
  onChange?: (productId: string) => void;
  id?: string;
}) {
  const t = useT();
  const merchantId = useMerchantId();
  const [typed, setTyped] = useState('');
  const [keyword, setKeyword] = useState('');
  // Titles of products chosen earlier, so the field keeps its label when a later search no longer lists them.
  const [known, setKnown] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    const timer = setTimeout(() => setKeyword(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const products = useListedProducts(merchantId, keyword);
  const options = useMemo(() => {
    const found = (products.data ?? []).map((p) => ({
      value: p.id,
      label: `${p.title}（${p.minPrice === p.maxPrice ? yuan(p.minPrice) : `${yuan(p.minPrice)}–${yuan(p.maxPrice)}`} · ${t('库存 {n}', { n: p.totalStock })}）`,
      disabled: p.totalStock === 0,
    }));
    const missing =
      value && !found.some((o) => o.value === value)
        ? [{ value, label: known.get(value) ?? value, disabled: false }]
        : [];
    return [...missing, ...found];
  }, [products.data, value, known, t]);

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value}
      placeholder={t('搜索在售商品')}
      loading={products.isFetching}
      options={options}
      notFoundContent={products.isPending ? t('加载中') : t('没有符合的在售商品')}
      onChange={(v: string) => {
        const label = options.find((o) => o.value === v)?.label;
        if (label) setKnown((m) => new Map(m).set(v, label));
        onChange?.(v);
      }}
      style={{ width: '100%' }}
      data-testid="flash-product-select"
    />
  );
}

/** A SKU of the chosen product with its price and free stock; tells the form those facts for its checks. */
export function SkuSelect({
  productId,
  value,
  onChange,
  onFacts,
  id,
}: {
  productId: string | undefined;
  value?: string;
  onChange?: (skuId: string) => void;
  onFacts: (facts: SkuFacts) => void;
  id?: string;
}) {
  const t = useT();
  const merchantId = useMerchantId();
  const product = useMerchantProduct(merchantId, productId);
  const skus = useMemo(() => (product.data?.skus ?? []).filter((s) => s.enabled), [product.data]);

  // A product with a single SKU needs no choosing.
  const only = skus.length === 1 ? skus[0] : undefined;
  useEffect(() => {
    if (only && value !== only.id && only.stock > 0) onChange?.(only.id);
  }, [only, value, onChange]);

  const chosen = skus.find((s) => s.id === value);
  useEffect(() => {
    if (chosen && product.data) {
      onFacts({
        skuId: chosen.id,
        productTitle: product.data.title,
        specText: chosen.specText,
        price: chosen.price,
        stock: chosen.stock,
      });
    }
  }, [chosen, product.data, onFacts]);

  return (
    <Select
      id={id}
      value={value}
      disabled={!productId}
      loading={product.isFetching}
      placeholder={productId ? t('选择规格') : t('先选商品')}
      options={skus.map((s) => ({
        value: s.id,
        label: `${s.specText || t('默认规格')} · ${yuan(s.price)} · ${t('库存 {n}', { n: s.stock })}`,
        disabled: s.stock === 0,
      }))}
      onChange={(v: string) => onChange?.(v)}
      style={{ width: '100%' }}
      data-testid="flash-sku-select"
    />
  );
}
