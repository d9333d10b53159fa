import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from './harness.ts';
import { FieldCrypto, localMasterKey } from '../src/platform/field-crypto.ts';

const db = (await freshDatabase()).db;
const now = new Date('2026-12-07T00:00:00Z');

describe('field encryption', () => {
  it('seals and opens, never stores the plain value, and reads values written before encryption', async () => {
    const crypto = new FieldCrypto(localMasterKey(randomBytes(32)));
    await crypto.load(db, now);
    const sealed = crypto.seal('13800138000');
    expect(sealed).toMatch(/^ev1\.dek_/);
    expect(sealed).not.toContain('13800138000');
    expect(crypto.seal('13800138000')).not.toBe(sealed); // a fresh IV each time
    expect(crypto.open(sealed)).toBe('13800138000');
    expect(crypto.open('13800138000')).toBe('13800138000');
    // Tampering is detected (GCM tag), not silently decrypted into garbage.
    expect(() => crypto.open(`${sealed.slice(0, -2)}AA`)).toThrow();
  });

  it('gives a stable blind index per context, and rotation re-wraps keys so old values still open', async () => {
    const first = localMasterKey(randomBytes(32));
    const database = (await freshDatabase()).db;
    const before = new FieldCrypto(first);
    await before.load(database, now);
    const sealed = before.seal('浙江省杭州市西湖区文三路 100 号');
    const index = before.blindIndex('users.phone', '13800138000');
    expect(before.blindIndex('users.phone', '13800138000')).toBe(index);
    expect(before.blindIndex('addresses.phone', '13800138000')).not.toBe(index);

    const next = localMasterKey(randomBytes(32));
    const rotated = await database.transaction((tx) => before.rotate(tx, next, now));
    expect(rotated.rewrapped).toBe(2);
    // The old master no longer opens anything: a process still holding it is told to update DATA_ENCRYPTION_KEY.
    await expect(new FieldCrypto(first).load(database, now)).rejects.toThrow(/DATA_ENCRYPTION_KEY/);
    const after = new FieldCrypto(next);
    await after.load(database, now);
    expect(after.open(sealed)).toBe('浙江省杭州市西湖区文三路 100 号');
    expect(after.blindIndex('users.phone', '13800138000')).toBe(index);
    const newer = after.seal('x');
    expect(newer.split('.')[1]).toBe(rotated.newDataKeyId);
    expect(newer.split('.')[1]).not.toBe(sealed.split('.')[1]);
  });
});
