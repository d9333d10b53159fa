import type { FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { type Actor, systemActor } from './auth.ts';
import type { Db } from './db.ts';

/** Everything a use-case needs about the request it serves. Passed first to every service function. */
export interface Ctx {
  actor: Actor;
  now(): Date;
  requestId: string;
  db: Db;
  deps: Deps;
  ip: string;
  idempotencyKey: string | undefined;
  /** The merchant a staff member asked to act for (X-Merchant-Id). */
  merchantHint: string | undefined;
  /** Runs `fn` in one transaction and wakes the outbox dispatcher after it commits. */
  tx<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
}

export function makeCtx(
  deps: Deps,
  actor: Actor,
  extra: Partial<Pick<Ctx, 'requestId' | 'ip' | 'idempotencyKey' | 'merchantHint' | 'db'>> = {},
): Ctx {
  const db = extra.db ?? deps.database.db;
  return {
    actor,
    now: () => deps.clock.now(),
    requestId: extra.requestId ?? 'internal',
    db,
    deps,
    ip: extra.ip ?? '127.0.0.1',
    idempotencyKey: extra.idempotencyKey,
    merchantHint: extra.merchantHint,
    async tx<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const result = await db.transaction(fn);
      deps.events.kick();
      return result;
    },
  };
}

/** A context for jobs and event subscribers, acting as the system. */
export const systemCtx = (deps: Deps, name: string, db?: Db): Ctx => makeCtx(deps, systemActor(name), db ? { db } : {});

export function ctxOf(req: FastifyRequest): Ctx {
  const header = (name: string) => {
    const v = req.headers[name];
    return typeof v === 'string' && v.length > 0 ? v : undefined;
  };
  return makeCtx(req.server.deps, req.actor, {
    requestId: req.id,
    ip: req.ip,
    idempotencyKey: header('idempotency-key'),
    merchantHint: header('x-merchant-id'),
  });
}
