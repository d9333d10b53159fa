import type { FastifyRequest } from 'fastify';

// What request logs may carry (docs/SECURITY.md "What is logged and redacted"): a URL's secret-bearing query
// parameters are replaced before the line is written, whatever route the URL names — so a client that still puts a
// session token in a socket URL leaves nothing usable in the log.

const SECRET_PARAMS = new Set(['token', 'ticket', 'access_token', 'password', 'code', 'sig', 'signature']);

/** The URL with the values of secret-bearing query parameters replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed name is kept as written and compared as is.
      }
      return SECRET_PARAMS.has(decoded.toLowerCase()) && eq >= 0 ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

/** Fastify's request serializer, with the URL redacted. */
export function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
