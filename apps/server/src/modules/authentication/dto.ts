import { z } from 'zod';
import { ShipInput } from '../orders/api.ts';
import { CASE_STATUSES } from './schema.ts';

const Waybill = z.object({ carrier: z.string(), trackingNo: z.string() });

export const CaseView = z.object({
  orderId: z.string(),
  orderNo: z.string(),
  merchantId: z.string(),
  status: z.enum(CASE_STATUSES),
  statusLabel: z.string(),
  items: z.array(z.object({ productId: z.string(), title: z.string(), specText: z.string(), qty: z.number().int() })),
  inbound: Waybill.extend({ at: z.string() }).nullable().describe('商家寄往鉴定中心的运单'),
  certificate: z
    .object({
      certificateNo: z.string().describe('鉴定编号：透明度日志条目的 subject'),
      result: z.enum(['pass', 'fail']),
      findings: z.string(),
      inspectorRole: z.string(),
      decidedAt: z.string(),
      leafIndex: z.number().int().describe('透明度日志中的条目序号'),
    })
    .nullable(),
  outbound: Waybill.nullable().describe('通过：转寄买家的运单；未通过：退回商家的运单'),
  refunded: z.boolean(),
  createdAt: z.string(),
});
export const CaseOrNone = z.object({ case: CaseView.nullable() });

export const QueueQuery = z.object({
  status: z.enum(['waiting', 'decided']).default('waiting').describe('waiting：待寄与鉴定中；decided：已出结论'),
});

export const VerdictBody = ShipInput.extend({
  result: z.enum(['pass', 'fail'], { error: '鉴定结论须为 pass 或 fail' }),
  findings: z
    .string()
    .trim()
    .min(4, '鉴定说明至少 4 个字')
    .max(500, '鉴定说明最多 500 字')
    .describe('公开：写入透明度日志，勿写买家或商家的个人信息'),
});
