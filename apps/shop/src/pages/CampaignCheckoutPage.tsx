import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Radio, Toast } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { formatAddress, useAddresses } from '../api/addresses.ts';
import { api, isProblemType, must, newIdempotencyKey, problemTitle } from '../api/client.ts';
import { c2mKeys } from '../api/c2m.ts';
import { bargainKeys, groupBuyKeys, useGroup } from '../api/groupbuy.ts';
import { orderKeys } from '../api/orders.ts';
import { CouponPicker } from '../components/CouponPicker.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import { maskPhone } from '../lib/format.ts';
import { yuan } from '../lib/money.ts';
import './CheckoutPage.css';

type Mode = 'open' | 'join' | 'bargain' | 'presale';

/**
 * Confirming a campaign order (open a group, join one, buy a bargain): address, coupons, the server's quote, submit,
 * pay. Coupons apply to campaign prices; points and member prices do not (docs/GROUPBUY.md), which the page says.
 */
export default function CampaignCheckoutPage({ mode }: { mode: Mode }) {
  const { id = '' } = useParams();
  const group = useGroup(id, mode === 'join');
  if (mode === 'join') {
    if (group.isPending) return <ListSkeleton rows={3} />;
    if (group.isError) return <QueryError error={group.error} onRetry={() => void group.refetch()} />;
    return <Confirm mode={mode} targetId={id} campaignId={group.data.campaign.id} />;
  }
  return <Confirm mode={mode} targetId={id} campaignId={mode === 'open' || mode === 'presale' ? id : ''} />;
}

