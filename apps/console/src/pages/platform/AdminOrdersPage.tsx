import { Card, Tag } from 'antd';
import { api, must } from '../../api/client.ts';
import { useCursorList } from '../../components/CursorTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { OrderFilters, useOrderFilters } from '../shared/OrderFilters.tsx';
import { OrderTable } from '../shared/OrderTable.tsx';

export default function AdminOrdersPage() {
  const t = useT();
  const [filters, setFilters] = useOrderFilters();
  const list = useCursorList(['platform', 'orders', filters], (cursor) =>
    must(
      api.GET('/api/v1/admin/orders', { params: { query: { ...filters, ...(cursor ? { cursor } : {}), limit: 20 } } }),
    ),
  );
  return (
    <>
      <PageHeader title={t('全部订单')} subtitle={t('全平台订单；收货人信息已脱敏。')} />
      <Card>
        <OrderFilters value={filters} onChange={setFilters} />
        {filters.merchantId ? (
          <Tag closable onClose={() => setFilters({ ...filters, merchantId: undefined })} style={{ marginBottom: 16 }}>
            {t('只看商家 {id}', { id: filters.merchantId })}
          </Tag>
        ) : null}
        <OrderTable
          list={list}
          filtered={Object.keys(filters).length > 0}
          detailPath={(id) => `/platform/orders/${id}`}
          showMerchant
        />
      </Card>
    </>
  );
}
