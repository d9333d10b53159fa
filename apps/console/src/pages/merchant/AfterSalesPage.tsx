import { Card, Segmented } from 'antd';
import { useSearchParams } from 'react-router';
import { api, must } from '../../api/client.ts';
import type { AfterSaleStatus } from '../../api/types.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { useCursorList } from '../../components/CursorTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { AfterSaleTable } from '../shared/AfterSaleTable.tsx';
import { AFTER_SALE_STATUS } from '../shared/labels.ts';

const TABS: (AfterSaleStatus | 'all')[] = [
  'all',
  'requested',
  'return_shipped',
  'awaiting_return',
  'awaiting_replacement',
  'escalated',
  'refunding',
  'completed',
  'rejected',
];

export default function AfterSalesPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = TABS.find((s) => s === raw) ?? 'all';
  const list = useCursorList(['merchant', merchantId, 'after-sales', status], (cursor) =>
    must(
      api.GET('/api/v1/merchant/after-sales', {
        params: { query: { ...(status !== 'all' ? { status } : {}), ...(cursor ? { cursor } : {}), limit: 20 } },
      }),
    ),
  );
  return (
    <>
      <PageHeader title={t('售后处理')} subtitle={t('请在处理时限内同意或拒绝；逾期未处理的申请会转交平台介入。')} />
      <Card>
        <Segmented
          aria-label={t('售后状态')}
          className="filter-bar"
          value={status}
          onChange={(v) => setParams(v === 'all' ? {} : { status: v }, { replace: true })}
          options={TABS.map((s) => ({ value: s, label: s === 'all' ? t('全部') : t(AFTER_SALE_STATUS[s].label) }))}
        />
        <AfterSaleTable
          orderPath={(id) => `/merchant/orders/${id}`}
          list={list}
          perspective="merchant"
          detailPath={(id) => `/merchant/after-sales/${id}`}
          empty={status === 'all' ? t('还没有售后申请') : t('没有这个状态的售后申请')}
        />
      </Card>
    </>
  );
}
