import { createHash, randomInt } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { and, asc, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { GroupCommitter } from '../../platform/batcher.ts';
import { TtlCache } from '../../platform/cache.ts';
import type { Deps } from '../../deps.ts';
import {
  type Actor,
  anonymous,
  hashToken,
  newSessionToken,
  normaliseRoles,
  requireUser,
  type Role,
  type MerchantRole,
  type Membership,
} from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { membershipOf } from './merchant-roles.ts';
import { loginCodes, loginFailures, merchantStaff, sessions, socketTickets, users } from './schema.ts';

const SESSION_DAYS = 30;
/** Blind-index context of users.phone (platform/field-crypto.ts). */
const PHONE_INDEX = 'users.phone';
const CODE_TTL_MS = 5 * 60_000;
const CODE_RESEND_MS = 60_000;
const CODE_MAX_ATTEMPTS = 5;
/** Login codes one phone may receive in any 24 hours, whichever addresses ask (docs/SECURITY.md). */
const CODES_PER_PHONE_PER_DAY = 10;
const DAY_MS = 86_400_000;
/** Wrong passwords in a row before password login for the phone is locked; the lock doubles per further failure. */
const LOGIN_FAILURES_BEFORE_LOCK = 5;
const LOCK_FIRST_MS = 60_000;
const LOCK_LONGEST_MS = 60 * 60_000;
const SOCKET_TICKET_TTL_MS = 60_000;

const refuse = refusals({
  'code-too-frequent': [429, '验证码发送太频繁，请 1 分钟后再试'],
  'code-daily-cap': [429, '今日验证码发送次数已达上限'],
  'login-locked': [429, '登录尝试过多'],
  'code-invalid': [400, '验证码错误或已过期'],
  'credentials-invalid': [400, '手机号或密码错误'],
});

export interface UserDto {
  id: string;
  phone: string;
  nickname: string;
  avatarUrl: string | null;
  roles: Role[];
  staff: Membership[];
  hasPassword: boolean;
  createdAt: string;
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: UserDto;
}

const codeHash = (phone: string, code: string) => createHash('sha256').update(`${phone}:${code}`).digest('hex');

/**
 * Sends a one-time login code. Refused within a minute of the last one for the same phone, and after
 * CODES_PER_PHONE_PER_DAY in 24 hours: both keyed by the phone, so no choice of client address gets around them.
 * Requests for one phone take turns (an advisory lock), so a burst cannot slip several codes past the checks.
 */
export async function requestLoginCode(ctx: Ctx, phone: string): Promise<Result<{ expiresInSeconds: number }>> {
  const now = ctx.now();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const index = loginPhoneIndex(ctx.deps, phone);
  const codeId = newId('otp');
  const refused = await ctx.tx(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login-code:${index}`}))`);
    const today = await tx
      .select({ createdAt: loginCodes.createdAt })
      .from(loginCodes)
      .where(and(eq(loginCodes.phoneIndex, index), gt(loginCodes.createdAt, new Date(now.getTime() - DAY_MS))))
      .orderBy(asc(loginCodes.createdAt));
    const last = today.at(-1);
    if (last && last.createdAt.getTime() > now.getTime() - CODE_RESEND_MS) return refuse('code-too-frequent');
    if (today.length >= CODES_PER_PHONE_PER_DAY) {
      const retryAfter = Math.ceil((today[0]!.createdAt.getTime() + DAY_MS - now.getTime()) / 1000);
      const hours = Math.max(1, Math.ceil(retryAfter / 3600));
      return {
        ...refuse(
          'code-daily-cap',
          `同一手机号 24 小时内最多发送 ${CODES_PER_PHONE_PER_DAY} 条验证码，请约 ${hours} 小时后再试，或使用密码登录`,
        ),
        retryAfter,
      };
    }
    await tx.insert(loginCodes).values({
      id: codeId,
      phone: ctx.deps.fieldCrypto.seal(phone),
      phoneIndex: index,
      codeHash: codeHash(phone, code),
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
      createdAt: now,
    });
    return undefined;
  });
  if (refused) return refused;
  try {
    await ctx.deps.sms.sendCode(phone, code);
  } catch (err) {
    // The provider refused or is down: the code never arrives, so it can never be used; it still counts towards the
    // per-phone limits, so a failing provider is not hammered at the caller's pace.
    await ctx.db.update(loginCodes).set({ consumedAt: now }).where(eq(loginCodes.id, codeId));
    throw err;
  }
  return ok({ expiresInSeconds: CODE_TTL_MS / 1000 });
}

