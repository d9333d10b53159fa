import { z } from 'zod';
import { OwnMediaUrl } from '../../platform/media.ts';
import { isCalendarDay } from './qualification-validity.ts';
import { APPLICATION_STATUSES, DEPOSIT_MOVEMENTS, DEPOSIT_STATUSES, PENALTY_KINDS } from './schema.ts';

const text = (max: number, label: string) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);

/** A last valid day as the form's date picker sends it (YYYY-MM-DD); whether it is past is checked against the clock. */
export const ValidUntil = z.string().refine(isCalendarDay, '有效期须为日期（年-月-日）');

export const ApplicationBody = z
  .object({
    entityType: z.enum(['company', 'individual']),
    shopName: text(30, '店铺名称'),
    categoryId: z.string().max(64),
    licenceName: text(100, '营业执照名称'),
    creditCode: z.string().trim().length(18, '统一社会信用代码为 18 位'),
    licenceImageUrl: OwnMediaUrl,
    /** The licence's last valid day; null only with licencePermanent (长期). */
    licenceValidUntil: ValidUntil.nullable(),
    licencePermanent: z.boolean(),
    qualifications: z
      .array(
        z
          .object({
            kind: z.string().max(40),
            number: text(60, '证书编号'),
            imageUrl: OwnMediaUrl,
            validUntil: ValidUntil,
          })
          .strict(),
      )
      .max(10, '最多 10 份资质'),
    legalRep: z.object({ name: text(30, '法定代表人姓名'), idNumber: z.string().trim().max(18) }).strict(),
    bank: z
      .object({
        bankName: text(60, '开户银行'),
        accountHolder: text(100, '账户户名'),
        accountNumber: z
          .string()
          .transform((s) => s.replace(/\s+/g, ''))
          .pipe(z.string().regex(/^\d{8,30}$/, '银行账号为 8–30 位数字')),
      })
      .strict(),
  })
  .strict()
  .refine((b) => b.licencePermanent || b.licenceValidUntil !== null, {
    message: '请填写营业执照有效期，或选择长期',
    path: ['licenceValidUntil'],
  });

export const ApplicationView = z.object({
  id: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  entityType: z.enum(['company', 'individual']),
  shopName: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  licenceName: z.string(),
  creditCode: z.string(),
  licenceImageUrl: z.string(),
  licenceValidUntil: z.string().nullable(),
  licencePermanent: z.boolean(),
  qualifications: z.array(
    z.object({
      kind: z.string(),
      kindName: z.string(),
      number: z.string(),
      imageUrl: z.string(),
      validUntil: z.string().nullable(),
    }),
  ),
  legalRepName: z.string(),
  legalRepIdTail: z.string(),
  bankName: z.string(),
  bankAccountHolder: z.string(),
  bankAccountMasked: z.string(),
  deposit: z.number().int(),
  revision: z.number().int(),
  submittedAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  merchantId: z.string().nullable(),
  lastReason: z.string().nullable(),
  applicant: z.object({ id: z.string(), nickname: z.string() }),
  history: z.array(
    z.object({
      action: z.string(),
      by: z.enum(['applicant', 'operator']),
      byName: z.string().nullable(),
      reason: z.string().nullable(),
      at: z.string(),
    }),
  ),
});

export const DecisionBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), reason: z.string().trim().max(200).optional() }).strict(),
  z
    .object({
      decision: z.enum(['reject', 'request-info']),
      reason: z.string().trim().min(2, '请写明原因，申请人会看到').max(200, '原因最多 200 个字'),
    })
    .strict(),
]);

export const AdmissionRules = z.object({
  categories: z.array(
    z.object({
      categoryId: z.string(),
      name: z.string(),
      deposit: z.number().int(),
      qualifications: z.array(z.object({ kind: z.string(), name: z.string() })),
    }),
  ),
  reviewWorkingDays: z.number().int(),
});

export const DepositView = z.object({
  merchantId: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  required: z.number().int(),
  held: z.number().int(),
  shortfall: z.number().int(),
  status: z.enum(DEPOSIT_STATUSES),
  exitRequestedAt: z.string().nullable(),
  refundableAt: z.string().nullable(),
  movements: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(DEPOSIT_MOVEMENTS),
      amount: z.number().int(),
      reason: z.string(),
      at: z.string(),
    }),
  ),
});

const Fen = z.number().int('金额须为整数（分）').min(1, '金额须大于 0').max(100_000_000, '单笔最多 100 万元');
export const TransferBody = z.object({ amount: Fen, reference: text(64, '银行流水号') }).strict();
export const PenaltyBody = z
  .object({
    kind: z.enum(PENALTY_KINDS),
    reason: text(200, '处罚原因'),
    amount: Fen.optional(),
    /** The product to take off sale (delist). */
    productId: z.string().max(64).optional(),
    /** The patrol finding this penalty acts on; it is closed as penalised. */
    findingId: z.string().max(64).optional(),
  })
  .strict();
export const PenaltyView = z.object({
  id: z.string(),
  merchantId: z.string(),
  kind: z.enum(PENALTY_KINDS),
  reason: z.string(),
  amount: z.number().int().nullable(),
  productId: z.string().nullable(),
  findingId: z.string().nullable(),
  at: z.string(),
});
export const ExitBody = z.object({ reason: text(200, '退出原因') }).strict();
