import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Toast } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { api, must, newIdempotencyKey, problemTitle } from '../api/client.ts';
import { orderKeys } from '../api/orders.ts';
import { useT, type MessageKey } from '../i18n/index.tsx';

const LABEL: Record<string, MessageKey> = { sandbox: '沙箱支付', alipay: '支付宝', wechatpay: '微信支付' };

/**
 * 关怀模式's one-step checkout: the first configured payment method is preselected, and 立即支付 places the order and
 * pays it in one tap. Anything that goes wrong after the order exists lands on the ordinary cashier to try again.
 */
export function useCarePay() {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  // Same key and shape as the cashier's list, so either page fills the cache for the other.
  const methods = useQuery({
    queryKey: ['payment-methods'],
    queryFn: async () => (await must(api.GET('/api/v1/payments/methods'))).items.filter((m) => m.method in LABEL),
    staleTime: 5 * 60_000,
  });
  const method = methods.data?.[0]?.method;

  const pay = useMutation({
    meta: { quiet: true },
    mutationFn: async (checkoutId: string) => {
      const payment = await must(
        api.POST('/api/v1/payments', {
          body: { checkoutId, ...(method ? { method } : {}) },
          headers: { 'Idempotency-Key': newIdempotencyKey() },
        }),
      );
      if (method !== 'sandbox') return { checkoutId, payUrl: payment.payUrl };
      const paid = await must(
        api.POST('/api/v1/sandbox/pay/{id}', {
          params: { path: { id: payment.paymentId } },
          body: { outcome: 'succeeded' },
        }),
      );
      return { checkoutId, result: `/pay/${checkoutId}/result?payment=${encodeURIComponent(paid.paymentId)}` };
    },
    onSuccess: async (done) => {
      if (done.payUrl) return window.location.assign(done.payUrl);
      await qc.invalidateQueries({ queryKey: orderKeys.all });
      await navigate(done.result ?? `/pay/${done.checkoutId}`, { replace: true });
    },
    onError: async (err, checkoutId) => {
      Toast.show({ icon: 'fail', content: problemTitle(err), duration: 3000 });
      await navigate(`/pay/${checkoutId}`, { replace: true });
    },
  });

  return {
    method,
    label: method ? t(LABEL[method]!) : undefined,
    loading: methods.isPending,
    pay: (checkoutId: string) => pay.mutate(checkoutId),
    isPending: pay.isPending,
  };
}
