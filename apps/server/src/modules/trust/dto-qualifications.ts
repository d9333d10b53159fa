import { z } from 'zod';
import { OwnMediaUrl } from '../../platform/media.ts';
import { ValidUntil } from './dto.ts';
import { RENEWAL_STATUSES } from './schema.ts';

const ValidityStatus = z.enum(['valid', 'expiring', 'expired', 'unregistered']);

export const RenewalBody = z
  .object({
    number: z.string().trim().min(1, '请填写证书编号').max(60, '证书编号最多 60 个字'),
    imageUrl: OwnMediaUrl,
    validUntil: ValidUntil.nullable(),
    /** 长期: only a business licence may say so. */
    permanent: z.boolean().default(false),
  })
  .strict()
  .refine((b) => b.permanent || b.validUntil !== null, { message: '请填写有效期', path: ['validUntil'] });

const RenewalBrief = z.object({
  id: z.string(),
  number: z.string(),
  imageUrl: z.string(),
  validUntil: z.string().nullable(),
  permanent: z.boolean(),
  status: z.enum(RENEWAL_STATUSES),
  reason: z.string().nullable(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const QualificationView = z.object({
  id: z.string(),
  kind: z.string(),
  kindName: z.string(),
  number: z.string(),
  imageUrl: z.string(),
  validUntil: z.string().nullable(),
  permanent: z.boolean(),
  status: ValidityStatus,
  pendingRenewal: RenewalBrief.nullable(),
  lastDecision: RenewalBrief.nullable(),
  warnedAt: z.string().nullable(),
  delisted: z.array(z.object({ productId: z.string(), title: z.string(), reason: z.string(), delistedAt: z.string() })),
});

export const RenewalView = RenewalBrief.extend({
  qualificationId: z.string(),
  merchantId: z.string(),
  merchantName: z.string(),
  kind: z.string(),
  kindName: z.string(),
  current: z.object({
    number: z.string(),
    imageUrl: z.string(),
    validUntil: z.string().nullable(),
    permanent: z.boolean(),
    status: ValidityStatus,
  }),
  delistedCount: z.number().int(),
  decidedByName: z.string().nullable(),
});

export const RenewalDecisionBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }).strict(),
  z
    .object({
      decision: z.literal('reject'),
      reason: z.string().trim().min(2, '请写明驳回原因，商家会看到').max(200, '原因最多 200 个字'),
    })
    .strict(),
]);
