import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { merchantMembership, platformRolesOfUser } from '../accounts/api.ts';
import { staffGrants } from '../staff/api.ts';
import {
  actingMerchant,
  type SignedRequest,
  SIGNATURE_WINDOW_SECONDS,
  type UserActor,
  verifySignedRequest,
} from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, ok, type Result, refusals } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { apiKeyNonces, apiKeys } from './schema.ts';
import { permissionsOfPlatformScopes, type Scope } from './scopes.ts';

const refuse = refusals({ 'api-key-revoked': '该密钥已吊销' });

/** A key as its managers see it; `S` is the scope vocabulary of its kind. */
export interface ApiKeyView<S extends string = string> {
  id: string;
  name: string;
  scopes: S[];
  rateLimitPerMinute: number;
  createdAt: string;
  rotatedAt: string | null;
  previousSecretExpiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
export type KeyRow = typeof apiKeys.$inferSelect;

export const keyView = <S extends string>(k: KeyRow, now: Date): ApiKeyView<S> => ({
  id: k.id,
  name: k.name,
  scopes: k.scopes as S[],
  rateLimitPerMinute: k.rateLimitPerMinute,
  createdAt: k.createdAt.toISOString(),
  rotatedAt: k.rotatedAt?.toISOString() ?? null,
  previousSecretExpiresAt:
    k.previousSecretExpiresAt && k.previousSecretExpiresAt > now ? k.previousSecretExpiresAt.toISOString() : null,
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

const newSecret = () => `hsk_${randomBytes(32).toString('base64url')}`;

/** Whose keys: one shop's, or the platform's. The same machinery serves both (platform-keys.ts). */
export type KeyOwner = { kind: 'merchant'; merchantId: string } | { kind: 'platform' };

const ownedBy = (owner: KeyOwner) =>
  owner.kind === 'merchant'
    ? and(eq(apiKeys.kind, 'merchant'), eq(apiKeys.merchantId, owner.merchantId))
    : eq(apiKeys.kind, 'platform');

export async function insertKey(
  ctx: Ctx,
  owner: KeyOwner,
  input: { name: string; scopes: readonly string[]; rateLimitPerMinute: number },
): Promise<{ row: KeyRow; secret: string }> {
  const secret = newSecret();
  const [row] = await ctx.db
    .insert(apiKeys)
    .values({
      id: newId('hk'),
      kind: owner.kind,
      merchantId: owner.kind === 'merchant' ? owner.merchantId : null,
      name: input.name,
      scopes: [...new Set(input.scopes)],
      secret: ctx.deps.fieldCrypto.seal(secret),
      rateLimitPerMinute: input.rateLimitPerMinute,
      createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      createdAt: ctx.now(),
    })
    .returning();
  return { row: row!, secret };
}

export const keysOf = (ctx: Ctx, owner: KeyOwner): Promise<KeyRow[]> =>
  ctx.db.select().from(apiKeys).where(ownedBy(owner)).orderBy(desc(apiKeys.createdAt));

export async function keyOf(ctx: Ctx, owner: KeyOwner, keyId: string): Promise<KeyRow> {
  const [key] = await ctx.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, keyId), ownedBy(owner)));
  if (!key) throw notFound('API 密钥', keyId);
  return key;
}

/** A new secret; the old one keeps working for `graceHours` so the caller can deploy the new one first. */
export async function rotateKey<S extends string>(
  ctx: Ctx,
  key: KeyRow,
  graceHours: number,
): Promise<Result<ApiKeyView<S> & { secret: string }, 'api-key-revoked'>> {
  if (key.revokedAt) return refuse('api-key-revoked');
  const now = ctx.now();
  const secret = newSecret();
  const [row] = await ctx.db
    .update(apiKeys)
    .set({
      secret: ctx.deps.fieldCrypto.seal(secret),
      previousSecret: graceHours > 0 ? key.secret : null,
      previousSecretExpiresAt: graceHours > 0 ? new Date(now.getTime() + graceHours * 3_600_000) : null,
      rotatedAt: now,
    })
    .where(eq(apiKeys.id, key.id))
    .returning();
  return ok({ ...keyView<S>(row!, now), secret });
}

/** Takes effect on the next request: keys are looked up on every request, never cached. */
export async function revokeKey<S extends string>(ctx: Ctx, key: KeyRow): Promise<ApiKeyView<S>> {
  const now = ctx.now();
  const [row] = await ctx.db
    .update(apiKeys)
    .set({ revokedAt: key.revokedAt ?? now, previousSecret: null, previousSecretExpiresAt: null })
    .where(eq(apiKeys.id, key.id))
    .returning();
  return keyView<S>(row!, now);
}

