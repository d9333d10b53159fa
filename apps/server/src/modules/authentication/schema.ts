import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// 鉴定 (authentication before shipping, docs/TRUST.md): one case per held order, from payment to the verdict.

export const CASE_STATUSES = ['awaiting_inbound', 'at_centre', 'passed', 'failed', 'cancelled'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface CaseItem {
  productId: string;
  title: string;
  specText: string;
  qty: number;
}

/**
 * awaiting_inbound: paid, the merchant has not sent the goods to the centre yet; at_centre: the inbound waybill is
 * recorded; passed: certificate issued, forwarded to the buyer; failed: refunded in full, goods sent back to the
 * merchant; cancelled: the order closed before a verdict (refunded through after-sales, a failed group).
 */
export const authenticationCases = pgTable(
  'authentication_cases',
  {
    orderId: text('order_id').primaryKey(),
    orderNo: text('order_no').notNull(),
    merchantId: text('merchant_id').notNull(),
    items: jsonb('items').$type<CaseItem[]>().notNull(),
    status: text('status', { enum: CASE_STATUSES }).notNull(),
    inboundCarrier: text('inbound_carrier'),
    inboundTrackingNo: text('inbound_tracking_no'),
    inboundAt: timestamp('inbound_at', { withTimezone: true }),
    /** 鉴定编号: random, shown only to the buyer and the merchant; the log entry's subject. */
    certificateNo: text('certificate_no'),
    findings: text('findings'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The transparency log entry of the verdict. */
    leafIndex: integer('leaf_index'),
    /** Where the goods went after the verdict: to the buyer (passed) or back to the merchant (failed). */
    outboundCarrier: text('outbound_carrier'),
    outboundTrackingNo: text('outbound_tracking_no'),
    refundId: text('refund_id'),
    refundedAt: timestamp('refunded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('authentication_cases_queue_idx').on(t.status, t.createdAt),
    index('authentication_cases_merchant_idx').on(t.merchantId),
    uniqueIndex('authentication_cases_certificate_uq').on(t.certificateNo),
  ],
);
