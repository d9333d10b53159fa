import { mkdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { newId } from './ids.ts';

// Media this installation serves itself: uploads (/media/u/…), generated placeholders (/media/placeholder/…), generated
// product and scene art (/media/art/…, which the seed's reviews carry) and the
// bundled live sample (/live-sample/…). No scheme, no host, no path tricks: a stored image URL can never point a
// browser at a third party (tracking pixels) or at a `javascript:` URL.
// The query may carry a placeholder's label (e.g. ?label=精华液) but nothing that could leave an attribute.
const OWN_MEDIA_URL = /^\/(?:media\/(?:u|placeholder|art)|live-sample)\/[\w\-./%]+(?:\?[^\s"'<>\\`]*)?$/;

/** The one rule for every field that takes an image or video URL (avatars, logos, products, posts, reviews, …). */
export const isOwnMediaUrl = (url: string): boolean =>
  url.length <= 500 && OWN_MEDIA_URL.test(url) && !url.includes('..') && !url.includes('//');

/** The same rule as a request schema, with the message people see. */
export const OwnMediaUrl = z.string().refine(isOwnMediaUrl, '图片须先上传到本站（/media/ 开头的地址）');

/** Where uploaded media lives. Local disk under DATA_DIR by default; S3-compatible storage fits the same interface. */
export interface MediaStore {
  put(bytes: Buffer, ext: string): Promise<{ key: string; url: string }>;
  /** Directory served at /media/u/, when the store is local. */
  readonly localRoot: string | undefined;
}

export class LocalMediaStore implements MediaStore {
  readonly localRoot: string;
  constructor(localRoot: string) {
    this.localRoot = localRoot;
    // Exists from the start, so the static file server has a root to serve before the first upload.
    mkdirSync(localRoot, { recursive: true });
  }
  async put(bytes: Buffer, ext: string): Promise<{ key: string; url: string }> {
    const key = `${newId('med')}.${ext}`;
    const dir = path.join(this.localRoot, key.slice(4, 12));
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, key), bytes);
    return { key, url: `/media/u/${key.slice(4, 12)}/${key}` };
  }
}
