// What the orders module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { sql } from 'drizzle-orm';
import { DELETE, KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { cartLines, checkouts, orders } from './schema.ts';

export const ordersPersonalData = personalData('orders', [
  {
    table: cartLines,
    by: [cartLines.userId],
    purpose: '购物车',
    classes: { user_id: 'personal' },
    retention: RETAIN.account,
    erase: DELETE,
  },
  {
    table: checkouts,
    by: [checkouts.userId],
    purpose: '结算记录',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: orders,
    by: [orders.userId],
    sealed: [orders.address],
    purpose: '订单：收货地址用于发货，备注给商家',
    classes: {
      user_id: 'personal',
      address: 'personal',
      recipient_index: 'personal',
      phone_index: 'personal',
      note: 'personal',
    },
    retention: RETAIN.trade,
    erase: {
      kind: 'anonymise',
      // The province and city stay for the tax and logistics statistics; who and where exactly go.
      set: {
        address: sql`jsonb_build_object('recipient', '匿名用户', 'phone', '', 'province', ${orders.address}->>'province', 'city', ${orders.address}->>'city', 'district', '', 'detail', '')`,
        recipientIndex: null,
        phoneIndex: null,
        note: null,
      },
      why: '订单金额、商品与时间依法保留三年；收货人、电话、详细地址与备注清除，只留省市',
    },
  },
]);
