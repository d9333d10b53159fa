import type { ReactNode } from 'react';
import { Space, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import type { StaffOrder } from '../../api/types.ts';
import { CursorTable, type CursorPage } from '../../components/CursorTable.tsx';
import { dateTime, yuan } from '../../components/format.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import type { UseInfiniteQueryResult, InfiniteData } from '@tanstack/react-query';
import { useT } from '../../i18n/index.tsx';
import { ORDER_STATUS } from './labels.ts';
import { ShipButton, ShipHoldTag } from './ShipHold.tsx';

interface Props {
  list: { query: UseInfiniteQueryResult<InfiniteData<CursorPage<StaffOrder>>>; items: StaffOrder[] };
  detailPath: (id: string) => string;
  showMerchant?: boolean;
  onShip?: (order: StaffOrder) => void;
  filtered: boolean;
  /** Adds the 订单来源 column (merchant views). */
  source?: (order: StaffOrder) => ReactNode;
}

/** Orders as staff see them: one row per order, the first line's goods, the amount paid, where it stands. */
export function OrderTable({ list, detailPath, showMerchant = false, onShip, filtered, source }: Props) {
  const t = useT();
  const columns: TableColumnsType<StaffOrder> = [
    {
      title: t('订单号'),
      key: 'id',
      render: (_, o) => (
        <Link to={detailPath(o.id)} data-testid="order-link">
          <span style={{ fontSize: 12, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' }}>
            {o.orderNo}
          </span>
        </Link>
      ),
    },
    {
      title: t('商品'),
      key: 'goods',
      render: (_, o) => {
        const first = o.lines[0];
        const units = o.lines.reduce((n, l) => n + l.qty, 0);
        return first ? (
          <div style={{ maxWidth: showMerchant ? 220 : 280 }}>
            <Typography.Text ellipsis={{ tooltip: first.title }} style={{ display: 'block' }}>
              {first.title}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {first.specText} × {first.qty}
              {o.lines.length > 1 ? ` ${t('等 {n} 件', { n: units })}` : ''}
            </Typography.Text>
          </div>
        ) : (
          '—'
        );
      },
    },
    ...(showMerchant
      ? [{ title: t('商家'), key: 'merchant', render: (_: unknown, o: StaffOrder) => o.merchantName }]
      : []),
    ...(source ? [{ title: t('订单来源'), key: 'source', render: (_: unknown, o: StaffOrder) => source(o) }] : []),
    { title: t('收货人'), dataIndex: 'recipient', key: 'recipient' },
    {
      title: t('实付'),
      key: 'payAmount',
      align: 'right',
      render: (_, o) => (
        <>
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{yuan(o.payAmount)}</span>
          {o.refundedAmount > 0 ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('已退 {amount}', { amount: yuan(o.refundedAmount) })}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      title: t('状态'),
      key: 'status',
      render: (_, o) => (
        <Space size={4} wrap>
          <StatusTag color={ORDER_STATUS[o.status].color} testId="order-status">
            {t(ORDER_STATUS[o.status].label)}
          </StatusTag>
          <ShipHoldTag order={o} />
        </Space>
      ),
    },
    { title: t('下单时间'), key: 'createdAt', render: (_, o) => dateTime(o.createdAt) },
    {
      title: t('操作'),
      key: 'actions',
      fixed: 'right',
      render: (_, o) => (
        <Space size="small">
          <Link to={detailPath(o.id)}>{t('查看')}</Link>
          {onShip ? <ShipButton order={o} size="small" onShip={() => onShip(o)} /> : null}
        </Space>
      ),
    },
  ];
  return (
    <CursorTable<StaffOrder>
      list={list}
      rowKey="id"
      columns={columns}
      caption={t('订单列表')}
      empty={filtered ? t('没有符合筛选条件的订单') : t('还没有订单')}
      onRow={(o) =>
        ({ 'data-testid': 'order-row', 'data-order-id': o.id, 'data-status': o.status }) as HTMLAttributes<HTMLElement>
      }
      scroll={{ x: 'max-content' }}
    />
  );
}
