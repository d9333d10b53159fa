import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import { SESSION_COOKIE } from './http.ts';

// Cross-origin writes (docs/SECURITY.md "Cross-origin writes"). The session cookie is SameSite=Lax, which stops other
// *sites* but not a page on the same site — another port or subdomain of the same host — from sending it along with
// a POST. So a state-changing request that authenticates with the cookie must come from one of the app's own
// origins: the origin the request was addressed to, PUBLIC_URL's, or one listed in PUBLIC_ORIGINS. Requests
// carrying a Bearer token (no browser attaches one on its own) and requests without the cookie (payment callbacks,
// scripts) are not affected. A WebSocket handshake with the cookie is checked the same way.

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const crossOrigin = (detail: string) => new AppError('cross-origin-refused', 403, '请求来源不被允许', detail);

/**
 * The origin the request was addressed to (scheme and Host, as forwarded by a trusted proxy), normalised as the
 * WHATWG URL parser writes origins (default ports dropped); undefined when the Host header is not a host.
 */
export function requestOrigin(req: FastifyRequest): string | undefined {
  try {
    return new URL(`${req.protocol}://${req.host}`).origin;
  } catch {
    return undefined;
  }
}

/** The onRequest hook; `configured` are the extra origins (PUBLIC_URL's and PUBLIC_ORIGINS), already normalised. */
export function refuseCrossOriginCookieWrites(configured: string[]) {
  const allowed = new Set(configured);
  return async (req: FastifyRequest): Promise<void> => {
    const upgrade = req.headers.upgrade?.toLowerCase() === 'websocket';
    if (!UNSAFE_METHODS.has(req.method) && !upgrade) return;
    if (req.headers.authorization?.startsWith('Bearer ')) return;
    if (!req.cookies[SESSION_COOKIE]) return;

    const origin = req.headers.origin;
    if (origin !== undefined) {
      if (origin === requestOrigin(req) || allowed.has(origin)) return;
      throw crossOrigin(`来源 ${origin.slice(0, 100)} 不是本站，已拒绝使用登录状态的写操作`);
    }
    // No Origin (older browsers on some same-origin requests): the browser's own account of where it came from.
    const site = req.headers['sec-fetch-site'];
    if (site === undefined || site === 'same-origin' || site === 'none') return;
    throw crossOrigin(`来自其他站点（${String(site)}）的请求不能使用本站的登录状态`);
  };
}
