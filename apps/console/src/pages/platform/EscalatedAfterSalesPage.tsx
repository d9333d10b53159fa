import { Card, Segmented } from 'antd';
import { useSearchParams } from 'react-router';
import { api, must } from '../../api/client.ts';
import { useCursorList } from '../../components/CursorTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { AfterSaleTable } from '../shared/AfterSaleTable.tsx';

export default function EscalatedAfterSalesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const scope = params.get('scope') === 'all' ? 'all' : 'escalated';
  const list = useCursorList(['platform', 'after-sales', scope], (cursor) =>
    must(
      api.GET('/api/v1/admin/after-sales', {
        params: {
          query: {
            ...(scope === 'escalated' ? { escalated: 'true' as const } : {}),
            ...(cursor ? { cursor } : {}),
            limit: 20,
          },
        },
      }),
    ),
  );
  return (
    <>
      <PageHeader title={t('售后仲裁')} subtitle={t('商家逾期未处理的售后申请转交平台，由运营裁决同意或拒绝。')} />
      <Card>
        <Segmented
          aria-label={t('售后范围')}
          className="filter-bar"
          value={scope}
          onChange={(v) => setParams(v === 'all' ? { scope: 'all' } : {}, { replace: true })}
          options={[
            { value: 'escalated', label: t('待平台裁决') },
            { value: 'all', label: t('全部售后') },
          ]}
        />
        <AfterSaleTable
          orderPath={(id) => `/platform/orders/${id}`}
          list={list}
          perspective="operator"
          detailPath={(id) => `/platform/after-sales/${id}`}
          empty={scope === 'escalated' ? t('没有待平台裁决的售后申请') : t('还没有售后申请')}
        />
      </Card>
    </>
  );
}
