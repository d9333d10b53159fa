import { useQuery } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import { api, must } from '../../api/client.ts';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';

/** 供应链风险: every merchant's product lines where one supplier delivers more than 40 %. */
export default function SupplyRiskPage() {
  const t = useT();
  const list = useQuery({
    queryKey: ['platform', 'supply', 'concentration'],
    queryFn: async () => (await must(api.GET('/api/v1/admin/supply/concentration-alerts'))).items,
  });
  return (
    <>
      <PageHeader title={t('供应链风险')} subtitle={t('单一供应商超过品类近 90 天到货量 40% 的商家与品类')} />
      <Card>
        <Table
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('商家'), dataIndex: 'merchantName' },
            { title: t('品类'), dataIndex: 'categoryName' },
            { title: t('供应商'), dataIndex: 'supplierName' },
            { title: t('占比'), key: 's', align: 'right', render: (_, a) => `${(a.shareBp / 100).toFixed(1)}%` },
            { title: t('提醒时间'), key: 'r', render: (_, a) => dateTime(a.raisedAt) },
          ]}
        />
      </Card>
    </>
  );
}
