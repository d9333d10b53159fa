import type { MessageKey } from '../../i18n/index.tsx';
import type { AfterSaleActor, AfterSaleReason, AfterSaleStatus, AfterSaleType, OrderStatus } from '../../api/types.ts';

// Labels keyed by the server's enums: adding a status on the server without a label here fails the type check.

export const ORDER_STATUS: Record<OrderStatus, { label: MessageKey; color: string }> = {
  pending_payment: { label: '待付款', color: 'default' },
  paid: { label: '待发货', color: 'orange' },
  shipped: { label: '待收货', color: 'blue' },
  delivered: { label: '已收货', color: 'cyan' },
  completed: { label: '已完成', color: 'green' },
  cancelled: { label: '已取消', color: 'default' },
  closed: { label: '已关闭', color: 'default' },
};

export const AFTER_SALE_STATUS: Record<AfterSaleStatus, { label: MessageKey; color: string }> = {
  requested: { label: '待商家处理', color: 'orange' },
  escalated: { label: '平台介入中', color: 'magenta' },
  awaiting_return: { label: '待买家退货', color: 'blue' },
  return_shipped: { label: '待商家收货', color: 'gold' },
  refunding: { label: '退款中', color: 'blue' },
  awaiting_replacement: { label: '待寄出换货', color: 'gold' },
  replacement_shipped: { label: '换货已寄出', color: 'blue' },
  completed: { label: '退款成功', color: 'green' },
  rejected: { label: '已拒绝', color: 'red' },
  cancelled: { label: '已撤销', color: 'default' },
};

export const AFTER_SALE_TYPE: Record<AfterSaleType, MessageKey> = {
  refund_only: '仅退款',
  return_refund: '退货退款',
  exchange: '换货',
};

/** An exchange completes without a refund, so its 完成 reads 换货完成 rather than 退款成功. */
export const afterSaleStatusOf = (a: { type: AfterSaleType; status: AfterSaleStatus }) =>
  a.type === 'exchange' && a.status === 'completed'
    ? { label: '换货完成' as MessageKey, color: 'green' }
    : AFTER_SALE_STATUS[a.status];

export const AFTER_SALE_REASON: Record<AfterSaleReason, MessageKey> = {
  no_reason: '七天无理由',
  quality: '质量问题',
  wrong_item: '商家发错货',
  not_as_described: '与描述不符',
  not_received: '未收到货',
  other: '其他',
};

export const AFTER_SALE_ACTOR: Record<AfterSaleActor, MessageKey> = {
  buyer: '买家',
  merchant: '商家',
  operator: '平台',
  system: '系统',
};

/** Statuses in which the merchant's clock (dueAt) is running. */
export const MERCHANT_ACTION_STATUSES: readonly AfterSaleStatus[] = ['requested', 'return_shipped'];
