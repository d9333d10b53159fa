import { useQuery } from '@tanstack/react-query';
import { Button, Result } from 'antd-mobile';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, must } from '../api/client.ts';
import { fetchCheckout, orderKeys } from '../api/orders.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import { RecommendedSection } from '../components/Recommendations.tsx';

/** After paying: what the server says happened, asked again until the payment has an outcome. */
export default function PayResultPage() {
  const t = useT();
  const navigate = useNavigate();
  const { checkoutId = '' } = useParams();
  const [params] = useSearchParams();
  const paymentId = params.get('payment');

  const payment = useQuery({
    queryKey: ['payments', paymentId],
    queryFn: () => must(api.GET('/api/v1/payments/{id}', { params: { path: { id: paymentId ?? '' } } })),
    enabled: !!paymentId,
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? 1500 : false),
    staleTime: 0,
  });
  const checkout = useQuery({
    queryKey: orderKeys.checkout(checkoutId),
    queryFn: () => fetchCheckout(checkoutId),
    refetchInterval: (q) =>
      q.state.data?.status === 'pending_payment' && payment.data?.status !== 'failed' ? 2000 : false,
    staleTime: 0,
  });

  const body = () => {
    if (checkout.isPending) return <ListSkeleton rows={1} />;
    if (checkout.isError) return <QueryError error={checkout.error} onRetry={() => void checkout.refetch()} />;
    const c = checkout.data;
    const firstOrder = c.orders.length === 1 ? c.orders[0] : undefined;
    const ordersLink = firstOrder ? `/orders/${firstOrder.id}` : '/orders';
    if (c.status === 'paid') {
      return (
        <Result
          status="success"
          title={<span data-testid="pay-result">{t('支付成功')}</span>}
          description={
            <span>
              {t('实付')} <Price fen={c.amount} size={16} /> · {t('商家将尽快为你发货')}
            </span>
          }
        />
      );
    }
    if (c.status === 'cancelled') {
      return (
        <Result
          status="warning"
          title={<span data-testid="pay-result">{t('订单已取消')}</span>}
          description={t('订单已超时或已被取消，未产生扣款')}
        />
      );
    }
    const failed = payment.data?.status === 'failed' || payment.data?.status === 'duplicate';
    if (failed) {
      return (
        <>
          <Result
            status="error"
            title={<span data-testid="pay-result">{t('支付未完成')}</span>}
            description={t('没有扣款，你可以重新支付')}
          />
          <div className="pay-result-actions">
            <Button
              color="primary"
              onClick={() => void navigate(`/pay/${checkoutId}`, { replace: true })}
              data-testid="pay-retry"
            >
              {t('重新支付')}
            </Button>
            <Button onClick={() => void navigate(ordersLink)}>{t('查看订单')}</Button>
          </div>
        </>
      );
    }
    return (
      <Result
        status="waiting"
        title={<span data-testid="pay-result">{t('正在确认支付结果…')}</span>}
        description={t('请稍候，不要重复支付')}
      />
    );
  };

  const paid = checkout.data?.status === 'paid';
  const firstOrder = checkout.data?.orders.length === 1 ? checkout.data.orders[0] : undefined;
  return (
    <div className="page" style={{ background: '#fff' }}>
      <PageHeader title={t('支付结果')} backTo="/orders" />
      {body()}
      {paid && (
        <div className="pay-result-actions">
          <Button
            color="primary"
            onClick={() => void navigate(firstOrder ? `/orders/${firstOrder.id}` : '/orders', { replace: true })}
            data-testid="pay-view-order"
          >
            {t('查看订单')}
          </Button>
          <Button onClick={() => void navigate('/', { replace: true })}>{t('继续逛逛')}</Button>
        </div>
      )}
      {paid && <RecommendedSection title={t('猜你喜欢')} slot="pay.recommend" limit={6} />}
    </div>
  );
}
