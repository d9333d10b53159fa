import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { Button } from 'antd';
import { useState } from 'react';
import { api, must, type BodyOf } from '../../api/client.ts';
import type { AfterSaleDetail } from '../../api/types.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { useNotify } from '../../components/feedback.ts';
import { useT } from '../../i18n/index.tsx';
import { AfterSaleDetailView } from '../shared/AfterSaleDetailView.tsx';
import { ReplacementShipModal } from './ReplacementShipModal.tsx';

type Decision =
  | { kind: 'approve'; note?: string }
  | { kind: 'reject'; reason: string }
  | { kind: 'receive'; defective: boolean }
  | { kind: 'ship'; carrier: Waybill['carrier']; trackingNo: string };
type Waybill = BodyOf<'/api/v1/merchant/after-sales/{id}/ship-replacement', 'post'>;

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
      if (d.kind === 'ship')
        return must(
          api.POST('/api/v1/merchant/after-sales/{id}/ship-replacement', {
            params: path,
            body: { carrier: d.carrier, trackingNo: d.trackingNo },
          }),
        );
      return must(
        api.POST('/api/v1/merchant/after-sales/{id}/receive-return', {
          params: path,
          body: d.defective ? { defective: true } : {},
        }),
      );
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
            : d.kind === 'ship'
              ? t('已寄出换货')
              : detail.type === 'exchange'
                ? t('已确认收货，请寄出换货')
                : t('已确认收货，退款处理中'),
      );
    },
    onError: notify.error,
  });
  const status = query.data?.status;
  const [shipping, setShipping] = useState(false);
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
        receive: (defective) => decide.mutateAsync({ kind: 'receive', defective }),
        shipReplacement:
          status === 'awaiting_replacement' && query.data?.exchange ? (
            <>
              <Button type="primary" onClick={() => setShipping(true)} data-testid="replacement-ship">
                {t('寄出换货')}
              </Button>
              <ReplacementShipModal
                open={shipping}
                spec={query.data.exchange.specText}
                qty={query.data.qty}
                pending={decide.isPending}
                onClose={() => setShipping(false)}
                onShip={(w) => decide.mutateAsync({ kind: 'ship', ...w })}
              />
            </>
          ) : null,
      }}
    />
  );
}
