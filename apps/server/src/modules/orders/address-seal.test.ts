import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { HANGZHOU, paidOrder } from '../../../test/order-factories.ts';
import { FieldCrypto } from '../../platform/field-crypto.ts';
import { sealPlainOrderAddresses } from './address-seal.ts';
import { orders } from './schema.ts';

// The order's address snapshot at rest (docs/PRIVACY.md "Encryption at rest").
const t = await createTestApp();
const db = t.deps.database.db;
const raw = async (id: string) => (await db.select().from(orders).where(eq(orders.id, id)))[0]!;

describe('order address snapshot sealed', () => {
  it('keeps recipient, phone and street sealed in the row and shows them to the buyer and the merchant', async () => {
    const o = await paidOrder(t);
    const row = await raw(o.orderId);
    for (const f of ['recipient', 'phone', 'detail'] as const) expect(FieldCrypto.isSealed(row.address[f])).toBe(true);
    expect(JSON.stringify(row)).not.toContain(HANGZHOU.phone);
    expect(JSON.stringify(row)).not.toContain(HANGZHOU.recipient);
    expect(JSON.stringify(row)).not.toContain('文三路');
    expect(row.address).toMatchObject({ province: '浙江省', city: '杭州市', district: '西湖区' });

    expect((await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body.address).toMatchObject(HANGZHOU);
    expect((await o.owner.get(`/api/v1/merchant/orders/${o.orderId}`)).body.address).toMatchObject(HANGZHOU);
    const list = await o.owner.get('/api/v1/merchant/orders');
    expect(list.body.items[0].recipient).toBe(HANGZHOU.recipient);
  });

  it('staff find an order by the exact phone or recipient (blind index) and see them masked', async () => {
    const o = await paidOrder(t);
    const ops = await operator(t);
    const byPhone = await ops.get(`/api/v1/admin/orders?q=${HANGZHOU.phone}&userId=${o.buyer.userId}`);
    expect(byPhone.body.items.map((i: { id: string }) => i.id)).toEqual([o.orderId]);
    expect(byPhone.body.items[0].recipient).toBe('王**');
    const byName = await ops.get(
      `/api/v1/admin/orders?q=${encodeURIComponent(HANGZHOU.recipient)}&userId=${o.buyer.userId}`,
    );
    expect(byName.body.items.map((i: { id: string }) => i.id)).toEqual([o.orderId]);
    expect((await ops.get(`/api/v1/admin/orders?q=13800138001`)).body.items).toEqual([]);
    expect((await ops.get(`/api/v1/admin/orders/${o.orderId}`)).body.address.phone).toBe('138****8000');
  });

  it('seals snapshots written in plain text once, and leaves erased ones alone', async () => {
    const plain = await paidOrder(t);
    const erased = await paidOrder(t);
    // As an older version wrote them: the snapshot in plain text without digests; and an erased snapshot.
    await db
      .update(orders)
      .set({ address: HANGZHOU, recipientIndex: null, phoneIndex: null })
      .where(eq(orders.id, plain.orderId));
    const gone = { recipient: '匿名用户', phone: '', province: '浙江省', city: '杭州市', district: '', detail: '' };
    await db
      .update(orders)
      .set({ address: gone, recipientIndex: null, phoneIndex: null })
      .where(eq(orders.id, erased.orderId));

    expect(await sealPlainOrderAddresses(t.deps)).toBe(1);
    const row = await raw(plain.orderId);
    expect(JSON.stringify(row)).not.toContain(HANGZHOU.phone);
    expect(row.phoneIndex).not.toBeNull();
    expect((await raw(erased.orderId)).address).toEqual(gone);
    expect(await sealPlainOrderAddresses(t.deps)).toBe(0);
    expect((await raw(plain.orderId)).address).toEqual(row.address);
    expect((await plain.buyer.get(`/api/v1/orders/${plain.orderId}`)).body.address).toMatchObject(HANGZHOU);
  });
});
