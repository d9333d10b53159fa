import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, must } from '../../api/client.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { OrderDetailView } from '../shared/OrderDetailView.tsx';
import { OrderSourceTags, useOrderSources } from '../shared/OrderSource.tsx';
import { ShipButton } from '../shared/ShipHold.tsx';
import { ShipModal } from '../shared/ShipModal.tsx';
import { AuthenticationCard, SendToCentreButton, useAuthenticationCase } from './AuthenticationCard.tsx';

export default function OrderDetailPage() {
  const merchantId = useMerchantId();
  const { orderId = '' } = useParams();
  const [shipping, setShipping] = useState<'buyer' | 'centre' | null>(null);
  const query = useQuery({
    queryKey: ['merchant', merchantId, 'order', orderId],
    queryFn: () => must(api.GET('/api/v1/merchant/orders/{id}', { params: { path: { id: orderId } } })),
  });
  const sources = useOrderSources(query.data?.lines.map((l) => l.id) ?? []);
  const o = query.data;
  // Held for 鉴定 now, or shipped from the centre before (the case stays visible with its verdict).
  const auth = useAuthenticationCase(orderId, !!o && (o.shipHold?.code === 'authentication' || o.status !== 'paid'));
  const c = auth.data?.case ?? null;
  return (
    <>
      <OrderDetailView
        query={query}
        backTo="/merchant/orders"
        afterSalesLink="/merchant/after-sales"
        source={<OrderSourceTags sources={sources.get(orderId)} />}
        actions={(order) =>
          c?.status === 'awaiting_inbound' ? (
            <SendToCentreButton onSend={() => setShipping('centre')} />
          ) : (
            <ShipButton order={order} onShip={() => setShipping('buyer')} />
          )
        }
      />
      {c ? <AuthenticationCard c={c} /> : null}
      {shipping ? <ShipModal orderId={orderId} open to={shipping} onClose={() => setShipping(null)} /> : null}
    </>
  );
}
