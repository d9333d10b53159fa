import { z } from 'zod';
import { PLEDGE_MAX, PLEDGE_MIN } from './rules.ts';

// The charity-products HTTP API's zod schemas.

const Fen = z.number().int().describe('金额（分）');
const IsoTime = z.string().describe('ISO 8601 时间');
export const IdParams = z.object({ id: z.string().min(1).max(64) });
export const PageQuery = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const Pledge = z.object({
  productId: z.string(),
  projectId: z.string(),
  projectTitle: z.string(),
  organization: z.string(),
  amountPerItem: Fen.describe('每售出一件捐赠的金额（分）'),
  projectActive: z.boolean(),
  updatedAt: IsoTime,
});
export const PledgeView = z.object({ pledge: Pledge.nullable() });
export const PledgeInput = z.object({
  projectId: z.string({ error: '请选择公益项目' }).min(1, '请选择公益项目').max(64),
  amountPerItem: z
    .number({ error: '请填写每件捐赠金额' })
    .int('每件捐赠金额须精确到分')
    .min(PLEDGE_MIN, '每件捐赠金额至少 ¥0.01')
    .max(PLEDGE_MAX, '每件捐赠金额最多 ¥100')
    .describe('每售出一件捐赠的金额（分），1–10000'),
});

export const ProjectMoney = z.object({
  projectId: z.string(),
  raisedAmount: Fen.describe('来自账本：charity:<项目> 账户的贷方余额'),
  donations: z.number().int(),
  buyers: z.number().int(),
});
const SaleEntry = z.object({
  id: z.string(),
  buyer: z.string().describe('脱敏昵称'),
  productTitle: z.string(),
  qty: z.number().int(),
  amount: Fen,
  reversedAmount: Fen.describe('因退款冲回的部分'),
  createdAt: IsoTime,
});
export const SalesLedger = ProjectMoney.extend({ items: z.array(SaleEntry), nextCursor: z.string().nullable() });

export const Certificate = z.object({
  id: z.string(),
  certificateNo: z.string(),
  orderId: z.string(),
  donor: z.string(),
  productTitle: z.string(),
  qty: z.number().int(),
  amountPerItem: Fen,
  amount: Fen,
  reversedAmount: Fen,
  netAmount: Fen,
  status: z.enum(['valid', 'partly-refunded', 'void']),
  project: z.object({ id: z.string(), title: z.string(), organization: z.string() }),
  donatedAt: IsoTime,
});
