import { Card } from 'antd';
import { useState } from 'react';
import { api, must } from '../../api/client.ts';
import type { StaffOrder } from '../../api/types.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { useCursorList } from '../../components/CursorTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { OrderFilters, useOrderFilters } from '../shared/OrderFilters.tsx';
import { OrderSourceTags, useOrderSources } from '../shared/OrderSource.tsx';
import { OrderTable } from '../shared/OrderTable.tsx';
import { ShipModal } from '../shared/ShipModal.tsx';

export default function OrdersPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const [{ merchantId: _operatorOnly, ...filters }, setFilters] = useOrderFilters();
  const [shipping, setShipping] = useState<StaffOrder | null>(null);
  const list = useCursorList(['merchant', merchantId, 'orders', filters], (cursor) =>
    must(
      api.GET('/api/v1/merchant/orders', {
        params: { query: { ...filters, ...(cursor ? { cursor } : {}), limit: 20 } },
      }),
    ),
  );
  const sources = useOrderSources(list.items.flatMap((o) => o.lines.map((l) => l.id)));
  return (
    <>
      <PageHeader title={t('订单管理')} subtitle={t('待发货的订单请尽快发货；买家收货后订单自动完成并结算。')} />
      <Card>
        <OrderFilters value={filters} onChange={setFilters} />
        <OrderTable
          list={list}
          filtered={Object.keys(filters).length > 0}
          detailPath={(id) => `/merchant/orders/${id}`}
          onShip={setShipping}
          source={(o) => <OrderSourceTags sources={sources.get(o.id)} />}
        />
      </Card>
      {shipping ? <ShipModal orderId={shipping.id} open onClose={() => setShipping(null)} /> : null}
    </>
  );
}