/** Logs in with a one-time code; a phone seen for the first time becomes a new consumer account. */
export async function loginWithCode(ctx: Ctx, input: { phone: string; code: string }): Promise<Result<LoginResult>> {
  if (!(await consumeLoginCode(ctx, input.phone, input.code))) return refuse('code-invalid');
  return ok(await startSession(ctx, await accountForPhone(ctx, input.phone)));
}

/** True when `code` is the phone's latest live code (which is then used up); a wrong one counts an attempt. */
export async function consumeLoginCode(ctx: Ctx, phone: string, code: string): Promise<boolean> {
  const now = ctx.now();
  return ctx.tx(async (tx) => {
    const [latest] = await tx
      .select()
      .from(loginCodes)
      .where(
        and(
          eq(loginCodes.phoneIndex, loginPhoneIndex(ctx.deps, phone)),
          isNull(loginCodes.consumedAt),
          gt(loginCodes.expiresAt, now),
        ),
      )
      .orderBy(desc(loginCodes.createdAt))
      .limit(1)
      .for('update');
    if (!latest || latest.attempts >= CODE_MAX_ATTEMPTS) return false;
    if (latest.codeHash !== codeHash(phone, code)) {
      await tx
        .update(loginCodes)
        .set({ attempts: latest.attempts + 1 })
        .where(eq(loginCodes.id, latest.id));
      return false;
    }
    await tx.update(loginCodes).set({ consumedAt: now }).where(eq(loginCodes.id, latest.id));
    return true;
  });
}

/** The account of a verified phone, registered on first sight. */
export async function accountForPhone(ctx: Ctx, phone: string): Promise<string> {
  return (
    (await findUserIdByPhone(ctx.deps, ctx.db, phone)) ??
    (
      await ctx
        .tx((tx) => createUser(ctx.deps, tx, { phone, now: ctx.now() }))
        .catch(async (err: unknown) => {
          // Two first logins of one phone at once: the other registered it a moment ago.
          const id =
            err instanceof AppError && err.type === 'phone-taken' && (await findUserIdByPhone(ctx.deps, ctx.db, phone));
          if (!id) throw err;
          return { id };
        })
    ).id
  );
}

/**
 * Password login. Failures are counted per phone (docs/SECURITY.md "Limits and their keys"): after
 * LOGIN_FAILURES_BEFORE_LOCK in a row password login for that phone is locked — even with the right password —
 * for a minute, doubling with each further failure up to an hour. Code login stays open to the phone's owner.
 */
export async function loginWithPassword(
  ctx: Ctx,
  input: { phone: string; password: string },
): Promise<Result<LoginResult>> {
  const now = ctx.now();
  const byPhone = eq(loginFailures.phoneIndex, loginPhoneIndex(ctx.deps, input.phone));
  const [record] = await ctx.db.select().from(loginFailures).where(byPhone);
  if (record?.lockedUntil && record.lockedUntil > now) return lockedOut(record.failures, record.lockedUntil, now);
  const [user] = await ctx.db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.phoneIndex, phoneIndexOf(ctx.deps, input.phone)));
  // Verify against a dummy hash when the account is missing so timing does not reveal which phones exist.
  const storedHash = user?.passwordHash ?? DUMMY_HASH;
  const matches = await argonVerify(storedHash, input.password).catch(() => false);
  if (!user || !user.passwordHash || !matches) {
    // Unknown phones count too, so the answers do not tell which phones have accounts.
    const failures = await countLoginFailure(ctx.deps, ctx.db, input.phone, now);
    if (failures < LOGIN_FAILURES_BEFORE_LOCK) return refuse('credentials-invalid');
    const lockMs = Math.min(LOCK_FIRST_MS * 2 ** (failures - LOGIN_FAILURES_BEFORE_LOCK), LOCK_LONGEST_MS);
    const lockedUntil = new Date(now.getTime() + lockMs);
    await ctx.db.update(loginFailures).set({ lockedUntil }).where(byPhone);
    return lockedOut(failures, lockedUntil, now);
  }
  if (record) await ctx.db.delete(loginFailures).where(byPhone);
  return ok(await startSession(ctx, user.id));
}

