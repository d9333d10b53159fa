import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { Client, loginByCode, nextPhone } from '../../../test/http.ts';
import { FieldCrypto } from '../../platform/field-crypto.ts';
import { sealPlainAddresses, sealPlainLoginPhones, sealPlainPhones } from './backfill.ts';
import { createUser, findUserIdByPhone, loginPhoneIndex, phoneIndexOf } from './service.ts';
import { addresses, loginCodes, loginFailures, users } from './schema.ts';

// Phones and address books at rest (docs/PRIVACY.md "Encryption at rest"): sealed in the row, found by blind index.
const t = await createTestApp();
const db = t.deps.database.db;
const anon = new Client(t);

const rawUser = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;

const address = {
  recipient: '李四',
  phone: '13912345678',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  detail: '文三路 90 号 1 幢 202 室',
};

describe('users.phone sealed, looked up by its blind index', () => {
  it('registers by SMS code with the phone sealed in the row and only its digest searchable', async () => {
    const me = await loginByCode(t);
    const row = await rawUser(me.userId);
    expect(FieldCrypto.isSealed(row.phone)).toBe(true);
    expect(JSON.stringify(row)).not.toContain(me.phone);
    expect(row.phoneIndex).toBe(phoneIndexOf(t.deps, me.phone));
    expect((await me.get('/api/v1/me')).body.phone).toBe(me.phone);
    // A second code login is the same account: the blind index found it.
    t.clock.advanceMinutes(2);
    expect((await loginByCode(t, me.phone)).userId).toBe(me.userId);
  });

  it('logs in with a password by phone, and a wrong phone is the same refusal as a wrong password', async () => {
    const me = await loginByCode(t);
    await me.put('/api/v1/me/password', { password: 'haowu2026' });
    const good = await anon.post('/api/v1/auth/login/password', { phone: me.phone, password: 'haowu2026' });
    expect(good.status).toBe(200);
    expect(good.body.user).toMatchObject({ id: me.userId, phone: me.phone });
    const unknown = await anon.post('/api/v1/auth/login/password', { phone: nextPhone(), password: 'haowu2026' });
    expect(unknown.body.type).toBe('credentials-invalid');
  });

  it('refuses a second account for a registered phone', async () => {
    const phone = nextPhone();
    const { id } = await createUser(t.deps, db, { phone, now: t.clock.now() });
    await expect(createUser(t.deps, db, { phone, now: t.clock.now() })).rejects.toMatchObject({
      type: 'phone-taken',
      status: 409,
      title: '该手机号已注册',
    });
    expect(await findUserIdByPhone(t.deps, db, phone)).toBe(id);
    const owners = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.phoneIndex, phoneIndexOf(t.deps, phone)));
    expect(owners).toEqual([{ id }]);
  });

  it('the look-up is one equality on the unique blind index (no row is opened to find a phone)', async () => {
    // A handful of rows would be scanned anyway, so sequential scans are priced out: the index must serve it.
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const res = await tx.execute(
        sql`explain select id from users where phone_index = ${phoneIndexOf(t.deps, nextPhone())}`,
      );
      return JSON.stringify((res as { rows: unknown[] }).rows);
    });
    expect(plan).toContain('users_phone_index_uq');
  });
});

describe('login codes and failures sealed, counted by blind index', () => {
  it('stores the phone of a code sealed, and the code still signs in', async () => {
    const me = await loginByCode(t);
    const rows = await db
      .select()
      .from(loginCodes)
      .where(eq(loginCodes.phoneIndex, loginPhoneIndex(t.deps, me.phone)));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(me.phone);
    expect(t.deps.fieldCrypto.open(rows[0]!.phone)).toBe(me.phone);
    // Its own context: the login digest is not the account's.
    expect(rows[0]!.phoneIndex).not.toBe(phoneIndexOf(t.deps, me.phone));
  });

  it('counts wrong passwords on one sealed row per phone and locks after five', async () => {
    const me = await loginByCode(t);
    await me.put('/api/v1/me/password', { password: 'haowu2026' });
    for (let i = 0; i < 4; i++) {
      const r = await anon.post('/api/v1/auth/login/password', { phone: me.phone, password: 'wrong-one' });
      expect(r.body.type).toBe('credentials-invalid');
    }
    const rows = await db.select().from(loginFailures).where(byIndexOf(me.phone));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.failures).toBe(4);
    expect(JSON.stringify(rows)).not.toContain(me.phone);
    const fifth = await anon.post('/api/v1/auth/login/password', { phone: me.phone, password: 'wrong-one' });
    expect(fifth.status).toBe(429);
    const right = await anon.post('/api/v1/auth/login/password', { phone: me.phone, password: 'haowu2026' });
    expect(right.status).toBe(429);
  });
});

