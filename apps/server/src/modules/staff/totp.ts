// Staff two-step verification: TOTP (RFC 6238, 30-second steps, 6 digits, SHA-1 — what every authenticator app
// reads from the QR code) through the maintained `otpauth` library rather than hand-rolled HMAC truncation, plus ten
// one-time recovery codes kept only as hashes. Passing it marks the session (accounts' sessions.second_factor_at),
// which roles that read personal data or move money need before their permissions apply.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { markSecondFactor, publicProfiles } from '../accounts/api.ts';
import { platformRolesOf, ROLES, staffGrants } from './roles.ts';
import { staffRecoveryCodes, staffTotp } from './schema.ts';

const totpRefusals = refusals({
  'already-enrolled': [409, '已绑定两步验证'],
  'not-enrolled': [409, '还没有绑定两步验证'],
  'wrong-code': [400, '验证码不正确或已过期'],
});

const PERIOD = 30;
const hashCode = (code: string) => createHash('sha256').update(code.replace(/\s|-/g, '').toLowerCase()).digest('hex');

function totpFor(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: '好物运营后台',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

/** Accepts the current step and one either side (clock drift); a step once used is refused (replay). */
async function acceptCode(ctx: Ctx, userId: string, code: string): Promise<boolean> {
  const [row] = await ctx.db.select().from(staffTotp).where(eq(staffTotp.staffUserId, userId));
  if (!row) return false;
  const now = ctx.now().getTime();
  const delta = totpFor(ctx.deps.fieldCrypto.open(row.secret), userId).validate({
    token: code,
    timestamp: now,
    window: 1,
  });
  if (delta === null) return false;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  if (row.lastStep !== null && step <= Number(row.lastStep)) return false;
  await ctx.db
    .update(staffTotp)
    .set({ lastStep: String(step) })
    .where(eq(staffTotp.staffUserId, userId));
  return true;
}

export async function mySecondFactor(ctx: Ctx) {
  const me = requireOperator(ctx.actor);
  const [row] = await ctx.db.select().from(staffTotp).where(eq(staffTotp.staffUserId, me.userId));
  const roles = platformRolesOf(me.roles);
  return {
    roles,
    roleLabels: roles.map((r) => ROLES[r].label),
    permissions: [...staffGrants.permissionsOf(me.roles)],
    required: staffGrants.needsSecondFactor(me.roles),
    enrolled: !!row?.confirmedAt,
    verified: !!me.secondFactorAt,
  };
}

/** A new secret and its otpauth:// URL (the console draws the QR code); replaces an enrolment never confirmed. */
export async function startEnrolment(ctx: Ctx): Promise<Result<{ otpauthUrl: string; secret: string }>> {
  const me = requireOperator(ctx.actor);
  const [row] = await ctx.db.select().from(staffTotp).where(eq(staffTotp.staffUserId, me.userId));
  if (row?.confirmedAt) return totpRefusals('already-enrolled');
  const secret = new Secret({ size: 20 }).base32;
  const sealed = ctx.deps.fieldCrypto.seal(secret);
  await ctx.db
    .insert(staffTotp)
    .values({ staffUserId: me.userId, secret: sealed, createdAt: ctx.now() })
    .onConflictDoUpdate({
      target: staffTotp.staffUserId,
      set: { secret: sealed, createdAt: ctx.now(), lastStep: null },
    });
  const name = (await publicProfiles(ctx.db, [me.userId])).get(me.userId)?.nickname ?? me.userId;
  return ok({ otpauthUrl: totpFor(secret, name).toString(), secret });
}

/** The first code confirms the enrolment, passes this session and hands out the recovery codes — once. */
export async function confirmEnrolment(ctx: Ctx, code: string): Promise<Result<{ recoveryCodes: string[] }>> {
  const me = requireOperator(ctx.actor);
  const [row] = await ctx.db.select().from(staffTotp).where(eq(staffTotp.staffUserId, me.userId));
  if (!row) return totpRefusals('not-enrolled');
  if (row.confirmedAt) return totpRefusals('already-enrolled');
  if (!(await acceptCode(ctx, me.userId, code))) return totpRefusals('wrong-code');
  const codes = Array.from({ length: 10 }, () => randomBytes(5).toString('hex'));
  await ctx.tx(async (db) => {
    await db.update(staffTotp).set({ confirmedAt: ctx.now() }).where(eq(staffTotp.staffUserId, me.userId));
    await db.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffUserId, me.userId));
    await db
      .insert(staffRecoveryCodes)
      .values(codes.map((c) => ({ id: newId('rcv'), staffUserId: me.userId, codeHash: hashCode(c) })));
    await markSecondFactor(ctx.deps, db, me.sessionId, me.userId, ctx.now());
  });
  return ok({ recoveryCodes: codes.map((c) => `${c.slice(0, 5)}-${c.slice(5)}`) });
}

/** A code from the app, or one unused recovery code, passes this session. */
export async function verifySecondFactor(
  ctx: Ctx,
  input: { code?: string; recoveryCode?: string },
): Promise<Result<{ verified: true }>> {
  const me = requireOperator(ctx.actor);
  const [row] = await ctx.db.select().from(staffTotp).where(eq(staffTotp.staffUserId, me.userId));
  if (!row?.confirmedAt) return totpRefusals('not-enrolled');
  let passed = false;
  if (input.code) passed = await acceptCode(ctx, me.userId, input.code);
  else if (input.recoveryCode) {
    const used = await ctx.db
      .update(staffRecoveryCodes)
      .set({ usedAt: ctx.now() })
      .where(
        and(
          eq(staffRecoveryCodes.staffUserId, me.userId),
          eq(staffRecoveryCodes.codeHash, hashCode(input.recoveryCode)),
          isNull(staffRecoveryCodes.usedAt),
        ),
      )
      .returning({ id: staffRecoveryCodes.id });
    passed = used.length > 0;
  }
  if (!passed) return totpRefusals('wrong-code');
  await markSecondFactor(ctx.deps, ctx.db, me.sessionId, me.userId, ctx.now());
  return ok({ verified: true });
}
