import { and, eq, gt, inArray, lte } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { bucketOf } from '../../platform/assignment.ts';
import { phonesOf } from '../accounts/api.ts';
import { ensureSystemTemplate, issueSystemCoupon } from '../coupons/api.ts';
import { isMemberDay, loadMemberDay } from '../membership/api.ts';
import { PLATFORM } from './recompute.ts';
import {
  lifecycleActions,
  lifecycleCustomers,
  lifecyclePreferences,
  lifecycleRules,
  type RuleKind,
  type Segment,
} from './schema.ts';
import { inQuietHours, quietHoursEnd } from './time.ts';

const DAY = 86_400_000;
type Rule = typeof lifecycleRules.$inferSelect;
type Action = typeof lifecycleActions.$inferSelect;

/** What a rule does: whom it targets, the platform coupon it gives (platform scope only) and the SMS text. */
interface RuleSpec {
  segment: Segment;
  name: string;
  coupon?: {
    templateId: string;
    name: string;
    kind: 'threshold' | 'no_threshold';
    threshold: number;
    off: number;
    days: number;
  };
  text: string;
  /** The text without the coupon: merchant scope, or when the coupon could not be issued. */
  plainText: string;
}

const OPT_OUT_HINT = '回T退订';

export const RULES: Record<RuleKind, RuleSpec> = {
  new_welcome: {
    segment: 'new',
    name: '新客礼包提醒',
    // The new-user pack and first-order subsidy are the coupons module's: this rule only points the shopper at them.
    text: `【好物】欢迎来到好物！新人礼包和首单立减已为你备好，在「领券中心」领取后下单即可使用。${OPT_OUT_HINT}`,
    plainText: `【好物】欢迎光临本店！新人礼包和首单立减已为你备好，下单即可使用。${OPT_OUT_HINT}`,
  },
  active_member_day: {
    segment: 'active',
    name: '会员日',
    coupon: {
      templateId: 'cpt_lifecycle_member_day',
      name: '会员日 满99减15',
      kind: 'threshold',
      threshold: 9_900,
      off: 1_500,
      days: 1,
    },
    text: `【好物】今天是好物会员日：会员价之外再送你一张满99减15券，今日有效。${OPT_OUT_HINT}`,
    plainText: `【好物】今天是会员日，会员价好物等你来逛。${OPT_OUT_HINT}`,
  },
  loyal_care: {
    segment: 'loyal',
    name: '忠诚客户关怀',
    // Birthday coupons and limited-edition priority are membership's benefits; this rule reminds loyal buyers of them.
    text: `【好物】感谢一直以来的支持！生日月礼券和限量新品优先购已为你开启，详见「我的会员」。${OPT_OUT_HINT}`,
    plainText: `【好物】感谢你一直以来的支持！老客专享的上新优先购已为你开启。${OPT_OUT_HINT}`,
  },
  churned_recall: {
    segment: 'churned',
    name: '流失召回',
    coupon: {
      templateId: 'cpt_lifecycle_recall',
      name: '召回礼 无门槛减20',
      kind: 'no_threshold',
      threshold: 0,
      off: 2_000,
      days: 7,
    },
    text: `【好物】好久不见！送你一张20元无门槛券，7天内有效，快来看看新上的好物。${OPT_OUT_HINT}`,
    plainText: `【好物】好久不见！店里上了不少新品，回来看看吧。${OPT_OUT_HINT}`,
  },
};

export const RULE_DEFAULTS = { capDays: 7, quietStart: 21, quietEnd: 9, holdoutPct: 10, conversionDays: 7 };

/** The coupons the platform's rules give: ordinary platform templates, stoppable by an operator. */
export async function ensureRuleCoupons(db: Db, at: Date): Promise<void> {
  for (const spec of Object.values(RULES)) {
    if (!spec.coupon) continue;
    const c = spec.coupon;
    await ensureSystemTemplate(
      db,
      {
        id: c.templateId,
        name: c.name,
        kind: c.kind,
        thresholdAmount: c.threshold,
        discountAmount: c.off,
        validDays: c.days,
        perUserLimit: 1_000,
      },
      at,
    );
  }
}

/** Held out of a rule: the bottom holdoutPct % of buckets, salted per rule so each rule holds out other people. */
const isHeldOut = (rule: Pick<Rule, 'scope' | 'kind' | 'holdoutPct'>, userId: string): boolean =>
  bucketOf(holdoutSalt(rule.scope, rule.kind), userId) < rule.holdoutPct * 100;
/** Stable across restarts and rule edits, so a user held out stays held out. */
export const holdoutSalt = (scope: string, kind: RuleKind): string => `lifecycle:${scope}:${kind}`;

/**
 * Runs every enabled rule once: each user of the rule's segment who is not capped and did not opt out is
 * held out, deferred to the end of quiet hours, or sent the rule's action now. Deferred actions that are due
 * are sent first.
 */
