import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

/**
 * The Content-Security-Policy every page, API answer and file gets (docs/SECURITY.md, "Headers"). What the built
 * shop and console need, and no more: their scripts are files from this origin (Vite emits no inline script), so
 * script-src is 'self' alone. antd's CSS-in-JS writes <style> elements and antd-mobile sets style attributes at
 * run time, so style-src must allow inline styles — scripts, not styles, are what an injection needs. Images are
 * this origin's media plus data:/blob: (previews of a photo being uploaded); the live room's video may come from
 * the configured media server (LIVE_PLAYBACK_BASE_URL).
 */
function contentSecurityPolicy(config: Pick<Config, 'LIVE_PLAYBACK_BASE_URL' | 'PUBLIC_URL'>) {
  const playback = config.LIVE_PLAYBACK_BASE_URL ? [new URL(config.LIVE_PLAYBACK_BASE_URL).origin] : [];
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:', ...playback],
    'connect-src': ["'self'", ...playback],
    'font-src': ["'self'", 'data:'],
    'worker-src': ["'self'", 'blob:'],
    'form-action': ["'self'"],
    // Neither the console (clickjacking a merchant's "ship" or "refund" button) nor the shop is meant to be framed.
    'frame-ancestors': ["'none'"],
    // Only where the public address is https: on http://127.0.0.1 it would send the page's own requests to https.
    'upgrade-insecure-requests': config.PUBLIC_URL?.startsWith('https://') ? [] : null,
  };
}

/** Security headers on every response, through @fastify/helmet (one well-kept list instead of hand-set headers). */
export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  const https = config.PUBLIC_URL?.startsWith('https://') === true;
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) },
    frameguard: { action: 'deny' },
    // Same-origin requests keep the full referrer (the server reads it nowhere), other sites learn nothing:
    // share and invitation links carry codes that belong to the person who shared them.
    referrerPolicy: { policy: 'same-origin' },
    // Browsers ignore HSTS over http; sending it only behind https keeps a local http start honest.
    strictTransportSecurity: https ? { maxAge: 15_552_000, includeSubDomains: true } : false,
    // The payment cashier and the docs open in the same window; nothing is shared across windows.
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
