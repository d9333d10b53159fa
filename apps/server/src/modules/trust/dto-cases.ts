import { z } from 'zod';
import { OwnMediaUrl } from '../../platform/media.ts';
import {
  CLAIM_REASONS,
  CLAIM_STATUSES,
  COMPLAINT_CATEGORIES,
  COMPLAINT_OUTCOMES,
  COMPLAINT_STATUSES,
  COMPLAINT_SUBJECTS,
  FINDING_KINDS,
  FINDING_STATUSES,
} from './schema.ts';

const Description = z.string().trim().min(5, '请至少用 5 个字说明问题').max(500, '说明最多 500 个字');
const Evidence = z.array(OwnMediaUrl).max(6, '最多 6 张凭证图片');
const Note = z.string().trim().min(2, '请写明处理意见，消费者会看到').max(500, '最多 500 个字');
const Id = z.string().max(64);

const CaseStep = z.object({
  action: z.string(),
  by: z.enum(['consumer', 'merchant', 'operator', 'system']),
  actorId: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});

const ComplaintFields = {
  category: z.enum(COMPLAINT_CATEGORIES),
  description: Description,
  images: Evidence.default([]),
};
/** About an order (optionally one of its products), a live room or a post: exactly one of the three ids. */
export const ComplaintBody = z.union([
  z.object({ orderId: Id, productId: Id.optional(), ...ComplaintFields }).strict(),
  z.object({ liveSessionId: Id, ...ComplaintFields }).strict(),
  z.object({ postId: Id, ...ComplaintFields }).strict(),
]);

export const ComplaintView = z.object({
  id: z.string(),
  subjectType: z.enum(COMPLAINT_SUBJECTS),
  subjectId: z.string(),
  subjectTitle: z.string().nullable(),
  orderId: z.string().nullable(),
  merchantId: z.string().nullable(),
  productId: z.string().nullable(),
  category: z.enum(COMPLAINT_CATEGORIES),
  description: z.string(),
  images: z.array(z.string()),
  status: z.enum(COMPLAINT_STATUSES),
  respondBy: z.string(),
  firstResponseAt: z.string().nullable(),
  overdue: z.boolean(),
  escalatedAt: z.string().nullable(),
  outcome: z.enum(COMPLAINT_OUTCOMES).nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
  history: z.array(CaseStep),
});

export const MerchantComplaintResponse = z.object({ message: Note }).strict();
export const ComplaintAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('respond'), message: Note }).strict(),
  z.object({ action: z.literal('resolve'), message: Note, outcome: z.enum(COMPLAINT_OUTCOMES) }).strict(),
]);

const Fen = z.number().int('金额须为整数（分）').min(1, '金额须大于 0').max(100_000_000, '单笔最多 100 万元');

export const ClaimBody = z
  .object({
    orderId: Id,
    reason: z.enum(CLAIM_REASONS),
    amount: Fen,
    description: Description,
    images: Evidence.default([]),
  })
  .strict();

export const ClaimView = z.object({
  id: z.string(),
  orderId: z.string(),
  merchantId: z.string(),
  reason: z.enum(CLAIM_REASONS),
  description: z.string(),
  images: z.array(z.string()),
  requested: z.number().int(),
  tenfold: z.number().int().nullable(),
  tenfoldPaidAt: z.string().nullable().describe('假一赔十赔付款到账时间'),
  approved: z.number().int().nullable(),
  recovered: z.number().int().nullable(),
  status: z.enum(CLAIM_STATUSES),
  payBy: z.string(),
  overdue: z.boolean(),
  decidedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  createdAt: z.string(),
  history: z.array(CaseStep),
});

export const ClaimDecision = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), note: Note, amount: Fen.optional() }).strict(),
  z.object({ decision: z.literal('reject'), note: Note }).strict(),
]);

export const CreditView = z.object({
  merchantId: z.string(),
  score: z.number().int(),
  minLiveScore: z.number().int(),
  computedAt: z.string(),
  components: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      measure: z.string(),
      points: z.number().int(),
      cap: z.number().int(),
    }),
  ),
});

export const FindingView = z.object({
  id: z.string(),
  merchantId: z.string(),
  productId: z.string().nullable(),
  kind: z.enum(FINDING_KINDS),
  detail: z.string(),
  status: z.enum(FINDING_STATUSES),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
});
export { CLAIM_STATUSES, COMPLAINT_STATUSES, FINDING_STATUSES };
