import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, must } from '../../api/client.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { OrderDetailView } from '../shared/OrderDetailView.tsx';
import { OrderSourceTags, useOrderSources } from '../shared/OrderSource.tsx';
import { ShipButton } from '../shared/ShipHold.tsx';
import { ShipModal } from '../shared/ShipModal.tsx';

export default function OrderDetailPage() {
  const merchantId = useMerchantId();
  const { orderId = '' } = useParams();
  const [shipping, setShipping] = useState(false);
  const query = useQuery({
    queryKey: ['merchant', merchantId, 'order', orderId],
    queryFn: () => must(api.GET('/api/v1/merchant/orders/{id}', { params: { path: { id: orderId } } })),
  });
  const sources = useOrderSources(query.data?.lines.map((l) => l.id) ?? []);
  return (
    <>
      <OrderDetailView
        query={query}
        backTo="/merchant/orders"
        afterSalesLink="/merchant/after-sales"
        source={<OrderSourceTags sources={sources.get(orderId)} />}
        actions={(o) => <ShipButton order={o} onShip={() => setShipping(true)} />}
      />
      {shipping ? <ShipModal orderId={orderId} open onClose={() => setShipping(false)} /> : null}
    </>
  );
}