function Confirm({ mode, targetId, campaignId }: { mode: Mode; targetId: string; campaignId: string }) {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  // A pre-sale is bought by the unit count chosen on its page (1–99).
  const [search] = useSearchParams();
  const qty = Math.min(99, Math.max(1, Number(search.get('qty')) || 1));
  const addresses = useAddresses();
  const [addressId, setAddressId] = useState<string | undefined>();
  // undefined: the server suggests the best coupons; a list: the shopper's own picks ([] = none).
  const [couponIds, setCouponIds] = useState<string[] | undefined>();
  const attempt = useRef<{ body: string; key: string } | null>(null);
  useEffect(() => {
    if (addressId || !addresses.data?.length) return;
    setAddressId((addresses.data.find((a) => a.isDefault) ?? addresses.data[0])?.id);
  }, [addresses.data, addressId]);

  const quote = useQuery({
    queryKey: ['campaign-quote', mode, targetId, addressId ?? null, couponIds ?? 'best', qty],
    queryFn: () => {
      const body = { ...(addressId ? { addressId } : {}), ...(couponIds ? { couponIds } : {}) };
      if (mode === 'presale')
        return must(
          api.POST('/api/v1/c2m/presales/{id}/quote', { params: { path: { id: targetId } }, body: { ...body, qty } }),
        );
      return mode === 'bargain'
        ? must(api.POST('/api/v1/bargains/{id}/quote', { params: { path: { id: targetId } }, body }))
        : must(api.POST('/api/v1/group-buy/campaigns/{id}/quote', { params: { path: { id: campaignId } }, body }));
    },
    enabled: !addresses.isPending,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

  const place = useMutation({
    meta: { quiet: true },
    mutationFn: async ({
      body,
      key,
    }: {
      body: { addressId: string; expectedAmount: number; couponIds?: string[] };
      key: string;
    }) => {
      const header = { 'idempotency-key': key };
      if (mode === 'presale')
        return must(
          api.POST('/api/v1/c2m/presales/{id}/pledges', {
            params: { path: { id: targetId }, header },
            body: { ...body, qty },
          }),
        );
      if (mode === 'bargain')
        return must(api.POST('/api/v1/bargains/{id}/order', { params: { path: { id: targetId }, header }, body }));
      if (mode === 'join')
        return must(
          api.POST('/api/v1/group-buy/groups/{id}/join', { params: { path: { id: targetId }, header }, body }),
        );
      return must(
        api.POST('/api/v1/group-buy/campaigns/{id}/groups', { params: { path: { id: targetId }, header }, body }),
      );
    },
    onSuccess: async (placed) => {
      attempt.current = null;
      await qc.invalidateQueries({ queryKey: orderKeys.all });
      await qc.invalidateQueries({
        queryKey: mode === 'bargain' ? bargainKeys.mine : mode === 'presale' ? c2mKeys.mine : groupBuyKeys.mine,
      });
      await navigate(`/pay/${placed.checkoutId}`, { replace: true });
    },
    onError: async (err) => {
      Toast.show({ icon: 'fail', content: problemTitle(err), duration: 3000 });
      if (isProblemType(err, 'price-changed') || isProblemType(err, 'coupon-unavailable')) {
        attempt.current = null;
        if (isProblemType(err, 'coupon-unavailable')) setCouponIds(undefined);
        await quote.refetch();
      }
    },
  });

  const title =
    mode === 'open' ? t('发起拼团') : mode === 'join' ? t('参团') : mode === 'presale' ? t('参与预售') : t('砍价购买');
  if (!addresses.isPending && (addresses.data?.length ?? 0) === 0) {
    return (
      <div className="page">
        <PageHeader title={title} />
        <EmptyState title={t('请添加收货地址')}>
          <Link to="/me/addresses/new">{t('新增收货地址')}</Link>
        </EmptyState>
      </div>
    );
  }
  const q = quote.data;
  const line = q?.merchants[0]?.lines[0];
  const submit = () => {
    if (!q || !addressId) return;
    // Exactly the coupons the shown amount was priced with.
    const body = { addressId, expectedAmount: q.amount, ...(q.coupons ? { couponIds: q.coupons.appliedIds } : {}) };
    const serialized = JSON.stringify(body);
    if (attempt.current?.body !== serialized) attempt.current = { body: serialized, key: newIdempotencyKey() };
    place.mutate({ body, key: attempt.current.key });
  };
  return (
    <div className="page with-action-bar">
      <PageHeader title={title} />
      <section className="card" aria-label={t('收货地址')}>
        <h2>{t('收货地址')}</h2>
        <Radio.Group value={addressId ?? null} onChange={(v) => setAddressId(String(v))}>
          {(addresses.data ?? []).map((a) => (
            <div key={a.id} style={{ padding: '6px 0' }}>
              <Radio value={a.id}>
                {a.recipient} {maskPhone(a.phone)}
                <span className="muted" style={{ display: 'block', fontSize: 12 }}>
                  {formatAddress(a)}
                </span>
              </Radio>
            </div>
          ))}
        </Radio.Group>
      </section>
      {quote.isPending ? (
        <ListSkeleton rows={2} />
      ) : quote.isError && !q ? (
        <QueryError error={quote.error} onRetry={() => void quote.refetch()} />
      ) : q && line ? (
        <>
          <section className="card" data-testid="campaign-quote">
            <div className="row" style={{ gap: 12 }}>
              {line.imageUrl && (
                <img
                  src={line.imageUrl}
                  alt={line.title}
                  width={72}
                  height={72}
                  style={{ borderRadius: 8, objectFit: 'cover' }}
                />
              )}
              <div className="grow">
                <p className="clamp-2" style={{ margin: 0 }}>
                  {line.title}
                </p>
                <p className="muted" style={{ margin: '4px 0' }}>
                  {line.specText}
                </p>
                <Price fen={line.unitPrice} size={16} /> <span className="muted">×{line.qty}</span>
              </div>
            </div>
            <dl className="quote-sum">
              <div>
                <dt>{mode === 'bargain' ? t('砍后价') : mode === 'presale' ? t('预售价') : t('拼团价')}</dt>
                <dd>¥{yuan(q.itemsAmount)}</dd>
              </div>
              {q.discountAmount > 0 && (
                <div>
                  <dt>{t('优惠')}</dt>
                  <dd className="minus">-¥{yuan(q.discountAmount)}</dd>
                </div>
              )}
              <div>
                <dt>{t('运费')}</dt>
                <dd>{q.shippingFee === 0 ? t('免运费') : `¥${yuan(q.shippingFee)}`}</dd>
              </div>
            </dl>
            {mode !== 'bargain' && (
              <p className="muted" style={{ fontSize: 12 }}>
                {mode === 'presale'
                  ? t('达到目标后开始生产并按承诺日期发货；截止时未达目标，款项原路全额退回，优惠券与积分退回')
                  : t('成团后发货；到时未成团，款项原路全额退回')}
              </p>
            )}
          </section>
          {q.coupons && (
            <CouponPicker
              coupons={q.coupons}
              merchantNames={new Map(q.merchants.map((m) => [m.merchantId, m.merchantName]))}
              onChange={setCouponIds}
            />
          )}
          <p className="muted" style={{ fontSize: 12, margin: '0 24px' }} data-testid="campaign-benefit-rule">
            {t('活动价可叠加优惠券；积分抵扣与会员价不与活动价同享')}
          </p>
          <div className="action-bar">
            <div className="grow checkout-total">
              {t('实付')}：<Price fen={q.amount} size={20} />
            </div>
            <Button
              color="danger"
              shape="rounded"
              size="large"
              loading={place.isPending}
              disabled={!addressId || quote.isFetching}
              onClick={submit}
              data-testid="campaign-submit"
            >
              {t('提交订单')}
            </Button>
          </div>
        </>
      ) : null}
    </div>
  );
}
