import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { merchantMembership } from '../accounts/api.ts';
import {
  actingMerchant,
  type SignedRequest,
  SIGNATURE_WINDOW_SECONDS,
  type UserActor,
  verifySignedRequest,
} from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound, ok, type Result, refusals } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { apiKeyNonces, apiKeys } from './schema.ts';
import type { Scope } from './scopes.ts';

const refuse = refusals({ 'api-key-revoked': '该密钥已吊销' });

export interface ApiKeyView {
  id: string;
  name: string;
  scopes: Scope[];
  rateLimitPerMinute: number;
  createdAt: string;
  rotatedAt: string | null;
  previousSecretExpiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const view = (k: typeof apiKeys.$inferSelect, now: Date): ApiKeyView => ({
  id: k.id,
  name: k.name,
  scopes: k.scopes as Scope[],
  rateLimitPerMinute: k.rateLimitPerMinute,
  createdAt: k.createdAt.toISOString(),
  rotatedAt: k.rotatedAt?.toISOString() ?? null,
  previousSecretExpiresAt:
    k.previousSecretExpiresAt && k.previousSecretExpiresAt > now ? k.previousSecretExpiresAt.toISOString() : null,
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

const newSecret = () => `hsk_${randomBytes(32).toString('base64url')}`;

/** Only the merchant's owner manages keys: a key can do whatever its scopes allow, for the whole shop. */
const owningMerchant = (ctx: Ctx) => actingMerchant(ctx.actor, ctx.merchantHint, 'openplatform.manage').merchantId;

export async function createApiKey(
  ctx: Ctx,
  input: { name: string; scopes: Scope[]; rateLimitPerMinute: number },
): Promise<ApiKeyView & { secret: string }> {
  const merchantId = owningMerchant(ctx);
  const secret = newSecret();
  const now = ctx.now();
  const [row] = await ctx.db
    .insert(apiKeys)
    .values({
      id: newId('hk'),
      merchantId,
      name: input.name,
      scopes: [...new Set(input.scopes)],
      secret: ctx.deps.fieldCrypto.seal(secret),
      rateLimitPerMinute: input.rateLimitPerMinute,
      createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      createdAt: now,
    })
    .returning();
  return { ...view(row!, now), secret };
}

export async function listApiKeys(ctx: Ctx): Promise<ApiKeyView[]> {
  const merchantId = owningMerchant(ctx);
  const rows = await ctx.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.merchantId, merchantId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((r) => view(r, ctx.now()));
}

async function ownKey(ctx: Ctx, keyId: string) {
  const merchantId = owningMerchant(ctx);
  const [key] = await ctx.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.merchantId, merchantId)));
  if (!key) throw notFound('API 密钥', keyId);
  return key;
}

/** A new secret; the old one keeps working for `graceHours` so the caller can deploy the new one first. */
export async function rotateApiKey(
  ctx: Ctx,
  keyId: string,
  graceHours: number,
): Promise<Result<ApiKeyView & { secret: string }, 'api-key-revoked'>> {
  const key = await ownKey(ctx, keyId);
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
  return ok({ ...view(row!, now), secret });
}

/** Takes effect on the next request: keys are looked up on every request, never cached. */
export async function revokeApiKey(ctx: Ctx, keyId: string): Promise<ApiKeyView> {
  const key = await ownKey(ctx, keyId);
  const now = ctx.now();
  const [row] = await ctx.db
    .update(apiKeys)
    .set({ revokedAt: key.revokedAt ?? now, previousSecret: null, previousSecretExpiresAt: null })
    .where(eq(apiKeys.id, key.id))
    .returning();
  return view(row!, now);
}

const keyRejected = () => new AppError('api-key-invalid', 401, 'API 密钥无效', '密钥不存在或已吊销');

/**
 * The actor of a signed request: its merchant's staff, limited to the key's scopes (scopes.ts). The nonce is
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
  return {
    kind: 'user',
    userId: key.createdBy ?? key.id,
    sessionId: key.id,
    roles: [],
    // A shop manager's reach, narrowed further to the key's scopes by requireApiKeyScope on every request.
    staff: [merchantMembership(key.merchantId, 'manager')],
    apiKey: { id: key.id, scopes: key.scopes, perMinute: key.rateLimitPerMinute },
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