/** One more failure for the phone (a day without failures starts again from one); returns the count. */
async function countLoginFailure(deps: Deps, db: Db, phone: string, now: Date): Promise<number> {
  const forgetBefore = new Date(now.getTime() - DAY_MS);
  const [row] = await db
    .insert(loginFailures)
    .values({
      phone: deps.fieldCrypto.seal(phone),
      phoneIndex: loginPhoneIndex(deps, phone),
      failures: 1,
      lastFailedAt: now,
    })
    .onConflictDoUpdate({
      target: loginFailures.phoneIndex,
      set: {
        failures: sql`case when ${loginFailures.lastFailedAt} < ${forgetBefore} then 1 else ${loginFailures.failures} + 1 end`,
        lastFailedAt: now,
      },
    })
    .returning({ failures: loginFailures.failures });
  return row!.failures;
}

function lockedOut(failures: number, lockedUntil: Date, now: Date) {
  const retryAfter = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(retryAfter / 60);
  return {
    ...refuse('login-locked', `密码已连续错误 ${failures} 次，请 ${minutes} 分钟后再试，或使用验证码登录`),
    retryAfter,
  };
}

const DUMMY_HASH = await argonHash('haowu-dummy-password');

export async function logout(ctx: Ctx): Promise<void> {
  const user = requireUser(ctx.actor);
  await ctx.db.update(sessions).set({ revokedAt: ctx.now() }).where(eq(sessions.id, user.sessionId));
  actorCache(ctx.deps).deleteWhere((a) => a.sessionId === user.sessionId);
}

export async function setPassword(ctx: Ctx, password: string): Promise<void> {
  const user = requireUser(ctx.actor);
  await ctx.db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, user.userId));
}

export async function updateProfile(
  ctx: Ctx,
  input: { nickname?: string; avatarUrl?: string | null },
): Promise<UserDto> {
  const user = requireUser(ctx.actor);
  const patch: Partial<typeof users.$inferInsert> = {};
  if (input.nickname !== undefined) patch.nickname = input.nickname;
  if (input.avatarUrl !== undefined) patch.avatarUrl = input.avatarUrl;
  if (Object.keys(patch).length > 0) await ctx.db.update(users).set(patch).where(eq(users.id, user.userId));
  return getMe(ctx);
}

export async function getMe(ctx: Ctx): Promise<UserDto> {
  const user = requireUser(ctx.actor);
  const dto = await loadUserDto(ctx.deps, ctx.db, user.userId);
  if (!dto) throw notFound('用户');
  return dto;
}

// Every authenticated request needs its actor; looking the session up each time costs a query per request, which
// is most of a flash-sale purchase. So actors are cached per process for SESSION_CACHE_SECONDS (default 5): a
// logout takes effect at once in the process that served it and within that many seconds in the others, and a
// role granted or withdrawn likewise (docs/SECURITY.md).
const actorCaches = new WeakMap<Deps, TtlCache<string, Actor & { kind: 'user' }>>();
function actorCache(deps: Deps) {
  let cache = actorCaches.get(deps);
  if (!cache) {
    cache = new TtlCache({ ttlMs: deps.config.SESSION_CACHE_SECONDS * 1000, maxEntries: 200_000 });
    actorCaches.set(deps, cache);
  }
  return cache;
}

/** Resolves a session token into the actor making the request; unknown, expired or revoked tokens are anonymous. */
export async function resolveActor(deps: Deps, token: string): Promise<Actor> {
  const tokenHash = hashToken(token);
  const cache = actorCache(deps);
  const cached = cache.get(tokenHash);
  if (cached) return cached;
  const actor = await sessionLookups(deps).submit(tokenHash);
  if (actor.kind === 'user') cache.set(tokenHash, actor);
  return actor;
}

