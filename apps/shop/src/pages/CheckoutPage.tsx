import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Radio, Space, Toast } from 'antd-mobile';
import { EnvironmentOutline, RightOutline } from 'antd-mobile-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { formatAddress, useAddresses } from '../api/addresses.ts';
import { cartKey } from '../api/cart.ts';
import { api, isProblemType, must, newIdempotencyKey, problemTitle } from '../api/client.ts';
import { orderKeys, type PlaceOrderInput, type Quote, type QuoteInput } from '../api/orders.ts';
import { AddressPicker } from '../components/AddressPicker.tsx';
import { CouponPicker } from '../components/CouponPicker.tsx';
import { PointsToggle } from '../components/PointsToggle.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import { maskPhone } from '../lib/format.ts';
import { yuan } from '../lib/money.ts';
import { trackCheckout } from '../lib/track.ts';
import './CheckoutPage.css';
import { FieldTextArea } from '../components/Field.tsx';
import { useCareMode } from '../api/careMode.ts';
import { useCarePay } from '../components/CarePay.tsx';
import { useFamilyBindings } from '../api/family.ts';
import { SpeakPrice } from '../components/SpeakPrice.tsx';

/** What is being bought: the cart's selected lines, or one SKU bought now from the product page. */
function useItemsSource(): Pick<QuoteInput, 'items' | 'fromCart'> | null {
  const [params] = useSearchParams();
  return useMemo(() => {
    if (params.get('from') === 'cart') return { fromCart: true as const };
    const skuId = params.get('skuId');
    const qty = Math.trunc(Number(params.get('qty') ?? '1'));
    if (skuId && qty >= 1) return { items: [{ skuId, qty }] };
    return null;
  }, [params]);
}

