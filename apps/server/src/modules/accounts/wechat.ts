import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { hashToken, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { forbidden, ok, refusals, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { WechatIdentity, WechatLoginKind, WechatScope } from '../../platform/wechat-login.ts';
import { wechatIdentities, wechatLogins } from './schema.ts';
import { accountForPhone, consumeLoginCode, type LoginResult, startSession } from './service.ts';

// 微信登录 (docs/PROVIDERS.md): authorize with a single-use state → WeChat's code → the identity → the bound account,
// or, for a person WeChat knows but we do not, a short-lived ticket that becomes an account once a phone is proven.

const STATE_TTL_MS = 10 * 60_000;
const TICKET_TTL_MS = 10 * 60_000;
/** The shop page WeChat sends the browser back to. */
const WECHAT_CALLBACK_PATH = '/login/wechat';

const refuse = refusals({
  'wechat-state-invalid': [400, '微信登录请求已失效'],
  'wechat-ticket-invalid': [400, '绑定手机号的时间已过'],
  'code-invalid': [400, '验证码错误或已过期'],
  'wechat-bound-elsewhere': [409, '该微信已绑定其他账号'],
  'wechat-already-bound': [409, '账号已绑定其他微信'],
  'phone-has-wechat': [409, '该手机号已绑定其他微信'],
});

export interface WechatBinding {
  bound: boolean;
  nickname: string | null;
  boundAt: string | null;
}

export type WechatCallbackOutcome =
  | { status: 'signed-in'; login: LoginResult }
  | { status: 'needs-phone'; ticket: string; nickname: string | null; expiresAt: string }
  | { status: 'bound'; wechat: WechatBinding };

/** The URL that starts a sign-in (or, with `bindUserId`, a binding from settings). */
export async function startWechatLogin(
  ctx: Ctx,
  input: { kind: WechatLoginKind; scope?: 'snsapi_base' | 'snsapi_userinfo'; bind?: boolean },
): Promise<{ authorizeUrl: string; expiresAt: string }> {
  const bindUserId = input.bind ? requireUser(ctx.actor).userId : null;
  const scope: WechatScope = input.kind === 'web' ? 'snsapi_login' : (input.scope ?? 'snsapi_userinfo');
  const state = randomBytes(16).toString('hex');
  const expiresAt = new Date(ctx.now().getTime() + STATE_TTL_MS);
  const authorizeUrl = ctx.deps.wechatLogin.authorizeUrl({
    kind: input.kind,
    scope,
    state,
    redirectUri: `${ctx.deps.config.PUBLIC_URL?.replace(/\/$/, '') ?? ''}${WECHAT_CALLBACK_PATH}`,
  });
  await ctx.db.insert(wechatLogins).values({
    id: newId('wxl'),
    stateHash: hashToken(state),
    kind: input.kind,
    scope,
    bindUserId,
    expiresAt,
    createdAt: ctx.now(),
  });
  return { authorizeUrl, expiresAt: expiresAt.toISOString() };
}

/**
 * WeChat sent the browser back with `code` and our `state`. The state is used up first (a replayed callback or a
 * forged one is refused before WeChat is asked); then the code becomes an identity.
 */
export async function finishWechatLogin(
  ctx: Ctx,
  input: { code: string; state: string },
): Promise<Result<WechatCallbackOutcome>> {
  const now = ctx.now();
  const [row] = await ctx.db
    .update(wechatLogins)
    .set({ callbackAt: now })
    .where(
      and(
        eq(wechatLogins.stateHash, hashToken(input.state)),
        isNull(wechatLogins.callbackAt),
        gt(wechatLogins.expiresAt, now),
      ),
    )
    .returning();
  if (!row) return refuse('wechat-state-invalid', '请回到登录页重新点击「微信登录」');
  if (row.bindUserId && (ctx.actor.kind !== 'user' || ctx.actor.userId !== row.bindUserId))
    throw forbidden('请用发起绑定的账号完成绑定');
  const identity = await ctx.deps.wechatLogin.exchangeCode(row.kind, input.code, row.scope as WechatScope);

  if (row.bindUserId) {
    const userId = row.bindUserId;
    const bound = await ctx.tx((tx) => bindIdentity(tx, userId, identity, now));
    if (!bound.ok) return bound;
    await ctx.db.update(wechatLogins).set({ finishedAt: now }).where(eq(wechatLogins.id, row.id));
    return ok({ status: 'bound', wechat: await wechatBindingOf(ctx.db, userId) });
  }
  const owner = await boundOwner(ctx.db, identity);
  if (owner) {
    await ctx.db.update(wechatLogins).set({ finishedAt: now }).where(eq(wechatLogins.id, row.id));
    return ok({ status: 'signed-in', login: await startSession(ctx, owner.userId) });
  }
  const ticket = randomBytes(24).toString('base64url');
  const ticketExpiresAt = new Date(now.getTime() + TICKET_TTL_MS);
  await ctx.db
    .update(wechatLogins)
    .set({
      appid: identity.appid,
      openid: identity.openid,
      unionid: identity.unionid,
      nickname: identity.nickname,
      ticketHash: hashToken(ticket),
      ticketExpiresAt,
    })
    .where(eq(wechatLogins.id, row.id));
  return ok({ status: 'needs-phone', ticket, nickname: identity.nickname, expiresAt: ticketExpiresAt.toISOString() });
}

/** A person new to us proves a phone (SMS code): the phone's account — new or existing — gets the WeChat identity. */
export async function bindPhoneAndSignIn(
  ctx: Ctx,
  input: { ticket: string; phone: string; code: string },
): Promise<Result<LoginResult>> {
  const now = ctx.now();
  const [row] = await ctx.db
    .select()
    .from(wechatLogins)
    .where(
      and(
        eq(wechatLogins.ticketHash, hashToken(input.ticket)),
        isNull(wechatLogins.finishedAt),
        gt(wechatLogins.ticketExpiresAt, now),
      ),
    );
  if (!row?.openid || !row.appid) return refuse('wechat-ticket-invalid', '请回到登录页重新点击「微信登录」');
  if (!(await consumeLoginCode(ctx, input.phone, input.code))) return refuse('code-invalid');
  const userId = await accountForPhone(ctx, input.phone);
  const identity = { appid: row.appid, openid: row.openid, unionid: row.unionid, nickname: row.nickname };
  const bound = await ctx.tx(async (tx) => {
    const [finished] = await tx
      .update(wechatLogins)
      .set({ finishedAt: now })
      .where(and(eq(wechatLogins.id, row.id), isNull(wechatLogins.finishedAt)))
      .returning({ id: wechatLogins.id });
    if (!finished) return refuse('wechat-ticket-invalid', '请回到登录页重新点击「微信登录」');
    const result = await bindIdentity(tx, userId, identity, now);
    if (!result.ok && result.type === 'wechat-already-bound')
      return refuse('phone-has-wechat', '请用该手机号登录后在「账号设置」中解绑原微信，或换一个手机号');
    return result;
  });
  if (!bound.ok) return bound;
  return ok(await startSession(ctx, userId));
}

export async function myWechatBinding(ctx: Ctx): Promise<WechatBinding> {
  return wechatBindingOf(ctx.db, requireUser(ctx.actor).userId);
}

/** Unbinding leaves the phone as the way in; signing in with that WeChat again asks for a phone. */
export async function unbindWechat(ctx: Ctx): Promise<WechatBinding> {
  const { userId } = requireUser(ctx.actor);
  await ctx.db.delete(wechatIdentities).where(eq(wechatIdentities.userId, userId));
  return wechatBindingOf(ctx.db, userId);
}

async function wechatBindingOf(db: Db, userId: string): Promise<WechatBinding> {
  const [row] = await db.select().from(wechatIdentities).where(eq(wechatIdentities.userId, userId));
  return row
    ? { bound: true, nickname: row.nickname, boundAt: row.createdAt.toISOString() }
    : { bound: false, nickname: null, boundAt: null };
}

/** The account bound to this identity: by unionid when known (the same person in another of our apps), else openid. */
async function boundOwner(db: Db, identity: Pick<WechatIdentity, 'appid' | 'openid' | 'unionid'>) {
  const byOpenid = and(eq(wechatIdentities.appid, identity.appid), eq(wechatIdentities.openid, identity.openid));
  const [row] = await db
    .select()
    .from(wechatIdentities)
    .where(identity.unionid ? or(eq(wechatIdentities.unionid, identity.unionid), byOpenid) : byOpenid)
    .orderBy(sql`${wechatIdentities.unionid} is null`)
    .limit(1);
  return row;
}

async function bindIdentity(
  tx: Db,
  userId: string,
  identity: Pick<WechatIdentity, 'appid' | 'openid' | 'unionid' | 'nickname'>,
  now: Date,
): Promise<Result<null>> {
  const owner = await boundOwner(tx, identity);
  if (owner && owner.userId !== userId) return refuse('wechat-bound-elsewhere', '请先用该微信登录原账号并解绑');
  if (owner) {
    // Learn the unionid when an earlier snsapi_base sign-in did not have it.
    if (!owner.unionid && identity.unionid)
      await tx.update(wechatIdentities).set({ unionid: identity.unionid }).where(eq(wechatIdentities.userId, userId));
    return ok(null);
  }
  const inserted = await tx
    .insert(wechatIdentities)
    .values({ userId, ...identity, createdAt: now })
    .onConflictDoNothing()
    .returning({ userId: wechatIdentities.userId });
  if (inserted.length === 0) {
    const [mine] = await tx.select().from(wechatIdentities).where(eq(wechatIdentities.userId, userId));
    return mine
      ? refuse('wechat-already-bound', '请先在「账号设置」中解绑原微信')
      : refuse('wechat-bound-elsewhere', '请先用该微信登录原账号并解绑');
  }
  return ok(null);
}
