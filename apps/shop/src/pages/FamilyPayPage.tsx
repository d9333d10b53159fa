import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ErrorBlock, Toast } from 'antd-mobile';
import { useRef } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError, must, newIdempotencyKey, problemTitle } from '../api/client.ts';
import { familyKeys, startFamilyPayment, useFamilyBindings, usePayLink } from '../api/family.ts';
import { useMe } from '../api/session.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useFormatTime, useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import './Family.css';

/**
 * Paying for family: a 亲情付 request (the bound child) or a 代付 link (anyone signed in). The payment is the payer's
 * own, confirmed here; the sandbox is settled in place, a real provider's page returns here when done.
 */
export default function FamilyPayPage() {
  const t = useT();
  const fmt = useFormatTime();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const me = useMe();
  const request = usePayLink(token);
  const bindings = useFamilyBindings();
  const methods = useQuery({
    queryKey: ['payment-methods'],
    queryFn: async () => (await must(api.GET('/api/v1/payments/methods'))).items,
    staleTime: 5 * 60_000,
  });
  const payKey = useRef(newIdempotencyKey());
  const method = methods.data?.[0]?.method;

  const pay = useMutation({
    meta: { quiet: true },
    mutationFn: async () => {
      const payment = await startFamilyPayment(request.data!, method, payKey.current);
      if (method !== 'sandbox') {
        window.location.assign(`${payment.payUrl}?returnUrl=${encodeURIComponent(window.location.pathname)}`);
        return undefined;
      }
      return must(
        api.POST('/api/v1/sandbox/pay/{id}', {
          params: { path: { id: payment.paymentId } },
          body: { outcome: 'succeeded' },
        }),
      );
    },
    onSuccess: async (paid) => {
      if (!paid) return;
      payKey.current = newIdempotencyKey();
      Toast.show({ icon: 'success', content: t('已为家人付款') });
      await qc.invalidateQueries({ queryKey: familyKeys.all });
    },
    onError: () => {
      payKey.current = newIdempotencyKey();
      void request.refetch();
    },
  });

  if (request.isPending) {
    return (
      <div className="page">
        <PageHeader title={t('家人代付')} backTo="/me/family" />
        <ListSkeleton rows={3} />
      </div>
    );
  }
  if (request.isError) {
    return (
      <div className="page">
        <PageHeader title={t('家人代付')} backTo="/me/family" />
        <QueryError error={request.error} onRetry={() => void request.refetch()} />
      </div>
    );
  }
  const r = request.data;
  const mine = me.data?.id === r.requester.id;
  const binding = bindings.data?.find((b) => b.id === r.bindingId && b.role === 'child');
  const payable = r.status === 'open' && !r.expired && !mine;
  const linkUrl = `${window.location.origin}${r.linkPath}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(linkUrl);
      Toast.show({ content: t('链接已复制，发给家人或好友代付') });
    } catch {
      Toast.show({ content: linkUrl });
    }
  };

  return (
    <div className="page with-action-bar family-pay-page">
      <PageHeader title={t('家人代付')} backTo="/me/family" />
      <section className="family-pay-amount card" data-testid="family-pay-request">
        <p className="muted">
          {mine
            ? t('等待家人为这笔订单付款')
            : r.kind === 'family'
              ? t('{name} 请你用亲情付付款', { name: r.requester.nickname })
              : t('{name} 请你代付', { name: r.requester.nickname })}
        </p>
        <Price fen={r.amount} size={36} />
        <p className="family-pay-state" data-testid="family-pay-state" role="status">
          {r.status === 'paid'
            ? t('{name} 已付款 · {at}', { name: r.payer?.nickname ?? '', at: fmt(r.paidAt, true) })
            : r.status === 'cancelled'
              ? t('代付已结束：{reason}', { reason: r.cancelReason ?? t('已取消') })
              : r.expired
                ? t('订单已超时，无法代付')
                : t('请在 {at} 前付款，超时订单将自动取消', { at: fmt(r.expiresAt, true) })}
        </p>
      </section>

      <section className="card">
        <h2>{t('商品')}</h2>
        <ul className="family-items">
          {r.items.map((i, n) => (
            <li key={n} className="row">
              {i.imageUrl && <img src={i.imageUrl} alt="" width={48} height={48} />}
              <span className="grow ellipsis">{i.title}</span>
              <span className="muted">×{i.qty}</span>
            </li>
          ))}
        </ul>
      </section>

      {binding && r.status === 'open' && (
        <section className="card">
          <h2>{t('亲情付额度')}</h2>
          <p className="family-budget-note" data-testid="family-pay-budget">
            {t('这笔订单已占用本月额度，付款后计入已用；本月剩余 ¥{left} / 额度 ¥{budget}', {
              left: yuan(binding.remainingThisMonth),
              budget: yuan(binding.monthlyBudget),
            })}
          </p>
        </section>
      )}

      {mine && r.status === 'open' && (
        <section className="card">
          <h2>{t('代付链接')}</h2>
          <p className="family-link" data-testid="family-link">
            {linkUrl}
          </p>
          <Button size="small" shape="rounded" onClick={() => void copy()}>
            {t('复制链接')}
          </Button>
        </section>
      )}

      {pay.isError && (
        <div className="card" role="alert">
          <ErrorBlock
            status="default"
            title={problemTitle(pay.error)}
            description={pay.error instanceof ApiError ? (pay.error.problem.detail ?? '') : ''}
          />
        </div>
      )}

      {!payable && (
        <div className="action-bar">
          <Button block size="large" shape="rounded" onClick={() => void navigate('/me/family')}>
            {t('返回亲情付')}
          </Button>
        </div>
      )}
      {payable && (
        <div className="action-bar">
          <Button
            block
            color="primary"
            size="large"
            shape="rounded"
            loading={pay.isPending}
            disabled={!method}
            onClick={() => pay.mutate()}
            data-testid="family-pay-confirm"
          >
            {t('确认代付')} ¥{yuan(r.amount)}
          </Button>
        </div>
      )}
    </div>
  );
}