export async function runRules(deps: Deps, db: Db, now: Date): Promise<void> {
  await sendDeferred(deps, db, now);
  const rules = await db.select().from(lifecycleRules).where(eq(lifecycleRules.enabled, true));
  // 会员日 is the membership module's (operators set its day and benefits there).
  const memberDay = await loadMemberDay(deps, db);
  for (const rule of rules) {
    const spec = RULES[rule.kind];
    if (rule.kind === 'active_member_day' && !isMemberDay(memberDay, now)) {
      await db.update(lifecycleRules).set({ lastRunAt: now }).where(eq(lifecycleRules.id, rule.id));
      continue;
    }
    const targets = await db
      .select({ userId: lifecycleCustomers.userId })
      .from(lifecycleCustomers)
      .where(and(eq(lifecycleCustomers.scope, rule.scope), eq(lifecycleCustomers.segment, spec.segment)));
    const ids = targets.map((t) => t.userId);
    const capped = await recentlyActed(db, rule, ids, now);
    const optedOut = await optedOutOf(db, ids);
    for (const userId of ids) {
      if (capped.has(userId) || optedOut.has(userId)) continue;
      const base = { id: newId('lca'), ruleId: rule.id, scope: rule.scope, userId, createdAt: now };
      if (isHeldOut(rule, userId)) {
        await db
          .insert(lifecycleActions)
          .values({ ...base, status: 'holdout', dueAt: now, actedAt: now, windowEndsAt: windowEnd(rule, now) });
      } else if (inQuietHours(now, rule.quietStart, rule.quietEnd)) {
        await db
          .insert(lifecycleActions)
          .values({ ...base, status: 'deferred', dueAt: quietHoursEnd(now, rule.quietEnd) });
      } else {
        const [action] = await db
          .insert(lifecycleActions)
          .values({ ...base, status: 'deferred', dueAt: now })
          .returning();
        await send(deps, db, rule, action!, now);
      }
    }
    await db.update(lifecycleRules).set({ lastRunAt: now }).where(eq(lifecycleRules.id, rule.id));
  }
}

/** Deferred actions past their due time: sent unless the user opted out meanwhile (then dropped, never sent). */
async function sendDeferred(deps: Deps, db: Db, now: Date): Promise<void> {
  const due = await db
    .select({ action: lifecycleActions, rule: lifecycleRules })
    .from(lifecycleActions)
    .innerJoin(lifecycleRules, eq(lifecycleRules.id, lifecycleActions.ruleId))
    .where(and(eq(lifecycleActions.status, 'deferred'), lte(lifecycleActions.dueAt, now)));
  const optedOut = await optedOutOf(
    db,
    due.map((d) => d.action.userId),
  );
  for (const { action, rule } of due) {
    if (optedOut.has(action.userId) || !rule.enabled) {
      await db.delete(lifecycleActions).where(eq(lifecycleActions.id, action.id));
      continue;
    }
    if (inQuietHours(now, rule.quietStart, rule.quietEnd)) continue;
    await send(deps, db, rule, action, now);
  }
}

async function send(deps: Deps, db: Db, rule: Rule, action: Action, now: Date): Promise<void> {
  const spec = RULES[rule.kind];
  let couponId: string | null = null;
  if (spec.coupon && rule.scope === PLATFORM) {
    const issued = await issueSystemCoupon(db, spec.coupon.templateId, action.userId, now);
    if (issued.ok) couponId = issued.value.couponId;
    else
      deps.log.warn({ ruleId: rule.id, refusal: issued.type }, 'lifecycle: coupon not issued; message sent without it');
  }
  const text = couponId || (rule.scope === PLATFORM && !spec.coupon) ? spec.text : spec.plainText;
  const phone = (await phonesOf(deps, db, [action.userId])).get(action.userId);
  if (phone) await deps.sms.sendMarketing(phone, text);
  await db
    .update(lifecycleActions)
    .set({ status: 'sent', actedAt: now, windowEndsAt: windowEnd(rule, now), couponId, text })
    .where(eq(lifecycleActions.id, action.id));
}

const windowEnd = (rule: Rule, at: Date) => new Date(at.getTime() + rule.conversionDays * DAY);

/** Users this rule already acted on (or holds, deferred or out) within its cap. */
async function recentlyActed(db: Db, rule: Rule, userIds: string[], now: Date): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ userId: lifecycleActions.userId })
    .from(lifecycleActions)
    .where(
      and(
        eq(lifecycleActions.ruleId, rule.id),
        gt(lifecycleActions.createdAt, new Date(now.getTime() - rule.capDays * DAY)),
      ),
    );
  return new Set(rows.map((r) => r.userId));
}

async function optedOutOf(db: Db, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ userId: lifecyclePreferences.userId })
    .from(lifecyclePreferences)
    .where(and(inArray(lifecyclePreferences.userId, userIds), eq(lifecyclePreferences.marketingOptOut, true)));
  return new Set(rows.map((r) => r.userId));
}
