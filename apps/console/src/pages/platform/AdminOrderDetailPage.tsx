import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, must } from '../../api/client.ts';
import { UnmaskablePhone } from '../../components/UnmaskablePhone.tsx';
import { OrderDetailView } from '../shared/OrderDetailView.tsx';

export default function AdminOrderDetailPage() {
  const { orderId = '' } = useParams();
  const query = useQuery({
    queryKey: ['platform', 'order', orderId],
    queryFn: () => must(api.GET('/api/v1/admin/orders/{id}', { params: { path: { id: orderId } } })),
  });
  return (
    <OrderDetailView
      query={query}
      backTo="/platform/orders"
      afterSalesLink="/platform/after-sales"
      phone={(o) => (
        <UnmaskablePhone
          masked={o.address.phone}
          unmask={(reason) =>
            must(api.POST('/api/v1/admin/orders/{id}/phone', { params: { path: { id: o.id } }, body: { reason } }))
          }
        />
      )}
    />
  );
}
