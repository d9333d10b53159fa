import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, must } from '../../api/client.ts';
import type { AfterSaleDetail } from '../../api/types.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { useNotify } from '../../components/feedback.ts';
import { useT } from '../../i18n/index.tsx';
import { AfterSaleDetailView } from '../shared/AfterSaleDetailView.tsx';

type Decision = { kind: 'approve'; note?: string } | { kind: 'reject'; reason: string } | { kind: 'receive' };

export default function AfterSaleDetailPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const { afterSaleId = '' } = useParams();
  const qc = useQueryClient();
  const notify = useNotify();
  const key = ['merchant', merchantId, 'after-sale', afterSaleId];
  const query = useQuery({
    queryKey: key,
    queryFn: () => must(api.GET('/api/v1/merchant/after-sales/{id}', { params: { path: { id: afterSaleId } } })),
  });
  const path = { path: { id: afterSaleId } };
  const decide = useMutation({
    mutationFn: (d: Decision): Promise<AfterSaleDetail> => {
      if (d.kind === 'approve')
        return must(
          api.POST('/api/v1/merchant/after-sales/{id}/approve', { params: path, body: d.note ? { note: d.note } : {} }),
        );
      if (d.kind === 'reject')
        return must(api.POST('/api/v1/merchant/after-sales/{id}/reject', { params: path, body: { reason: d.reason } }));
      return must(api.POST('/api/v1/merchant/after-sales/{id}/receive-return', { params: path }));
    },
    onSuccess: (detail, d) => {
      qc.setQueryData(key, detail);
      void qc.invalidateQueries({ queryKey: ['merchant', merchantId, 'after-sales'] });
      void qc.invalidateQueries({ queryKey: ['merchant', merchantId, 'order', detail.orderId] });
      notify.success(
        d.kind === 'approve'
          ? t('已同意售后申请')
          : d.kind === 'reject'
            ? t('已拒绝售后申请')
            : t('已确认收货，退款处理中'),
      );
    },
    onError: notify.error,
  });
  const status = query.data?.status;
  return (
    <AfterSaleDetailView
      query={query}
      perspective="merchant"
      backTo="/merchant/after-sales"
      orderPath={(id) => `/merchant/orders/${id}`}
      decisions={{
        canDecide: status === 'requested',
        canReceive: status === 'return_shipped',
        pending: decide.isPending,
        approve: (note) => decide.mutateAsync({ kind: 'approve', ...(note ? { note } : {}) }),
        reject: (reason) => decide.mutateAsync({ kind: 'reject', reason }),
        receive: () => decide.mutateAsync({ kind: 'receive' }),
      }}
    />
  );
}