export default function CheckoutPage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const source = useItemsSource();
  const addresses = useAddresses();
  const [addressId, setAddressId] = useState<string | undefined>();
  const [pickerOpen, setPickerOpen] = useState(false);
  const [note, setNote] = useState('');
  // undefined: the server suggests the best coupons; a list: the shopper's own picks ([] = none).
  const [couponIds, setCouponIds] = useState<string[] | undefined>();
  const [usePoints, setUsePoints] = useState(false);
  // One key per checkout attempt: a retried tap with the same body replays, never places a second order.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  // 关怀模式: the default address, the server's best coupons, one preselected payment method, one 立即支付 tap.
  const care = useCareMode().enabled;
  const carePay = useCarePay();
  // 关怀模式: a parent whose child pays for them (亲情付) may leave the payment to the child on the cashier.
  const familyPayers = (useFamilyBindings(care).data ?? []).filter((b) => b.role === 'parent' && b.status === 'active');
  const [payByFamily, setPayByFamily] = useState(false);

  useEffect(() => {
    if (addressId || !addresses.data?.length) return;
    setAddressId((addresses.data.find((a) => a.isDefault) ?? addresses.data[0])?.id);
  }, [addresses.data, addressId]);

  const address = addresses.data?.find((a) => a.id === addressId);
  const quote = useQuery({
    queryKey: ['checkout-quote', source, addressId ?? null, couponIds ?? 'best', usePoints],
    queryFn: () =>
      must(
        api.POST('/api/v1/checkout/quote', {
          body: {
            ...source,
            ...(addressId ? { addressId } : {}),
            ...(couponIds ? { couponIds } : {}),
            ...(usePoints ? { usePoints } : {}),
          },
        }),
      ),
    enabled: !!source && !addresses.isPending,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

  const place = useMutation({
    meta: { quiet: true },
    mutationFn: ({ body, key }: { body: PlaceOrderInput; key: string }) =>
      must(api.POST('/api/v1/orders', { body, params: { header: { 'idempotency-key': key } } })),
    onSuccess: async (placed) => {
      attempt.current = null;
      await qc.invalidateQueries({ queryKey: cartKey });
      await qc.invalidateQueries({ queryKey: orderKeys.all });
      if (care && carePay.method && !payByFamily) carePay.pay(placed.checkoutId);
      else await navigate(`/pay/${placed.checkoutId}`, { replace: true });
    },
    onError: async (err) => {
      Toast.show({ icon: 'fail', content: problemTitle(err), duration: 2500 });
      // The price or stock moved: show the shopper the new quote before they try again.
      if (
        isProblemType(err, 'price-changed') ||
        isProblemType(err, 'out-of-stock') ||
        isProblemType(err, 'sku-unavailable') ||
        isProblemType(err, 'coupon-unavailable')
      ) {
        attempt.current = null;
        if (isProblemType(err, 'coupon-unavailable')) setCouponIds(undefined);
        await quote.refetch();
      }
    },
  });

  const submit = (q: Quote) => {
    if (!source) return;
    if (!address) {
      Toast.show({ content: t('请选择收货地址') });
      setPickerOpen(true);
      return;
    }
    const body: PlaceOrderInput = {
      ...source,
      addressId: address.id,
      expectedAmount: q.amount,
      // Exactly the coupons the shown amount was priced with.
      ...(q.coupons ? { couponIds: q.coupons.appliedIds } : {}),
      ...(q.loyalty && q.loyalty.points.used > 0 ? { usePoints: true } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const serialized = JSON.stringify(body);
    if (attempt.current?.body !== serialized) {
      attempt.current = { body: serialized, key: newIdempotencyKey() };
      trackCheckout(q);
    }
    place.mutate({ body, key: attempt.current.key });
  };

  if (!source) {
    return (
      <div className="page">
        <PageHeader title={t('确认订单')} />
        <EmptyState title={t('没有要结算的商品')}>
          <Button color="primary" onClick={() => void navigate('/cart')}>
            {t('去购物车')}
          </Button>
        </EmptyState>
      </div>
    );
  }

  const q = quote.data;
  return (
    <div className="page with-action-bar checkout-page">
      <PageHeader title={t('确认订单')} />

      <button
        type="button"
        className="card checkout-address"
        onClick={() => setPickerOpen(true)}
        data-testid="checkout-address"
      >
        <EnvironmentOutline className="checkout-address-icon" aria-hidden />
        {addresses.isPending ? (
          <span className="grow muted">{t('加载中')}</span>
        ) : address ? (
          <span className="grow">
            <span className="checkout-address-who">
              {address.recipient} <span>{maskPhone(address.phone)}</span>
            </span>
            <span className="checkout-address-text">{formatAddress(address)}</span>
          </span>
        ) : (
          <span className="grow checkout-address-empty">{t('请添加收货地址')}</span>
        )}
        <RightOutline aria-hidden />
        <span className="sr-only">{t('选择收货地址')}</span>
      </button>

      {quote.isPending ? (
        <ListSkeleton rows={2} />
      ) : quote.isError && !q ? (
        <QueryError error={quote.error} onRetry={() => void quote.refetch()} />
      ) : q ? (
        <>
          {quote.isError && (
            <p className="checkout-warning" role="alert">
              {problemTitle(quote.error)}
            </p>
          )}
          {q.merchants.map((m) => (
            <section className="card" key={m.merchantId} aria-label={m.merchantName} data-testid="quote-merchant">
              <h2>{m.merchantName}</h2>
              <ul className="quote-lines">
                {m.lines.map((l) => (
                  <li key={l.skuId} className="quote-line">
                    <span className="quote-thumb">{l.imageUrl ? <img src={l.imageUrl} alt={l.title} /> : null}</span>
                    <span className="grow">
                      <span className="quote-title clamp-2">{l.title}</span>
                      <span className="quote-spec">{l.specText}</span>
                      <span className="quote-policy">
                        {l.returnPolicy.noReason7d
                          ? t('支持 7 天无理由退货')
                          : (l.returnPolicy.reason ?? t('不支持 7 天无理由退货'))}
                      </span>
                    </span>
                    <span className="quote-amounts">
                      <Price fen={l.unitPrice} size={14} />
                      <span className="muted">×{l.qty}</span>
                    </span>
                  </li>
                ))}
              </ul>
              <dl className="quote-sum">
                <div>
                  <dt>{t('商品金额')}</dt>
                  <dd>¥{yuan(m.itemsAmount)}</dd>
                </div>
                {m.discounts.map((d, i) => (
                  <div key={`${d.source}-${i}`}>
                    <dt>{d.label}</dt>
                    <dd className="minus">-¥{yuan(d.amount)}</dd>
                  </div>
                ))}
                <div>
                  <dt>{t('运费')}</dt>
                  <dd>{m.shippingFee === 0 ? t('免运费') : `¥${yuan(m.shippingFee)}`}</dd>
                </div>
                <div className="quote-subtotal">
                  <dt>{t('小计')}</dt>
                  <dd>
                    <Price fen={m.payAmount} size={16} />
                  </dd>
                </div>
              </dl>
            </section>
          ))}

          {care ? (
            <section className="card care-pay-method" aria-labelledby="care-pay-title">
              <h2 id="care-pay-title">{t('支付方式')}</h2>
              {familyPayers.length > 0 ? (
                <Radio.Group value={payByFamily ? 'family' : 'self'} onChange={(v) => setPayByFamily(v === 'family')}>
                  <Space direction="vertical" block>
                    <Radio value="self" data-testid="care-pay-method">
                      {t('自己付（{method}）', { method: carePay.label ?? t('收银台') })}
                    </Radio>
                    <Radio value="family">
                      {t('请{name}付（亲情付）', { name: familyPayers.map((b) => b.child.nickname).join(t('或')) })}
                    </Radio>
                  </Space>
                </Radio.Group>
              ) : (
                <p data-testid="care-pay-method">{carePay.loading ? t('加载中') : (carePay.label ?? t('收银台'))}</p>
              )}
            </section>
          ) : (
            <>
              {q.coupons && (
                <CouponPicker
                  coupons={q.coupons}
                  merchantNames={new Map(q.merchants.map((m) => [m.merchantId, m.merchantName]))}
                  onChange={setCouponIds}
                />
              )}
              {q.loyalty && <PointsToggle loyalty={q.loyalty} checked={usePoints} onChange={setUsePoints} />}

              <section className="card">
                <label htmlFor="checkout-note" className="section-title" style={{ display: 'block' }}>
                  {t('订单备注')}
                </label>
                <FieldTextArea
                  id="checkout-note"
                  value={note}
                  onChange={setNote}
                  maxLength={200}
                  rows={2}
                  placeholder={t('选填：给商家的留言')}
                />
              </section>
            </>
          )}

          <section className="card" aria-label={t('金额明细')}>
            <dl className="quote-sum">
              <div>
                <dt>{t('商品总额')}</dt>
                <dd>¥{yuan(q.itemsAmount)}</dd>
              </div>
              <div>
                <dt>{t('优惠')}</dt>
                <dd className={q.discountAmount > 0 ? 'minus' : ''}>
                  {q.discountAmount > 0 ? `-¥${yuan(q.discountAmount)}` : '¥0.00'}
                </dd>
              </div>
              <div>
                <dt>{t('运费')}</dt>
                <dd>{q.shippingFee === 0 ? t('免运费') : `¥${yuan(q.shippingFee)}`}</dd>
              </div>
              <div className="quote-subtotal">
                <dt>{t('应付总额')}</dt>
                <dd>
                  <Price fen={q.amount} size={18} />
                </dd>
              </div>
            </dl>
            {!address && <p className="muted">{t('运费按收货地址计算，选择地址后以最终金额为准')}</p>}
            <SpeakPrice fen={q.amount} label={t('应付')} />
          </section>

          {care ? (
            <div className="action-bar">
              <Button
                block
                color="primary"
                shape="rounded"
                size="large"
                loading={place.isPending || carePay.isPending}
                disabled={quote.isFetching || place.isPending || carePay.isPending}
                onClick={() => submit(q)}
                data-testid="checkout-submit"
              >
                {payByFamily ? t('提交并请家人付') : carePay.method ? t('立即支付') : t('提交订单')} ¥{yuan(q.amount)}
              </Button>
            </div>
          ) : (
            <div className="action-bar">
              <div className="grow checkout-total" aria-live="polite">
                {t('实付')}：<Price fen={q.amount} size={20} />
              </div>
              <Button
                color="primary"
                shape="rounded"
                size="large"
                loading={place.isPending}
                disabled={quote.isFetching || place.isPending}
                onClick={() => submit(q)}
                data-testid="checkout-submit"
              >
                {t('提交订单')}
              </Button>
            </div>
          )}
        </>
      ) : null}

      <AddressPicker
        visible={pickerOpen}
        onClose={() => setPickerOpen(false)}
        selectedId={addressId}
        onPick={(a) => {
          setAddressId(a.id);
          setPickerOpen(false);
        }}
        addTestId="checkout-add-address"
      />
    </div>
  );
}