describe('address book sealed', () => {
  it('stores recipient, phone and street sealed; province and city stay plain; the owner reads them opened', async () => {
    const me = await loginByCode(t);
    const added = await me.post('/api/v1/me/addresses', address);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject(address);
    const [row] = await db.select().from(addresses).where(eq(addresses.id, added.body.id));
    for (const f of ['recipient', 'phone', 'detail'] as const) expect(FieldCrypto.isSealed(row![f])).toBe(true);
    expect(JSON.stringify(row)).not.toContain(address.phone);
    expect(JSON.stringify(row)).not.toContain('文三路');
    expect(row).toMatchObject({ province: '浙江省', city: '杭州市', district: '西湖区' });
    const edited = await me.patch(`/api/v1/me/addresses/${added.body.id}`, { detail: '文二路 1 号' });
    expect(edited.body).toMatchObject({ ...address, detail: '文二路 1 号' });
    expect((await me.get('/api/v1/me/addresses')).body.items[0]).toMatchObject({ ...address, detail: '文二路 1 号' });
  });
});

describe('backfill of rows written before sealing', () => {
  it('seals plain phones and address books once, skips erased and sealed rows, and login finds them after', async () => {
    const phone = nextPhone();
    const id = `usr_plain_${process.pid}`;
    // An account as an older version wrote it: plain phone, no blind index.
    await db.insert(users).values({ id, phone, nickname: '老用户', createdAt: t.clock.now() });
    await db
      .insert(users)
      .values({ id: `${id}_erased`, phone: `erased:${id}_erased`, nickname: '匿名用户', createdAt: t.clock.now() });
    await db
      .insert(addresses)
      .values({ id: `adr_plain_${process.pid}`, userId: id, ...address, createdAt: t.clock.now() });
    expect(await findUserIdByPhone(t.deps, db, phone)).toBeUndefined();

    expect(await sealPlainPhones(t.deps)).toBe(1);
    expect(await sealPlainAddresses(t.deps)).toBe(1);
    const row = await rawUser(id);
    expect(FieldCrypto.isSealed(row.phone)).toBe(true);
    expect(t.deps.fieldCrypto.open(row.phone)).toBe(phone);
    expect((await rawUser(`${id}_erased`)).phone).toBe(`erased:${id}_erased`);
    const [adr] = await db.select().from(addresses).where(eq(addresses.userId, id));
    expect(JSON.stringify(adr)).not.toContain(address.phone);
    expect(t.deps.fieldCrypto.open(adr!.detail)).toBe(address.detail);

    // A restart finds nothing left to do and changes nothing.
    expect(await sealPlainPhones(t.deps)).toBe(0);
    expect(await sealPlainAddresses(t.deps)).toBe(0);
    expect((await rawUser(id)).phone).toBe(row.phone);

    expect(await findUserIdByPhone(t.deps, db, phone)).toBe(id);
    const me = await loginByCode(t, phone);
    expect(me.userId).toBe(id);
    expect((await me.get('/api/v1/me/addresses')).body.items[0]).toMatchObject(address);
  });

  it('seals plain login codes and failures once; the old failures still count toward the lock', async () => {
    const phone = nextPhone();
    const at = t.clock.now();
    await db
      .insert(loginCodes)
      .values({ id: `otp_plain_${process.pid}`, phone, codeHash: 'x', expiresAt: at, createdAt: at });
    await db.insert(loginFailures).values({ phone, failures: 4, lastFailedAt: at });
    expect(await sealPlainLoginPhones(t.deps)).toBe(2);
    expect(await sealPlainLoginPhones(t.deps)).toBe(0);
    const [failure] = await db.select().from(loginFailures).where(byIndexOf(phone));
    expect(t.deps.fieldCrypto.open(failure!.phone)).toBe(phone);
    const [code] = await db
      .select()
      .from(loginCodes)
      .where(eq(loginCodes.id, `otp_plain_${process.pid}`));
    expect(t.deps.fieldCrypto.open(code!.phone)).toBe(phone);
    expect(code!.phoneIndex).toBe(loginPhoneIndex(t.deps, phone));
    // The fifth failure, counted on the backfilled row, locks.
    const r = await anon.post('/api/v1/auth/login/password', { phone, password: 'wrong-one' });
    expect(r.status).toBe(429);
  });
});

const byIndexOf = (phone: string) => eq(loginFailures.phoneIndex, loginPhoneIndex(t.deps, phone));
