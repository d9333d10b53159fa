import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, must } from '../../api/client.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { useT } from '../../i18n/index.tsx';
import { OrderDetailView } from '../shared/OrderDetailView.tsx';
import { ShipModal } from '../shared/ShipModal.tsx';

export default function OrderDetailPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const { orderId = '' } = useParams();
  const [shipping, setShipping] = useState(false);
  const query = useQuery({
    queryKey: ['merchant', merchantId, 'order', orderId],
    queryFn: () => must(api.GET('/api/v1/merchant/orders/{id}', { params: { path: { id: orderId } } })),
  });
  return (
    <>
      <OrderDetailView
        query={query}
        backTo="/merchant/orders"
        afterSalesLink="/merchant/after-sales"
        actions={(o) =>
          o.status === 'paid' ? (
            <Button type="primary" onClick={() => setShipping(true)} data-testid="ship-button">
              {t('发货')}
            </Button>
          ) : null
        }
      />
      {shipping ? <ShipModal orderId={orderId} open onClose={() => setShipping(false)} /> : null}
    </>
  );
}
