import { and, eq, inArray } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { actingMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { accountBalance, postJournal } from '../../platform/ledger.ts';
import { formatYuan } from '../../platform/money.ts';
import { getMerchantCreditScore } from '../catalog/api.ts';
import { liveHostQualifications, liveSessions } from './schema.ts';

/**
 * Host qualification (docs/LIVE.md): real-name status, the deposit (保证金) held on the ledger, the 假一赔十 badge it
 * backs, and the merchant credit score that gates going live — the catalog's score, the only one there is.
 */

/** Ledger accounts: the merchant's available balance is a liability (credit), so is the deposit we hold. */
export const depositAccounts = {
  merchantAvailable: (merchantId: string) => `merchant:${merchantId}:available`,
  deposit: (merchantId: string) => `live-deposit:${merchantId}`,
};

const refuse = refusals({
  'id-number-invalid': [422, '身份证号码格式不正确'],
  'deposit-already-held': [409, '保证金已缴纳'],
  'insufficient-balance': [409, '店铺可用余额不足，无法缴纳保证金'],
  'no-deposit': [409, '没有可退还的保证金'],
  'sessions-pending': [409, '还有未结束的直播，暂不能退还保证金'],
});

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643: 17 digits, a valid birth date and the ISO 7064 MOD 11-2 check character. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const birth = id.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replaceAll('-', '') !== birth) return false;
  const sum = WEIGHTS.reduce((a, w, i) => a + w * Number(id[i]), 0);
  return CHECK[sum % 11] === id[17];
}

/** Only the family name is kept in clear: the ID number's last four and a masked name are all we store. */
const maskName = (name: string): string => name.slice(0, 1) + '*'.repeat(Math.max(1, name.length - 1));

async function creditScoreOf(db: Db, merchantId: string): Promise<number> {
  const score = await getMerchantCreditScore(db, merchantId);
  if (score === null) throw notFound('商家', merchantId);
  return score;
}

async function qualificationRow(db: Db, merchantId: string) {
  const [row] = await db.select().from(liveHostQualifications).where(eq(liveHostQualifications.merchantId, merchantId));
  return row;
}

/** What startSession checks. */
export async function startGate(
  db: Db,
  _config: Config,
  merchantId: string,
): Promise<{ creditScore: number; realNameVerified: boolean }> {
  const row = await qualificationRow(db, merchantId);
  return { creditScore: await creditScoreOf(db, merchantId), realNameVerified: !!row?.realNameVerifiedAt };
}

export interface Badges {
  realName: boolean;
  deposit: boolean;
  /** 假一赔十: shown only while the deposit is held. */
  guarantee: boolean;
}

export async function badgesOf(db: Db, config: Config, merchantId: string): Promise<Badges> {
  const row = await qualificationRow(db, merchantId);
  const deposit = (row?.depositHeld ?? 0) >= config.LIVE_DEPOSIT_AMOUNT;
  return { realName: !!row?.realNameVerifiedAt, deposit, guarantee: deposit };
}

export async function getQualification(ctx: Ctx) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'live.manage');
  const row = await qualificationRow(ctx.db, merchantId);
  const config = ctx.deps.config;
  const creditScore = await creditScoreOf(ctx.db, merchantId);
  return {
    merchantId,
    realName: row?.realName ?? null,
    idNumberTail: row?.idNumberTail ?? null,
    realNameVerifiedAt: row?.realNameVerifiedAt?.toISOString() ?? null,
    depositHeld: row?.depositHeld ?? 0,
    depositRequired: config.LIVE_DEPOSIT_AMOUNT,
    depositPaidAt: row?.depositPaidAt?.toISOString() ?? null,
    availableBalance: -(await accountBalance(ctx.db, depositAccounts.merchantAvailable(merchantId))),
    badges: await badgesOf(ctx.db, config, merchantId),
    creditScore,
    minCreditScore: config.LIVE_MIN_CREDIT_SCORE,
    canStart: creditScore >= config.LIVE_MIN_CREDIT_SCORE && !!row?.realNameVerifiedAt,
  };
}

/**
 * 实名认证: the number is checked for format, birth date and check digit (no identity authority is connected),
 * then only its last four characters and the masked name are stored.
 */