// When thousands of buyers arrive at once (a flash sale's first second), their sessions are looked up together:
// one query for every token that missed the cache meanwhile, instead of one round trip per request.
const lookups = new WeakMap<Deps, GroupCommitter<string, Actor>>();
function sessionLookups(deps: Deps): GroupCommitter<string, Actor> {
  let c = lookups.get(deps);
  if (!c) {
    c = new GroupCommitter((hashes) => lookUpActors(deps, hashes), { maxBatch: 500, maxInFlight: 2 });
    lookups.set(deps, c);
  }
  return c;
}

async function lookUpActors(deps: Deps, tokenHashes: string[]): Promise<Actor[]> {
  const rows = await deps.database.db
    .select({
      tokenHash: sessions.tokenHash,
      sessionId: sessions.id,
      userId: users.id,
      roles: users.roles,
      secondFactorAt: sessions.secondFactorAt,
      staff: sql<
        { merchantId: string; role: string }[] | null
      >`(select json_agg(json_build_object('merchantId', ms.merchant_id, 'role', ms.role) order by ms.created_at, ms.merchant_id) from merchant_staff ms where ms.user_id = ${users.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        sql`${sessions.tokenHash} = any(${sql.param([...new Set(tokenHashes)])}::text[])`,
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, deps.clock.now()),
      ),
    );
  const byHash = new Map(rows.map((r) => [r.tokenHash, r]));
  return tokenHashes.map((h): Actor => {
    const row = byHash.get(h);
    if (!row) return anonymous;
    return {
      kind: 'user',
      userId: row.userId,
      sessionId: row.sessionId,
      roles: normaliseRoles(row.roles),
      staff: (row.staff ?? []).map(membershipOf),
      secondFactorAt: row.secondFactorAt,
    };
  });
}

/** Drops a user's cached actors so a role or second-factor change applies to their next request in this process. */
export function forgetCachedActors(deps: Deps, userId: string): void {
  actorCache(deps).deleteWhere((a) => a.userId === userId);
}

/**
 * A single-use ticket that signs one WebSocket in within a minute (`?ticket=`), for clients that cannot send the
 * session cookie; the session token itself never goes into a URL.
 */
export async function issueSocketTicket(ctx: Ctx): Promise<{ ticket: string; expiresAt: string }> {
  const user = requireUser(ctx.actor);
  const now = ctx.now();
  const ticket = newSessionToken();
  const expiresAt = new Date(now.getTime() + SOCKET_TICKET_TTL_MS);
  await ctx.db.delete(socketTickets).where(lt(socketTickets.expiresAt, now));
  await ctx.db.insert(socketTickets).values({ ticketHash: hashToken(ticket), sessionId: user.sessionId, expiresAt });
  return { ticket, expiresAt: expiresAt.toISOString() };
}

/** The actor a socket ticket stands for, spending it; used, expired or unknown tickets are anonymous. */
export async function redeemSocketTicket(deps: Deps, ticket: string): Promise<Actor> {
  const now = deps.clock.now();
  const [spent] = await deps.database.db
    .update(socketTickets)
    .set({ usedAt: now })
    .where(
      and(
        eq(socketTickets.ticketHash, hashToken(ticket)),
        isNull(socketTickets.usedAt),
        gt(socketTickets.expiresAt, now),
      ),
    )
    .returning({ sessionId: socketTickets.sessionId });
  if (!spent) return anonymous;
  const [session] = await deps.database.db
    .select({ tokenHash: sessions.tokenHash })
    .from(sessions)
    .where(eq(sessions.id, spent.sessionId));
  return session ? sessionLookups(deps).submit(session.tokenHash) : anonymous;
}

// ---- used by other modules and the seed script ----

const hashPassword = (password: string): Promise<string> => argonHash(password);

/** The blind index of a phone: what `users.phone_index` holds, so a phone is found without opening any row. */
/** Blind index of a phone on login codes and failures (its own context: these digests never match users'). */
export const LOGIN_PHONE_INDEX = 'login.phone';
export const loginPhoneIndex = (deps: Pick<Deps, 'fieldCrypto'>, phone: string): string =>
  deps.fieldCrypto.blindIndex(LOGIN_PHONE_INDEX, phone);

export const phoneIndexOf = (deps: Pick<Deps, 'fieldCrypto'>, phone: string): string =>
  deps.fieldCrypto.blindIndex(PHONE_INDEX, phone);

/** Registers an account; a phone that already has one is refused (the unique blind index decides, races included). */
export async function createUser(
  deps: Pick<Deps, 'fieldCrypto'>,
  db: Db,
  input: { phone: string; now: Date; nickname?: string; password?: string; roles?: Role[] },
): Promise<{ id: string }> {
  const id = newId('usr');
  const [inserted] = await db
    .insert(users)
    .values({
      id,
      phone: deps.fieldCrypto.seal(input.phone),
      phoneIndex: phoneIndexOf(deps, input.phone),
      nickname: input.nickname ?? `好物用户${input.phone.slice(-4)}`,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      roles: input.roles ?? ['consumer'],
      createdAt: input.now,
    })
    .onConflictDoNothing({ target: users.phoneIndex })
    .returning({ id: users.id });
  if (!inserted) throw new AppError('phone-taken', 409, '该手机号已注册');
  await emit(db, 'user.registered', { userId: id, registeredAt: input.now.toISOString() });
  return { id };
}

/** One indexed equality on the blind index; no row is opened. */
export async function findUserIdByPhone(
  deps: Pick<Deps, 'fieldCrypto'>,
  db: Db,
  phone: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.phoneIndex, phoneIndexOf(deps, phone)));
  return row?.id;
}

/** Phone numbers (opened) for a notice the user asked for (a live reminder) or a masked display; never shown whole to other users. */
export async function phonesOf(
  deps: Pick<Deps, 'fieldCrypto'>,
  db: Db,
  userIds: string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, phone: users.phone })
    .from(users)
    .where(sql`${users.id} in ${userIds}`);
  return new Map(rows.map((r) => [r.id, deps.fieldCrypto.open(r.phone)]));
}

export async function grantStaffRole(
  db: Db,
  input: { userId: string; merchantId: string; role: MerchantRole; now: Date },
): Promise<void> {
  await db
    .insert(merchantStaff)
    .values({ userId: input.userId, merchantId: input.merchantId, role: input.role, createdAt: input.now })
    .onConflictDoUpdate({ target: [merchantStaff.userId, merchantStaff.merchantId], set: { role: input.role } });
}

/** Public names for display next to reviews and orders; phone numbers never leave this module unmasked. */
export async function publicProfiles(
  db: Db,
  userIds: string[],
): Promise<Map<string, { nickname: string; avatarUrl: string | null }>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, nickname: users.nickname, avatarUrl: users.avatarUrl })
    .from(users)
    .where(sql`${users.id} in ${userIds}`);
  return new Map(rows.map((r) => [r.id, { nickname: r.nickname, avatarUrl: r.avatarUrl }]));
}

export async function startSession(ctx: Ctx, userId: string): Promise<LoginResult> {
  const token = newSessionToken();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await ctx.db
    .insert(sessions)
    .values({ id: newId('ses'), userId, tokenHash: hashToken(token), createdAt: now, expiresAt });
  const user = await loadUserDto(ctx.deps, ctx.db, userId);
  if (!user) throw new AppError('internal-error', 500, '登录失败');
  return { token, expiresAt: expiresAt.toISOString(), user };
}

async function loadUserDto(deps: Deps, db: Db, userId: string): Promise<UserDto | undefined> {
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  if (!u) return undefined;
  const staff = await db
    .select({ merchantId: merchantStaff.merchantId, role: merchantStaff.role })
    .from(merchantStaff)
    .where(eq(merchantStaff.userId, userId))
    .orderBy(merchantStaff.createdAt, merchantStaff.merchantId);
  return {
    id: u.id,
    phone: deps.fieldCrypto.open(u.phone),
    nickname: u.nickname,
    avatarUrl: u.avatarUrl,
    roles: normaliseRoles(u.roles),
    staff: staff.map(membershipOf),
    hasPassword: u.passwordHash !== null,
    createdAt: u.createdAt.toISOString(),
  };
}

/** When the account was created (reviews' new-account bursts); undefined for an unknown user. */
export async function accountCreatedAt(db: Db, userId: string): Promise<Date | undefined> {
  const [row] = await db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId));
  return row?.createdAt;
}
