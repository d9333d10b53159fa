import { DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import type { OrderStatus } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { ORDER_STATUS } from './labels.ts';

export interface OrderFilterValues {
  status?: OrderStatus;
  q?: string;
  from?: string;
  to?: string;
  /** Operators only: one merchant's orders. */
  merchantId?: string;
}

const isStatus = (v: string | null): v is OrderStatus => v != null && v in ORDER_STATUS;

/** Filters live in the URL, so a filtered list can be bookmarked and survives a reload. */
export function useOrderFilters(): [OrderFilterValues, (next: OrderFilterValues) => void] {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const values: OrderFilterValues = {
    ...(isStatus(status) ? { status } : {}),
    ...(params.get('q') ? { q: params.get('q')! } : {}),
    ...(params.get('from') ? { from: params.get('from')! } : {}),
    ...(params.get('to') ? { to: params.get('to')! } : {}),
    ...(params.get('merchantId') ? { merchantId: params.get('merchantId')! } : {}),
  };
  const set = (next: OrderFilterValues) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, String(v));
    setParams(p, { replace: true });
  };
  return [values, set];
}

export function OrderFilters({
  value,
  onChange,
}: {
  value: OrderFilterValues;
  onChange: (v: OrderFilterValues) => void;
}) {
  const t = useT();
  return (
    <Flex gap={12} wrap className="filter-bar" role="search" aria-label={t('筛选订单')}>
      <Select<OrderStatus | ''>
        aria-label={t('订单状态')}
        style={{ width: 160 }}
        value={value.status ?? ''}
        onChange={(status) => onChange({ ...value, status: status || undefined })}
        options={[
          { value: '', label: t('全部状态') },
          ...(Object.keys(ORDER_STATUS) as OrderStatus[]).map((s) => ({ value: s, label: t(ORDER_STATUS[s].label) })),
        ]}
        data-testid="order-status-filter"
      />
      <DatePicker.RangePicker
        aria-label={t('下单日期')}
        id={{ start: 'order-from', end: 'order-to' }}
        placeholder={[t('下单开始日期'), t('下单结束日期')]}
        value={value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null}
        onChange={(range) =>
          onChange({
            ...value,
            from: range?.[0] ? range[0].format('YYYY-MM-DD') : undefined,
            to: range?.[1] ? range[1].format('YYYY-MM-DD') : undefined,
          })
        }
        allowEmpty={[false, false]}
      />
      <Input.Search
        aria-label={t('搜索订单')}
        placeholder={t('订单号、运单号、收货人、手机号、商品名')}
        allowClear
        defaultValue={value.q}
        style={{ width: 340 }}
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
        data-testid="order-search"
      />
    </Flex>
  );
}