export async function submitRealName(
  ctx: Ctx,
  input: { name: string; idNumber: string },
): Promise<Result<{ realName: string; idNumberTail: string }>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'live.manage');
  const idNumber = input.idNumber.trim().toUpperCase();
  if (!isValidIdNumber(idNumber)) return refuse('id-number-invalid', '请填写 18 位居民身份证号码');
  const realName = maskName(input.name.trim());
  const idNumberTail = idNumber.slice(-4);
  const now = ctx.now();
  await ctx.tx(async (db) => {
    const values = { realName, idNumberTail, realNameVerifiedAt: now, updatedAt: now };
    await db
      .insert(liveHostQualifications)
      .values({ merchantId, ...values })
      .onConflictDoUpdate({ target: liveHostQualifications.merchantId, set: values });
    await emit(db, 'live.real-name-verified', { merchantId });
  });
  return ok({ realName, idNumberTail });
}

/** Moves the deposit from the merchant's available balance to the live-deposit account, in one balanced journal. */
export async function payDeposit(ctx: Ctx): Promise<Result<{ depositHeld: number; journalRef: string }>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'finance.pay');
  const amount = ctx.deps.config.LIVE_DEPOSIT_AMOUNT;
  return idempotent(ctx, 'live.deposit', { merchantId }, async (db) => {
    const now = ctx.now();
    await db.insert(liveHostQualifications).values({ merchantId, updatedAt: now }).onConflictDoNothing();
    const [row] = await db
      .select()
      .from(liveHostQualifications)
      .where(eq(liveHostQualifications.merchantId, merchantId))
      .for('update');
    if ((row?.depositHeld ?? 0) >= amount) return refuse('deposit-already-held');
    // After a 假一赔十 recovery took part of it, only the shortfall is topped up.
    const short = amount - (row?.depositHeld ?? 0);
    const available = -(await accountBalance(db, depositAccounts.merchantAvailable(merchantId)));
    if (available < short)
      return refuse('insufficient-balance', `需要 ${formatYuan(short)}，可用余额 ${formatYuan(available)}`);
    const ref = newId('ldp');
    await postJournal(db, {
      kind: 'live.deposit',
      refId: ref,
      memo: '直播保证金缴纳',
      at: now,
      lines: [
        { account: depositAccounts.merchantAvailable(merchantId), amount: short },
        { account: depositAccounts.deposit(merchantId), amount: -short },
      ],
    });
    await db
      .update(liveHostQualifications)
      .set({ depositHeld: amount, depositPaidAt: now, updatedAt: now })
      .where(eq(liveHostQualifications.merchantId, merchantId));
    await emit(db, 'live.deposit-paid', { merchantId, amount: short, ref });
    return ok({ depositHeld: amount, journalRef: ref });
  });
}

/** Returns the deposit to the available balance; not while a session is scheduled or live (the badge backs it). */
export async function releaseDeposit(ctx: Ctx): Promise<Result<{ depositHeld: number; released: number }>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'finance.pay');
  return idempotent(ctx, 'live.deposit-release', { merchantId }, async (db) => {
    const [row] = await db
      .select()
      .from(liveHostQualifications)
      .where(eq(liveHostQualifications.merchantId, merchantId))
      .for('update');
    const held = row?.depositHeld ?? 0;
    if (held <= 0) return refuse('no-deposit');
    const [pending] = await db
      .select({ id: liveSessions.id })
      .from(liveSessions)
      .where(and(eq(liveSessions.merchantId, merchantId), inArray(liveSessions.status, ['scheduled', 'live'])))
      .limit(1);
    if (pending) return refuse('sessions-pending');
    const now = ctx.now();
    const ref = newId('ldr');
    await postJournal(db, {
      kind: 'live.deposit-release',
      refId: ref,
      memo: '直播保证金退还',
      at: now,
      lines: [
        { account: depositAccounts.deposit(merchantId), amount: held },
        { account: depositAccounts.merchantAvailable(merchantId), amount: -held },
      ],
    });
    await db
      .update(liveHostQualifications)
      .set({ depositHeld: 0, depositPaidAt: null, updatedAt: now })
      .where(eq(liveHostQualifications.merchantId, merchantId));
    await emit(db, 'live.deposit-released', { merchantId, amount: held, ref });
    return ok({ depositHeld: 0, released: held });
  });
}
