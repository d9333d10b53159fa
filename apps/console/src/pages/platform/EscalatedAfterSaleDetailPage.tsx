import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, must } from '../../api/client.ts';
import type { AfterSaleDetail } from '../../api/types.ts';
import { useNotify } from '../../components/feedback.ts';
import { useT } from '../../i18n/index.tsx';
import { AfterSaleDetailView } from '../shared/AfterSaleDetailView.tsx';

type Decision = { kind: 'approve'; note?: string } | { kind: 'reject'; reason: string };

export default function EscalatedAfterSaleDetailPage() {
  const t = useT();
  const { afterSaleId = '' } = useParams();
  const qc = useQueryClient();
  const notify = useNotify();
  const key = ['platform', 'after-sale', afterSaleId];
  const query = useQuery({
    queryKey: key,
    queryFn: () => must(api.GET('/api/v1/admin/after-sales/{id}', { params: { path: { id: afterSaleId } } })),
  });
  const path = { path: { id: afterSaleId } };
  const decide = useMutation({
    mutationFn: (d: Decision): Promise<AfterSaleDetail> =>
      d.kind === 'approve'
        ? must(
            api.POST('/api/v1/admin/after-sales/{id}/approve', { params: path, body: d.note ? { note: d.note } : {} }),
          )
        : must(api.POST('/api/v1/admin/after-sales/{id}/reject', { params: path, body: { reason: d.reason } })),
    onSuccess: (detail, d) => {
      qc.setQueryData(key, detail);
      void qc.invalidateQueries({ queryKey: ['platform', 'after-sales'] });
      notify.success(d.kind === 'approve' ? t('已裁决同意') : t('已裁决拒绝'));
    },
    onError: notify.error,
  });
  return (
    <AfterSaleDetailView
      query={query}
      perspective="operator"
      backTo="/platform/after-sales"
      orderPath={(id) => `/platform/orders/${id}`}
      decisions={{
        canDecide: query.data?.status === 'escalated',
        canReceive: false,
        pending: decide.isPending,
        approve: (note) => decide.mutateAsync({ kind: 'approve', ...(note ? { note } : {}) }),
        reject: (reason) => decide.mutateAsync({ kind: 'reject', reason }),
      }}
    />
  );
}
