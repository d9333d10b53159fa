import { z } from 'zod';
import { CampaignOrderBody, CampaignQuoteBody } from '../orders/api.ts';
import { PLEDGE_STATUSES, PRESALE_STATUSES } from './schema.ts';

const Fen = z.number().int().min(1).max(100_000_000);
const Iso = z.iso.datetime({ offset: true });

export const Id = z.object({ id: z.string().min(1).max(64) });
export const Proposal = z.object({
  id: z.string(),
  categoryId: z.string(),
  categoryPath: z.string(),
  title: z.string(),
  variant: z.string(),
  description: z.string(),
  voteCount: z.number().int(),
  votedByMe: z.boolean(),
  createdAt: z.string(),
});
export const NewProposal = z.object({
  categoryId: z.string().min(1).max(64),
  title: z.string().trim().min(2).max(40),
  variant: z.string().trim().max(40).optional().describe('颜色、尺码、口味等'),
  description: z.string().trim().max(300).optional(),
});
export const ProposalQuery = z.object({ categoryId: z.string().max(64).optional() });
export const CategoryDemand = z.object({
  categoryId: z.string(),
  categoryPath: z.string(),
  votes: z.number().int(),
  proposals: z.array(Proposal),
});

export const DesignVote = z.object({
  id: z.string(),
  merchantId: z.string(),
  categoryId: z.string(),
  proposalId: z.string().nullable(),
  title: z.string(),
  closesAt: z.string(),
  closed: z.boolean(),
  ballots: z.number().int(),
  myOptionId: z.string().nullable(),
  options: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      description: z.string(),
      votes: z.number().int().nullable().describe('截止后公布；进行中为 null'),
    }),
  ),
  winnerOptionId: z.string().nullable(),
});
export const NewDesignVote = z.object({
  title: z.string().trim().min(2).max(40),
  categoryId: z.string().min(1).max(64),
  proposalId: z.string().max(64).optional(),
  closesAt: Iso,
  options: z
    .array(z.object({ label: z.string().trim().min(1).max(30), description: z.string().trim().max(200).optional() }))
    .min(2)
    .max(6),
});
export const Ballot = z.object({ optionId: z.string().min(1).max(64) });

export const Presale = z.object({
  id: z.string(),
  merchantId: z.string(),
  merchantName: z.string(),
  productId: z.string(),
  skuId: z.string(),
  title: z.string(),
  productTitle: z.string(),
  specText: z.string(),
  imageUrl: z.string().nullable(),
  skuPrice: z.number().int(),
  designVoteId: z.string().nullable(),
  price: z.number().int(),
  minBatch: z.number().int(),
  targetQty: z.number().int(),
  paidQty: z.number().int(),
  backers: z.number().int(),
  progressPercent: z.number().int(),
  deadline: z.string(),
  deliverBy: z.string(),
  status: z.enum(PRESALE_STATUSES),
  poId: z.string().nullable(),
  decidedAt: z.string().nullable(),
  live: z.boolean(),
});
export const StaffPresale = Presale.extend({ pledges: z.record(z.string(), z.number().int()) });
export const NewPresale = z.object({
  skuId: z.string().min(1).max(64),
  title: z.string().trim().max(40).optional(),
  designVoteId: z.string().max(64).optional().describe('由设计投票的胜出方案发起'),
  price: Fen.describe('预售价（分）'),
  minBatch: z.number().int().min(1).max(100_000).describe('最小起订量（件）'),
  targetPercent: z.number().int().min(100).max(500).default(120).describe('目标 = 最小起订量 × 百分比'),
  deadline: Iso,
  deliverBy: Iso.describe('承诺发货日期'),
  supplierId: z.string().min(1).max(64),
  warehouseId: z.string().min(1).max(64),
});
const Qty = { qty: z.number().int().min(1).max(99) };
export const PledgeQuoteBody = CampaignQuoteBody.extend(Qty);
export const PledgeBody = CampaignOrderBody.extend(Qty);
export const PledgePlaced = z.object({
  pledgeId: z.string(),
  orderId: z.string(),
  checkoutId: z.string(),
  amount: z.number().int(),
  payDeadline: z.string(),
});
export const MyPledge = z.object({
  id: z.string(),
  qty: z.number().int(),
  orderId: z.string(),
  status: z.enum(PLEDGE_STATUSES),
  payAmount: z.number().int(),
  refundReason: z.enum(['failed', 'late']).nullable(),
  shippedAt: z.string().nullable(),
  createdAt: z.string(),
  late: z.boolean().describe('已超过承诺发货日期且未发货：可申请退款'),
  presale: Presale,
});
export const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
