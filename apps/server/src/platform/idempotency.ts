import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from './context.ts';
import type { Db } from './db.ts';
import { AppError, type Result } from './errors.ts';
import { idempotencyKeys } from './schema.ts';

class Refused extends Error {
  readonly result: Result<unknown>;
  constructor(result: Result<unknown>) {
    super('refused');
    this.result = result;
  }
}

/**
 * The header schema of a route whose docs say "需 Idempotency-Key": a missing key is a 400 problem at validation,
 * and the generated clients (packages/api-types) mark the header required, so a caller cannot forget it.
 */
export const RequiredIdempotencyKey = z.object({
  'idempotency-key': z
    .string({ error: '请带上 Idempotency-Key 请求头（每次新的下单用新值，重试时沿用同一个）' })
    .min(1, 'Idempotency-Key 不能为空')
    .max(200, 'Idempotency-Key 最多 200 个字符'),
});

const stableJson = (v: unknown): string =>
  JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : val,
  );

/**
 * Runs a money- or stock-moving use-case once per Idempotency-Key. The key is claimed in the same transaction
 * as the change, so a crash can never leave a change without its key (or a key without its change): the same
 * key and body replay the stored response; the same key with another body is a 422. A refusal rolls back and
 * is not stored, so the caller may fix the cause and retry with the same key.
 */
export async function idempotent<V>(
  ctx: Ctx,
  scope: string,
  body: unknown,
  fn: (tx: Db) => Promise<Result<V>>,
  opts: { claimLast?: boolean } = {},
): Promise<Result<V>> {
  const key = ctx.idempotencyKey;
  if (!key) return atomically(ctx, fn);
  if (key.length > 200) throw new AppError('invalid-idempotency-key', 400, 'Idempotency-Key 过长', '最多 200 个字符');
  const actorId = ctx.actor.kind === 'user' ? ctx.actor.userId : ctx.actor.kind;
  const requestHash = createHash('sha256').update(stableJson(body)).digest('hex');
  if (opts.claimLast) return claimingLast(ctx, { actorId, scope, key, requestHash }, fn);
  return ctx
    .tx(async (tx) => {
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({ actorId, scope, key, requestHash, createdAt: ctx.now() })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (claimed.length === 0) {
        const [prior] = await tx
          .select()
          .from(idempotencyKeys)
          .where(
            and(eq(idempotencyKeys.actorId, actorId), eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)),
          );
        if (!prior || prior.requestHash !== requestHash) {
          throw new AppError(
            'idempotency-key-reused',
            422,
            '幂等键已用于另一个请求',
            '同一个 Idempotency-Key 只能用于相同的请求内容',
          );
        }
        return { ok: true, value: prior.response as V } satisfies Result<V>;
      }
      const result = rollbackOnRefusal(await fn(tx));
      await tx
        .update(idempotencyKeys)
        .set({ response: result.ok ? result.value : null })
        .where(
          and(eq(idempotencyKeys.actorId, actorId), eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)),
        );
      return result;
    })
    .catch(unwrapRefused<V>);
}

class AlreadyClaimed extends Error {}

/**
 * `idempotent` for a hot use-case whose `fn` touches nothing but the database (checkout): the key is claimed by the
 * transaction's last statement, together with the response, instead of a claim first and the response last — one
 * statement per request instead of two. A replay (or a concurrent twin, which waits on the key row until the first
 * commits) runs `fn` and rolls it back when the key turns out to be taken; any refusal or error is then checked
 * against a stored claim of the key, so a replay still answers the first response (or 422 for another body) even
 * when running `fn` again now refuses or fails. The key still commits with the change or not at all.
 * Not for use-cases with effects outside the database (a payment provider, messages): a replay would repeat them.
 */
async function claimingLast<V>(
  ctx: Ctx,
  claim: { actorId: string; scope: string; key: string; requestHash: string },
  fn: (tx: Db) => Promise<Result<V>>,
): Promise<Result<V>> {
  try {
    return await ctx.tx(async (tx) => {
      const result = rollbackOnRefusal(await fn(tx));
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({ ...claim, createdAt: ctx.now(), response: result.ok ? result.value : null })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (claimed.length === 0) throw new AlreadyClaimed('idempotency key already claimed');
      return result;
    });
  } catch (err) {
    const [prior] = await ctx.db
      .select()
      .from(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.actorId, claim.actorId),
          eq(idempotencyKeys.scope, claim.scope),
          eq(idempotencyKeys.key, claim.key),
        ),
      );
    if (prior) {
      if (prior.requestHash !== claim.requestHash) {
        throw new AppError(
          'idempotency-key-reused',
          422,
          '幂等键已用于另一个请求',
          '同一个 Idempotency-Key 只能用于相同的请求内容',
        );
      }
      return { ok: true, value: prior.response as V };
    }
    return unwrapRefused<V>(err);
  }
}

/** Runs `fn` in one transaction that commits on success and rolls back on a refusal (returning it). */
export async function atomically<V>(ctx: Ctx, fn: (tx: Db) => Promise<Result<V>>): Promise<Result<V>> {
  return ctx.tx(async (tx) => rollbackOnRefusal<V>(await fn(tx))).catch(unwrapRefused<V>);
}

function rollbackOnRefusal<V>(result: Result<V>): Result<V> {
  if (!result.ok) throw new Refused(result);
  return result;
}

function unwrapRefused<V>(err: unknown): Result<V> {
  if (err instanceof Refused) return err.result as Result<V>;
  throw err;
}
