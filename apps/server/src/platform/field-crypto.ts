// Field encryption at rest (docs/SECURITY.md "Field encryption"): envelope encryption. Values are sealed with
// AES-256-GCM under a data key; data keys are stored only wrapped by a master key that never touches the database —
// DATA_ENCRYPTION_KEY, a key file generated into DATA_DIR for the embedded default, or a KMS behind MasterKey.
// Rotating the master key re-wraps the data keys (cheap, no row rewritten); a new data key takes over new writes.
// A blind index (HMAC-SHA256 under a separate index key) lets a sealed column be looked up by equality (login by phone).
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from './db.ts';
import { newId } from './ids.ts';
import { encryptionKeys } from './schema.ts';

/** The KMS adapter: wraps and unwraps data keys. A cloud KMS implements the same two calls. */
export interface MasterKey {
  /** Stable, non-secret name stored beside each wrapped key, so the right master is chosen after a rotation. */
  id: string;
  wrap(dataKey: Buffer): Promise<Buffer>;
  unwrap(wrapped: Buffer): Promise<Buffer>;
}

/** A 32-byte master key held by this process (from DATA_ENCRYPTION_KEY or the generated key file). */
export function localMasterKey(key: Buffer): MasterKey {
  if (key.length !== 32)
    throw new Error('DATA_ENCRYPTION_KEY must be 32 bytes (64 hex characters or 44 base64 characters)');
  return {
    id: `local:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`,
    async wrap(dataKey) {
      return seal(key, dataKey);
    },
    async unwrap(wrapped) {
      return unseal(key, wrapped);
    },
  };
}

export function parseMasterKey(text: string): Buffer {
  const t = text.trim();
  return /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
}

/** DATA_ENCRYPTION_KEY, else a key generated once into DATA_DIR/keys (said loudly: losing that file loses the data). */
export function configuredMasterKey(
  config: { DATA_ENCRYPTION_KEY?: string; DATA_DIR: string },
  log: Logger,
): MasterKey {
  if (config.DATA_ENCRYPTION_KEY) return localMasterKey(parseMasterKey(config.DATA_ENCRYPTION_KEY));
  const file = path.join(path.resolve(config.DATA_DIR), 'keys', 'master.key');
  try {
    return localMasterKey(parseMasterKey(readFileSync(file, 'utf8')));
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
      log.warn(
        { file },
        'DATA_ENCRYPTION_KEY is not set: generated a master key for field encryption in DATA_DIR. BACK IT UP — without it ' +
          'phones, addresses and other sealed fields cannot be read. Set DATA_ENCRYPTION_KEY in production.',
      );
    } catch {
      // Another process (a parallel test) wrote it first: use theirs.
    }
    return localMasterKey(parseMasterKey(readFileSync(file, 'utf8')));
  }
}

const PREFIX = 'ev1';

function seal(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]);
}

function unseal(key: Buffer, sealed: Buffer): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  d.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([d.update(sealed.subarray(28)), d.final()]);
}

export class FieldCrypto {
  private readonly dataKeys = new Map<string, Buffer>();
  private activeKeyId: string | undefined;
  private indexKey: Buffer | undefined;

  private readonly master: MasterKey;

  constructor(master: MasterKey) {
    this.master = master;
  }

  /** Unwraps every data key into memory, creating the first data and index keys on a fresh database. */
  async load(db: Db, now: Date): Promise<void> {
    for (const purpose of ['data', 'index'] as const) {
      const [any] = await db.select().from(encryptionKeys).where(eq(encryptionKeys.purpose, purpose)).limit(1);
      if (!any) await this.addKey(db, purpose, now);
    }
    const rows = await db.select().from(encryptionKeys).orderBy(asc(encryptionKeys.createdAt), asc(encryptionKeys.id));
    for (const row of rows) {
      if (row.masterKeyId !== this.master.id) {
        throw new Error(
          `encryption key ${row.id} is wrapped by master key ${row.masterKeyId}, but this process has ${this.master.id}: ` +
            'set DATA_ENCRYPTION_KEY to the key the data was written with (after a rotation: run npm run rotate-keys)',
        );
      }
      const key = await this.master.unwrap(Buffer.from(row.wrappedKey, 'base64'));
      if (row.purpose === 'index') this.indexKey ??= key;
      else {
        this.dataKeys.set(row.id, key);
        if (!row.retiredAt) this.activeKeyId = row.id;
      }
    }
  }

  private async addKey(db: Db, purpose: 'data' | 'index', now: Date): Promise<string> {
    const id = newId('dek');
    const wrapped = await this.master.wrap(randomBytes(32));
    await db
      .insert(encryptionKeys)
      .values({ id, purpose, wrappedKey: wrapped.toString('base64'), masterKeyId: this.master.id, createdAt: now });
    return id;
  }

  private ready(): void {
    if (!this.activeKeyId || !this.indexKey) throw new Error('field encryption keys are not loaded (FieldCrypto.load)');
  }

  /** `ev1.<data key id>.<iv|tag|ciphertext, base64url>` — the key id says which data key opens it. */
  seal(plain: string): string {
    this.ready();
    const key = this.dataKeys.get(this.activeKeyId!)!;
    return `${PREFIX}.${this.activeKeyId}.${seal(key, Buffer.from(plain, 'utf8')).toString('base64url')}`;
  }

  sealOrNull(plain: string | null | undefined): string | null {
    return plain === null || plain === undefined ? null : this.seal(plain);
  }

  static isSealed(value: string): boolean {
    return value.startsWith(`${PREFIX}.`);
  }

  /** Opens a sealed value; a value written before encryption (not yet backfilled) is returned as it is. */
  open(value: string): string {
    if (!FieldCrypto.isSealed(value)) return value;
    const [, keyId, body] = value.split('.');
    const key = this.dataKeys.get(keyId!);
    if (!key) throw new Error(`unknown data key ${keyId}`);
    return unseal(key, Buffer.from(body!, 'base64url')).toString('utf8');
  }

  openOrNull(value: string | null | undefined): string | null {
    return value === null || value === undefined ? null : this.open(value);
  }

  /** Equality lookups on a sealed column: the same input and context give the same digest, and nothing else does. */
  blindIndex(context: string, value: string): string {
    this.ready();
    return createHmac('sha256', this.indexKey!).update(`${context}\u0000${value}`).digest('hex');
  }

  /**
   * Key rotation: every key is re-wrapped under `next` (rows are not rewritten: they name their data key, which is
   * unchanged), and a fresh data key takes over new writes. Run inside one transaction by `npm run rotate-keys`.
   */
  async rotate(db: Db, next: MasterKey, now: Date): Promise<{ rewrapped: number; newDataKeyId: string }> {
    const rows = await db.select().from(encryptionKeys);
    for (const row of rows) {
      const key = await this.master.unwrap(Buffer.from(row.wrappedKey, 'base64'));
      const wrapped = await next.wrap(key);
      await db
        .update(encryptionKeys)
        .set({ wrappedKey: wrapped.toString('base64'), masterKeyId: next.id })
        .where(eq(encryptionKeys.id, row.id));
    }
    await db
      .update(encryptionKeys)
      .set({ retiredAt: now })
      .where(and(eq(encryptionKeys.purpose, 'data'), isNull(encryptionKeys.retiredAt)));
    const rotated = new FieldCrypto(next);
    const newDataKeyId = await rotated.addKey(db, 'data', now);
    return { rewrapped: rows.length, newDataKeyId };
  }
}
