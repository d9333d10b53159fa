import type { CaseRow } from './cases.ts';
import type { CaseItem, CaseStatus } from './schema.ts';

const STATUS_LABELS: Record<CaseStatus, string> = {
  awaiting_inbound: '待寄往鉴定中心',
  at_centre: '鉴定中',
  passed: '鉴定通过',
  failed: '鉴定未通过',
  cancelled: '已取消',
};

export interface CaseView {
  orderId: string;
  orderNo: string;
  merchantId: string;
  status: CaseStatus;
  statusLabel: string;
  items: CaseItem[];
  inbound: { carrier: string; trackingNo: string; at: string } | null;
  /** The verdict: a certificate when passed, a report when failed; null while waiting. */
  certificate: {
    certificateNo: string;
    result: 'pass' | 'fail';
    findings: string;
    inspectorRole: string;
    decidedAt: string;
    /** The verdict's entry in the transparency log (the shop's 透明度 page checks it). */
    leafIndex: number;
  } | null;
  outbound: { carrier: string; trackingNo: string } | null;
  refunded: boolean;
  createdAt: string;
}

export function caseView(r: CaseRow): CaseView {
  const decided = r.status === 'passed' || r.status === 'failed';
  return {
    orderId: r.orderId,
    orderNo: r.orderNo,
    merchantId: r.merchantId,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    items: r.items,
    inbound:
      r.inboundCarrier && r.inboundTrackingNo && r.inboundAt
        ? { carrier: r.inboundCarrier, trackingNo: r.inboundTrackingNo, at: r.inboundAt.toISOString() }
        : null,
    certificate:
      decided && r.certificateNo && r.findings !== null && r.decidedAt && r.leafIndex !== null
        ? {
            certificateNo: r.certificateNo,
            result: r.status === 'passed' ? 'pass' : 'fail',
            findings: r.findings,
            inspectorRole: '鉴定师',
            decidedAt: r.decidedAt.toISOString(),
            leafIndex: r.leafIndex,
          }
        : null,
    outbound:
      r.outboundCarrier && r.outboundTrackingNo
        ? { carrier: r.outboundCarrier, trackingNo: r.outboundTrackingNo }
        : null,
    refunded: r.refundedAt !== null,
    createdAt: r.createdAt.toISOString(),
  };
}
