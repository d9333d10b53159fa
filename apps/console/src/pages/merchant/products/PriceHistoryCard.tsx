import { Card, type TableColumnsType } from 'antd';
import { api, must } from '../../../api/client.ts';
import type { PriceHistoryEntry } from '../../../api/types.ts';
import { useMerchantId } from '../../../app/merchantScope.ts';
import { CursorTable, useCursorList } from '../../../components/CursorTable.tsx';
import { dateTime, yuan } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';

/** Every price and 划线价 the product's SKUs have had, newest first. */
export function PriceHistoryCard({ productId }: { productId: string }) {
  const t = useT();
  const merchantId = useMerchantId();
  const list = useCursorList(['merchant', merchantId, 'price-history', productId], (cursor) =>
    must(
      api.GET('/api/v1/merchant/products/{id}/price-history', {
        params: { path: { id: productId }, query: { limit: 20, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
  const columns: TableColumnsType<PriceHistoryEntry> = [
    { title: t('时间'), key: 'changedAt', render: (_, e) => dateTime(e.changedAt) },
    { title: t('规格'), dataIndex: 'specText', key: 'specText' },
    { title: t('售价'), key: 'price', align: 'right', render: (_, e) => yuan(e.price) },
    {
      title: t('划线价'),
      key: 'originalPrice',
      align: 'right',
      render: (_, e) => (e.originalPrice == null ? '—' : yuan(e.originalPrice)),
    },
  ];
  return (
    <Card title={t('价格变动记录')} style={{ marginTop: 16 }}>
      <CursorTable<PriceHistoryEntry>
        list={list}
        rowKey="id"
        size="small"
        columns={columns}
        caption={t('价格变动记录')}
        empty={t('暂无价格变动')}
      />
    </Card>
  );
}
