import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Popconfirm, Tag } from 'antd';
import { api, must } from '../../api/client.ts';
import { useCursorList } from '../../components/CursorTable.tsx';
import { useNotify } from '../../components/feedback.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { OrderFilters, type OrderFilterValues, useOrderFilters } from '../shared/OrderFilters.tsx';
import { OrderTable } from '../shared/OrderTable.tsx';

/**
 * 导出 CSV of the current search from the server (street in full, so the export is one access-trail row): fetched
 * through the console's API client, so it carries the same session as every other request, then saved as a file.
 */
function ExportOrdersButton({ filters }: { filters: OrderFilterValues }) {
  const t = useT();
  const notify = useNotify();
  const download = useMutation({
    mutationFn: () => must(api.GET('/api/v1/admin/orders/export', { params: { query: filters }, parseAs: 'blob' })),
    onSuccess: (blob) => {
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `haowu-orders-${new Date().toISOString().slice(0, 10)}.csv`;
      a.click();
      URL.revokeObjectURL(url);
      notify.success(t('已导出，已记入访问记录'));
    },
    onError: notify.error,
  });
  return (
    <Popconfirm
      title={t('导出当前筛选的订单？')}
      description={t(
        '文件含完整收货地址（收货人和手机号脱敏），最多 5000 单。这次导出会记入访问记录并公开到透明度日志。',
      )}
      okText={t('导出')}
      okButtonProps={{ 'data-testid': 'orders-export-confirm' }}
      onConfirm={() => download.mutate()}
    >
      <Button icon={<DownloadOutlined />} loading={download.isPending} data-testid="orders-export">
        {t('导出 CSV')}
      </Button>
    </Popconfirm>
  );
}

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
      <PageHeader
        title={t('全部订单')}
        subtitle={t('全平台订单；收货人信息已脱敏。')}
        extra={<ExportOrdersButton filters={filters} />}
      />
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
