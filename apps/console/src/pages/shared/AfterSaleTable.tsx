import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { Space, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router';
import type { AfterSale } from '../../api/types.ts';
import { CursorTable, type CursorPage } from '../../components/CursorTable.tsx';
import { dateTime, yuan } from '../../components/format.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useNow } from '../../components/useNow.ts';
import { useT } from '../../i18n/index.tsx';
import { DueCountdown, isOverdue } from './DueCountdown.tsx';
import { AFTER_SALE_REASON, AFTER_SALE_TYPE, afterSaleStatusOf, MERCHANT_ACTION_STATUSES } from './labels.ts';

interface Props {
  list: { query: UseInfiniteQueryResult<InfiniteData<CursorPage<AfterSale>>>; items: AfterSale[] };
  detailPath: (id: string) => string;
  orderPath: (orderId: string) => string;
  empty: ReactNode;
  /** Operators see escalation time instead of the merchant's countdown. */
  perspective: 'merchant' | 'operator';
}

export function AfterSaleTable({ list, detailPath, orderPath, empty, perspective }: Props) {
  const t = useT();
  const now = useNow();
  const columns: TableColumnsType<AfterSale> = [
    {
      title: t('商品'),
      key: 'product',
      render: (_, a) => (
        <div style={{ maxWidth: 260 }}>
          <Link to={detailPath(a.id)}>
            <Typography.Text ellipsis={{ tooltip: a.productTitle }} style={{ display: 'block', color: 'inherit' }}>
              {a.productTitle}
            </Typography.Text>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.specText} × {a.qty}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('订单号'),
      key: 'orderNo',
      render: (_, a) => (
        <Link to={orderPath(a.orderId)} data-testid="after-sale-order">
          <span style={{ fontSize: 12, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' }}>
            {a.orderNo}
          </span>
        </Link>
      ),
    },
    { title: t('类型'), key: 'type', render: (_, a) => t(AFTER_SALE_TYPE[a.type]) },
    { title: t('原因'), key: 'reason', render: (_, a) => t(AFTER_SALE_REASON[a.reasonCode]) },
    {
      title: t('退款金额'),
      key: 'amount',
      align: 'right',
      render: (_, a) =>
        a.exchange ? (
          <Typography.Text type="secondary">{t('换成 {spec}', { spec: a.exchange.specText })}</Typography.Text>
        ) : (
          <>
            {yuan(a.amount + a.shippingAmount)}
            {a.shippingAmount > 0 ? (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t('含运费 {amount}', { amount: yuan(a.shippingAmount) })}
              </Typography.Text>
            ) : null}
          </>
        ),
    },
    {
      title: t('状态'),
      key: 'status',
      render: (_, a) => (
        <StatusTag color={afterSaleStatusOf(a).color} testId="after-sale-status">
          {t(afterSaleStatusOf(a).label)}
        </StatusTag>
      ),
    },
    perspective === 'merchant'
      ? {
          title: t('处理时限'),
          key: 'due',
          render: (_, a) =>
            MERCHANT_ACTION_STATUSES.includes(a.status) ? <DueCountdown dueAt={a.dueAt} now={now} /> : '—',
        }
      : { title: t('转平台时间'), key: 'escalatedAt', render: (_, a) => dateTime(a.escalatedAt) },
    { title: t('申请时间'), key: 'createdAt', render: (_, a) => dateTime(a.createdAt) },
    {
      title: t('操作'),
      key: 'actions',
      fixed: 'right',
      render: (_, a) => (
        <Space>
          <Link to={detailPath(a.id)} data-testid="after-sale-open">
            {(perspective === 'merchant' && MERCHANT_ACTION_STATUSES.includes(a.status)) ||
            (perspective === 'operator' && a.status === 'escalated')
              ? t('处理')
              : t('查看')}
          </Link>
        </Space>
      ),
    },
  ];
  return (
    <CursorTable<AfterSale>
      list={list}
      rowKey="id"
      columns={columns}
      caption={t('售后申请列表')}
      empty={empty}
      rowClassName={(a) =>
        perspective === 'merchant' && MERCHANT_ACTION_STATUSES.includes(a.status) && isOverdue(a.dueAt, now)
          ? 'overdue-row'
          : ''
      }
      onRow={(a) =>
        ({
          'data-testid': 'after-sale-row',
          'data-after-sale-id': a.id,
          'data-status': a.status,
        }) as HTMLAttributes<HTMLElement>
      }
      scroll={{ x: 'max-content' }}
    />
  );
}
