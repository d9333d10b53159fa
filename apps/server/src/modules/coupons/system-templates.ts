import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { ok, type Refusal, refusals, type Result } from '../../platform/errors.ts';
import { issueCoupons } from './issue.ts';
import { couponTemplates } from './schema.ts';

// Platform templates that another module hands out by rule (membership's birthday coupons), not operators by hand.
// They are ordinary platform coupons — funded by the platform (subsidy.ts), listed among 平台优惠券 with their
// numbers, stoppable by an operator — created once under a fixed id so every start of the server finds the same one.

export interface SystemTemplateInput {
  /** Fixed id, e.g. `cpt_birthday_gold`: creating it again changes nothing. */
  id: string;
  name: string;
  kind: 'threshold' | 'no_threshold';
  thresholdAmount: number;
  discountAmount: number;
  /** Each coupon is valid this many days from its issue. */
  validDays: number;
  /** How many one user may ever receive (e.g. one a year for a century). */
  perUserLimit: number;
}

const CENTURY_MS = 100 * 365 * 86_400_000;
/** Issued by rule to whoever qualifies, so the total is not a marketing limit; it must fit the integer column. */
const UNBOUNDED_QUANTITY = 2_000_000_000;

/** Creates the template if it does not exist yet: targeted (never in the claim centre), open for issuing for a century. */
export async function ensureSystemTemplate(db: Db, input: SystemTemplateInput, at: Date): Promise<void> {
  await db
    .insert(couponTemplates)
    .values({
      id: input.id,
      merchantId: null,
      createdBy: 'system',
      name: input.name,
      kind: input.kind,
      thresholdAmount: input.kind === 'no_threshold' ? 0 : input.thresholdAmount,
      discountAmount: input.discountAmount,
      scope: 'shop',
      productIds: [],
      categoryIds: [],
      audience: 'targeted',
      validDays: input.validDays,
      claimFrom: at,
      claimUntil: new Date(at.getTime() + CENTURY_MS),
      totalQuantity: UNBOUNDED_QUANTITY,
      perUserLimit: input.perUserLimit,
      createdAt: at,
    })
    .onConflictDoNothing();
}

export type SystemIssueRefusal = 'template-missing' | 'claim-limit-reached' | 'sold-out' | 'claim-closed';
const refuse = refusals({ 'template-missing': [404, '优惠券模板不存在'] });

/**
 * Issues one coupon of a system template to the user inside a savepoint of the caller's transaction: a refusal
 * (stopped by an operator, limit reached) leaves nothing behind, and the caller decides what else to roll back.
 */
export async function issueSystemCoupon(
  db: Db,
  templateId: string,
  userId: string,
  at: Date,
): Promise<Result<{ couponId: string }, SystemIssueRefusal>> {
  const [template] = await db.select().from(couponTemplates).where(eq(couponTemplates.id, templateId));
  if (!template) return refuse('template-missing', templateId);
  try {
    return await db.transaction(async (sp) => {
      const r = await issueCoupons(sp, template, [userId], 'issued', at);
      if (!r.ok) throw new Refused(r);
      return ok({ couponId: r.value.issued[0]!.id });
    });
  } catch (err) {
    if (err instanceof Refused) return err.refusal;
    throw err;
  }
}

// Thrown to roll the savepoint back, carrying the refusal out of it.
class Refused extends Error {
  readonly refusal: Refusal<SystemIssueRefusal>;
  constructor(refusal: Refusal<SystemIssueRefusal>) {
    super(refusal.type);
    this.refusal = refusal;
  }
}