/** Only the merchant's owner manages its keys: a key can do whatever its scopes allow, for the whole shop. */
const owningMerchant = (ctx: Ctx): KeyOwner => ({
  kind: 'merchant',
  merchantId: actingMerchant(ctx.actor, ctx.merchantHint, 'openplatform.manage').merchantId,
});

export async function createApiKey(
  ctx: Ctx,
  input: { name: string; scopes: Scope[]; rateLimitPerMinute: number },
): Promise<ApiKeyView<Scope> & { secret: string }> {
  const { row, secret } = await insertKey(ctx, owningMerchant(ctx), input);
  return { ...keyView<Scope>(row, ctx.now()), secret };
}

export async function listApiKeys(ctx: Ctx): Promise<ApiKeyView<Scope>[]> {
  const rows = await keysOf(ctx, owningMerchant(ctx));
  return rows.map((r) => keyView<Scope>(r, ctx.now()));
}

export async function rotateApiKey(ctx: Ctx, keyId: string, graceHours: number) {
  return rotateKey<Scope>(ctx, await keyOf(ctx, owningMerchant(ctx), keyId), graceHours);
}

export async function revokeApiKey(ctx: Ctx, keyId: string): Promise<ApiKeyView<Scope>> {
  return revokeKey<Scope>(ctx, await keyOf(ctx, owningMerchant(ctx), keyId));
}

const keyRejected = () => new AppError('api-key-invalid', 401, 'API 密钥无效', '密钥不存在或已吊销');

/**
 * The actor of a signed request: its merchant's staff or the platform's key, limited to the key's scopes (scopes.ts). The nonce is
 * recorded for twice the window, after the signature checked out, so a forged request cannot burn a real nonce.
 */
export async function authenticateSignedRequest(deps: Deps, req: SignedRequest): Promise<UserActor> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const [key] = await db.select().from(apiKeys).where(eq(apiKeys.id, req.keyId));
  if (!key || key.revokedAt) throw keyRejected();
  const secrets = [deps.fieldCrypto.open(key.secret)];
  if (key.previousSecret && key.previousSecretExpiresAt && key.previousSecretExpiresAt > now) {
    secrets.push(deps.fieldCrypto.open(key.previousSecret));
  }
  verifySignedRequest(req, secrets, now);
  const fresh = await db
    .insert(apiKeyNonces)
    .values({
      keyId: key.id,
      nonce: req.nonce,
      expiresAt: new Date(now.getTime() + 2 * SIGNATURE_WINDOW_SECONDS * 1000),
    })
    .onConflictDoNothing()
    .returning({ nonce: apiKeyNonces.nonce });
  if (fresh.length === 0) {
    throw new AppError('signature-replayed', 401, '请求重复提交', '这个 nonce 已经用过：每个请求须使用新的随机 nonce');
  }
  // Last-used is for people ("is this key still in use?"): minute precision spares a write per request.
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, key.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - 60_000))),
      ),
    );
  if (key.kind === 'platform') return platformKeyActor(db, key);
  return {
    kind: 'user',
    userId: key.createdBy ?? key.id,
    sessionId: key.id,
    roles: [],
    // A shop manager's reach, narrowed further to the key's scopes by requireApiKeyScope on every request.
    staff: key.merchantId ? [merchantMembership(key.merchantId, 'manager')] : [],
    apiKey: {
      id: key.id,
      kind: 'merchant',
      scopes: key.scopes,
      perMinute: key.rateLimitPerMinute,
      staffPermissions: [],
    },
  };
}

/**
 * A platform key is no staff member: it carries the platform-staff marker (so operator use-cases accept it) but no
 * role, and holds only the permissions its scopes name that the person who created it still holds — a key never
 * outlasts its creator's own access (roles taken away, account erased).
 */
async function platformKeyActor(db: Db, key: KeyRow): Promise<UserActor> {
  const creatorRoles = key.createdBy ? ((await platformRolesOfUser(db, key.createdBy)) ?? []) : [];
  const creatorHolds = staffGrants.permissionsOf(creatorRoles);
  return {
    kind: 'user',
    userId: key.id,
    sessionId: key.id,
    roles: ['operator'],
    staff: [],
    apiKey: {
      id: key.id,
      kind: 'platform',
      scopes: key.scopes,
      perMinute: key.rateLimitPerMinute,
      staffPermissions: permissionsOfPlatformScopes(key.scopes).filter((p) => creatorHolds.has(p)),
    },
  };
}

/** Nonces older than twice the window can no longer be replayed (the timestamp check refuses them first). */
export async function forgetExpiredNonces(deps: Deps, now: Date): Promise<number> {
  const gone = await deps.database.db
    .delete(apiKeyNonces)
    .where(lt(apiKeyNonces.expiresAt, now))
    .returning({ nonce: apiKeyNonces.nonce });
  return gone.length;
}
