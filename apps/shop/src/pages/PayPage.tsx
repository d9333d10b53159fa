import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Toast } from 'antd-mobile';
import { CheckCircleFill, ClockCircleOutline } from 'antd-mobile-icons';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, must, newIdempotencyKey, problemTitle } from '../api/client.ts';
import { fetchCheckout, orderKeys } from '../api/orders.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { FamilyPayCard } from '../components/FamilyPayCard.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import './PayPage.css';

function useCountdown(deadline: string | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return deadline ? Math.max(0, Math.floor((new Date(deadline).getTime() - now) / 1000)) : 0;
}

const mmss = (s: number) => `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

type Method = 'sandbox' | 'alipay' | 'wechatpay';

/** How each provider looks in the cashier; the server lists only the configured ones. */
const METHOD_ICON: Record<Method, { icon: string; color: string }> = {
  alipay: { icon: '支', color: '#1677ff' },
  wechatpay: { icon: '微', color: '#07c160' },
  sandbox: { icon: '¥', color: '#1d4ed8' },
};
const isMethod = (m: string): m is Method => m in METHOD_ICON;

/**
 * The cashier: the buyer picks one of the configured methods. The sandbox is paid here (create payment, then the
 * sandbox outcome); Alipay and WeChat Pay open the provider's page, which sends the buyer back to the result page.
 */
export default function PayPage() {
  const t = useT();
  const { checkoutId = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const checkout = useQuery({
    queryKey: orderKeys.checkout(checkoutId),
    queryFn: () => fetchCheckout(checkoutId),
    staleTime: 0,
  });
  const left = useCountdown(checkout.data?.payDeadline);
  const payKey = useRef(newIdempotencyKey());
  const methods = useQuery({
    queryKey: ['payment-methods'],
    queryFn: async () => (await must(api.GET('/api/v1/payments/methods'))).items.filter((m) => isMethod(m.method)),
    staleTime: 5 * 60_000,
  });
  const [picked, setPicked] = useState<Method | undefined>();
  const text: Record<Method, { label: string; note: string }> = {
    alipay: { label: t('支付宝'), note: t('使用支付宝账户或绑定的银行卡付款') },
    wechatpay: { label: t('微信支付'), note: t('使用微信零钱或绑定的银行卡付款') },
    sandbox: { label: t('沙箱支付'), note: t('演示环境的支付渠道，不会真实扣款') },
  };
  const method: Method | undefined = picked ?? (methods.data?.[0]?.method as Method | undefined);

  const createPayment = () =>
    must(
      api.POST('/api/v1/payments', {
        body: { checkoutId, ...(method ? { method } : {}) },
        headers: { 'Idempotency-Key': payKey.current },
      }),
    );

  // Alipay / WeChat Pay: the provider's page takes over; when it is down the buyer stays here and picks another.
  const payWithProvider = useMutation({
    meta: { quiet: true },
    mutationFn: createPayment,
    onSuccess: (payment) => window.location.assign(payment.payUrl),
    onError: (err) => {
      payKey.current = newIdempotencyKey();
      Toast.show({ icon: 'fail', content: problemTitle(err), duration: 4000 });
    },
  });

  const pay = useMutation({
    meta: { quiet: true },
    mutationFn: async (outcome: 'succeeded' | 'failed') => {
      const payment = await createPayment();
      return must(
        api.POST('/api/v1/sandbox/pay/{id}', { params: { path: { id: payment.paymentId } }, body: { outcome } }),
      );
    },
    onSuccess: async (result) => {
      // A failed attempt closes that payment: the next tap must open a fresh one.
      payKey.current = newIdempotencyKey();
      await qc.invalidateQueries({ queryKey: orderKeys.all });
      await qc.invalidateQueries({ queryKey: orderKeys.checkout(checkoutId) });
      await navigate(`/pay/${checkoutId}/result?payment=${encodeURIComponent(result.paymentId)}`, { replace: true });
    },
    onError: (err) => {
      payKey.current = newIdempotencyKey();
      Toast.show({ icon: 'fail', content: problemTitle(err) });
      void checkout.refetch();
    },
  });

  const openCashier = useMutation({
    mutationFn: createPayment,
    onSuccess: (payment) => {
      const back = `/pay/${checkoutId}/result?payment=${encodeURIComponent(payment.paymentId)}`;
      window.location.assign(`${payment.payUrl}?returnUrl=${encodeURIComponent(back)}`);
    },
  });

  if (checkout.isPending) {
    return (
      <div className="page">
        <PageHeader title={t('收银台')} backTo="/orders" />
        <ListSkeleton rows={2} />
      </div>
    );
  }
  if (checkout.isError) {
    return (
      <div className="page">
        <PageHeader title={t('收银台')} backTo="/orders" />
        <QueryError error={checkout.error} onRetry={() => void checkout.refetch()} />
      </div>
    );
  }
  const c = checkout.data;
  const payable = c.status === 'pending_payment' && c.payableAmount > 0 && left > 0;

  return (
    <div className="page with-action-bar pay-page">
      <PageHeader title={t('收银台')} backTo="/orders?tab=pending_payment" />
      <section className="pay-amount card">
        <p className="muted">{t('应付金额')}</p>
        <Price fen={c.payableAmount} size={36} />
        {c.status === 'pending_payment' ? (
          left > 0 ? (
            <p className="pay-deadline" role="timer" aria-live="off">
              <ClockCircleOutline aria-hidden /> {t('请在 {time} 内完成支付，超时订单将自动取消', { time: mmss(left) })}
            </p>
          ) : (
            <p className="pay-deadline">{t('支付已超时，订单将自动取消')}</p>
          )
        ) : (
          <p className="pay-deadline" data-testid="pay-status">
            {c.status === 'paid' ? t('该订单已支付') : t('订单已取消，无法支付')}
          </p>
        )}
      </section>

      <section className="card">
        <h2>{t('订单信息')}</h2>
        <ul className="pay-orders">
          {c.orders.map((o) => (
            <li key={o.id} className="row-between">
              <span className="grow ellipsis">
                {o.merchantName} · {t('{n} 件商品', { n: o.lines.reduce((n, l) => n + l.qty, 0) })}
              </span>
              <span className="muted">{o.statusLabel}</span>
              <Price fen={o.payAmount} size={14} />
            </li>
          ))}
        </ul>
      </section>

      <section className="card">
        <h2>{t('支付方式')}</h2>
        <div role="radiogroup" aria-label={t('支付方式')}>
          {(methods.data ?? []).map((m) => {
            const look = { ...METHOD_ICON[m.method as Method], ...text[m.method as Method] };
            const selected = m.method === method;
            return (
              <button
                key={m.method}
                type="button"
                role="radio"
                aria-checked={selected}
                className="pay-method"
                onClick={() => setPicked(m.method as Method)}
                data-testid={`pay-method-${m.method}`}
              >
                <span className="pay-method-icon" style={{ background: look.color }} aria-hidden>
                  {look.icon}
                </span>
                <span className="grow">
                  <strong>{look.label}</strong>
                  <span className="muted" style={{ display: 'block' }}>
                    {look.note}
                  </span>
                </span>
                {selected ? (
                  <CheckCircleFill className="pay-method-check" aria-hidden />
                ) : (
                  <span className="pay-method-off" aria-hidden />
                )}
              </button>
            );
          })}
        </div>
        {payable && method === 'sandbox' && (
          <div className="pay-alt">
            <button
              type="button"
              className="text-button"
              disabled={pay.isPending}
              onClick={() => pay.mutate('failed')}
              data-testid="pay-fail"
            >
              {t('模拟支付失败')}
            </button>
            <button
              type="button"
              className="text-button"
              disabled={openCashier.isPending}
              onClick={() => openCashier.mutate()}
              data-testid="pay-open-cashier"
            >
              {t('打开沙箱收银台页面')}
            </button>
          </div>
        )}
      </section>

      {payable && <FamilyPayCard checkoutId={checkoutId} amount={c.payableAmount} />}

      <div className="action-bar">
        {payable ? (
          <Button
            block
            color="primary"
            size="large"
            shape="rounded"
            loading={pay.isPending || payWithProvider.isPending}
            disabled={!method}
            onClick={() => (method === 'sandbox' ? pay.mutate('succeeded') : payWithProvider.mutate())}
            data-testid="pay-button"
          >
            {t('确认支付')} ¥{yuan(c.payableAmount)}
          </Button>
        ) : (
          <Button
            block
            size="large"
            shape="rounded"
            onClick={() => void navigate(c.orders.length === 1 ? `/orders/${c.orders[0]?.id}` : '/orders')}
          >
            {t('查看订单')}
          </Button>
        )}
      </div>
    </div>
  );
}
