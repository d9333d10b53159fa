import { mkdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newId } from './ids.ts';

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
