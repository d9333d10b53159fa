import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const appsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The built front ends this server serves, when they have been built (`npm run build`). */
const frontEnds = [
  { prefix: '/console/', dist: path.join(appsDir, 'console/dist') },
  { prefix: '/', dist: path.join(appsDir, 'shop/dist') },
];

/** Serves the shop at / and the console at /console/, falling back to each app's index.html for client routes. */
export async function serveFrontEnds(app: FastifyInstance): Promise<string[]> {
  const served: string[] = [];
  for (const fe of frontEnds) {
    if (!existsSync(path.join(fe.dist, 'index.html'))) continue;
    await app.register(fastifyStatic, {
      root: fe.dist,
      prefix: fe.prefix,
      decorateReply: served.length === 0,
      index: ['index.html'],
      setHeaders: (res, filePath) => {
        // Hashed assets never change; index.html must always be revalidated.
        res.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    served.push(fe.prefix);
  }
  return served;
}

/** For an unknown GET that a browser navigates to, the index.html of the app that owns the path. */
export function spaIndexFor(url: string): { root: string; file: string } | undefined {
  if (url.startsWith('/api/') || url.startsWith('/media/')) return undefined;
  const fe = frontEnds.find((f) => url.startsWith(f.prefix) || url === f.prefix.slice(0, -1));
  if (!fe || !existsSync(path.join(fe.dist, 'index.html'))) return undefined;
  return { root: fe.dist, file: 'index.html' };
}
