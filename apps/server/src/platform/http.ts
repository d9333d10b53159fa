import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import type { Actor, Permission } from './auth.ts';

// The Fastify instance as routes see it: what buildApp decorates it with. Routes import the type from here, not
// from app.ts, because app.ts imports every module and a route importing it back would close a cycle.

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
    /** Every module route with the permission it declares (app.ts). */
    routeTable: { method: string; url: string; permission: Permission }[];
  }
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyContextConfig {
    permission?: Permission;
  }
}

export type App = FastifyInstance;

/** The session cookie app.ts reads and the accounts routes set on sign-in. */
export const SESSION_COOKIE = 'haowu_session';
