import type { Deps } from '../../deps.ts';
import { eq, lte, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, ok, type Result } from '../../platform/errors.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { findUserIdByPhone, publicProfiles } from '../accounts/api.ts';
import { issueCoupons } from './issue.ts';
import { couponBuyers } from './schema.ts';
import { loadOwnTemplate, type Owner } from './templates.ts';

// Targeted issuance (定向发放): to listed users, or to a segment derived from this module's own order.paid records.

export const SEGMENTS = ['buyers', 'lapsed_buyers'] as const;
type Segment = (typeof SEGMENTS)[number];
/** A buyer whose last paid order is this old is "lapsed" (沉睡客户): the recall coupon's audience. */
const LAPSED_AFTER_DAYS = 60;
export const MAX_TARGETS = 5000;

export interface IssueInput {
  userIds?: string[] | undefined;
  phones?: string[] | undefined;
  segment?: Segment | undefined;
}

export interface IssueResultDto {
  issued: number;
  /** Users already holding as many as the per-user limit allows. */
  skippedAtLimit: number;
  /**
   * How many listed ids or phones matched no registered user: a count, never which ones, so issuing coupons
   * cannot be used to test which phone numbers have an account (docs/SECURITY.md, finding 7).
   */
  unmatched: number;
}

const tooMany = () =>
  new AppError('too-many-targets', 422, '单次发放人数过多', `一次最多发放给 ${MAX_TARGETS} 人，请分批发放`);

/** Issues one coupon of the owner's template to each target user, within the template's limits. */
export async function issueToUsers(
  ctx: Ctx,
  owner: Owner,
  templateId: string,
  input: IssueInput,
): Promise<Result<IssueResultDto>> {
  return idempotent(ctx, 'coupons.issue', { templateId, ...input }, async (tx) => {
    const template = await loadOwnTemplate(tx, owner, templateId, true);
    if (template.audience === 'new_user')
      throw new AppError('not-issuable', 422, '新人礼包券不能定向发放', '新人礼包由新用户在领券中心领取');
    const { userIds, unmatched } = await resolveTargets(ctx.deps, tx, owner, input, ctx.now());
    if (userIds.length === 0) return ok({ issued: 0, skippedAtLimit: 0, unmatched });
    const result = await issueCoupons(tx, template, userIds, 'issued', ctx.now());
    if (!result.ok) {
      if (result.type === 'claim-limit-reached') return ok({ issued: 0, skippedAtLimit: userIds.length, unmatched });
      return result;
    }
    return ok({ issued: result.value.issued.length, skippedAtLimit: result.value.skipped.length, unmatched });
  });
}

async function resolveTargets(
  deps: Deps,
  db: Db,
  owner: Owner,
  input: IssueInput,
  now: Date,
): Promise<{ userIds: string[]; unmatched: number }> {
  const listed = [...new Set(input.userIds ?? [])];
  const phones = [...new Set(input.phones ?? [])];
  if (listed.length + phones.length > MAX_TARGETS) throw tooMany();
  const known = await publicProfiles(db, listed);
  let unmatched = listed.filter((id) => !known.has(id)).length;
  const ids = new Set(listed.filter((id) => known.has(id)));
  for (const phone of phones) {
    const id = await findUserIdByPhone(deps, db, phone);
    if (id) ids.add(id);
    else unmatched++;
  }
  if (input.segment) for (const id of await segmentMembers(db, owner, input.segment, now)) ids.add(id);
  if (ids.size > MAX_TARGETS) throw tooMany();
  return { userIds: [...ids], unmatched };
}

/** Buyers of the merchant (for the platform: of any merchant); lapsed ones have not paid for LAPSED_AFTER_DAYS. */
async function segmentMembers(db: Db, owner: Owner, segment: Segment, now: Date): Promise<string[]> {
  const lapsedBefore = new Date(now.getTime() - LAPSED_AFTER_DAYS * 86_400_000);
  const rows = await db
    .select({ userId: couponBuyers.userId })
    .from(couponBuyers)
    .where(owner.kind === 'merchant' ? eq(couponBuyers.merchantId, owner.merchantId) : undefined)
    .groupBy(couponBuyers.userId)
    .having(segment === 'lapsed_buyers' ? lte(sql`max(${couponBuyers.lastPaidAt})`, lapsedBefore) : undefined)
    .orderBy(couponBuyers.userId)
    .limit(MAX_TARGETS + 1);
  if (rows.length > MAX_TARGETS) throw tooMany();
  return rows.map((r) => r.userId);
}
