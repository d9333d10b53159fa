import { describe, expect, it } from 'vitest';
import { merchantWithOwner, operator } from '../../../test/factories.ts';
import { sandboxPaidOrder } from '../../../test/flows.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { leafHash, verifyInclusion } from './merkle.ts';

// Beyond reviews: 先行赔付 decisions and payouts, penalties and staff reads of personal data are logged in the
// transaction of the fact itself, with a documented payload that carries no personal data (docs/TRANSPARENCY.md).

const t = await createTestApp();
const ops = await operator(t);
const anyone = new Client(t);
const hex = (s: string) => Buffer.from(s, 'hex');

interface Logged {
  leafIndex: number;
  leafData: string;
  subjectId: string;
}
async function entriesOf(kind: string, subjectId: string): Promise<Logged[]> {
  const res = await anyone.get(`/api/v1/transparency/entries?kind=${kind}&subjectId=${subjectId}`);
  expect(res.status).toBe(200);
  return res.body.items as Logged[];
}

/** What anyone does with an entry: fetch its proof and walk it to the signed root. */
async function provable(e: Logged): Promise<boolean> {
  const proof = (await anyone.get(`/api/v1/transparency/entries/${e.leafIndex}/proof`)).body;
  return verifyInclusion(
    e.leafIndex,
    proof.treeHead.treeSize,
    leafHash(proof.entry.leafData),
    proof.path.map(hex),
    hex(proof.treeHead.rootHash),
  );
}

describe('transparency log: decisions and accesses', () => {
  it('logs a 先行赔付 approval and its payout, and a refusal, without the claimant, order or notes', async () => {
    const order = await sandboxPaidOrder(t);
    const claim = await order.buyer.post('/api/v1/compensation-claims', {
      orderId: order.orderId,
      reason: 'not-as-described',
      amount: 3000,
      description: '收到的颜色和图片完全不同',
    });
    expect(claim.status).toBe(201);
    const claimedAt = claim.body.createdAt as string;
    t.clock.advance(5 * 3_600_000);
    const url = `/api/v1/admin/compensation-claims/${claim.body.id}/decision`;
    expect((await ops.post(url, { decision: 'approve', note: '联系了买家张三，属实', amount: 2000 })).status).toBe(200);
    await t.runJobs();

    const [decision] = await entriesOf('compensation-decision', claim.body.id);
    const leaf = JSON.parse(decision!.leafData);
    expect(leaf).toEqual({
      v: 1,
      index: decision!.leafIndex,
      kind: 'compensation-decision',
      subject: claim.body.id,
      at: t.clock.now().toISOString(),
      payload: {
        amount: 2000,
        claimedAt,
        decision: 'approved',
        merchantId: order.merchantId,
        reason: 'not-as-described',
        requested: 3000,
      },
    });
    for (const secret of [order.orderId, order.buyer.userId, '张三', '颜色', ops.userId])
      expect(decision!.leafData).not.toContain(secret);
    expect(await provable(decision!)).toBe(true);
    const [paid] = await entriesOf('compensation-paid', claim.body.id);
    expect(JSON.parse(paid!.leafData).payload).toEqual({ amount: 2000, claimedAt, merchantId: order.merchantId });
    expect(await provable(paid!)).toBe(true);

    const other = await sandboxPaidOrder(t);
    const refused = await other.buyer.post('/api/v1/compensation-claims', {
      orderId: other.orderId,
      reason: 'counterfeit',
      amount: 1000,
      description: '怀疑不是正品',
    });
    await ops.post(`/api/v1/admin/compensation-claims/${refused.body.id}/decision`, {
      decision: 'reject',
      note: '品牌方鉴定为正品',
    });
    const [rejection] = await entriesOf('compensation-decision', refused.body.id);
    expect(JSON.parse(rejection!.leafData).payload).toMatchObject({ decision: 'rejected', amount: 0, requested: 1000 });
    expect(rejection!.leafData).not.toContain('鉴定');
  });

  it('logs a penalty with its stated reason; a refused one leaves no entry', async () => {
    const { merchantId } = await merchantWithOwner(t, '被处罚的店');
    const url = `/api/v1/admin/merchants/${merchantId}/penalties`;
    const warned = await ops.post(url, { kind: 'warning', reason: '商品主图与实物不符' });
    expect(warned.status).toBe(201);
    const [entry] = await entriesOf('penalty', warned.body.id);
    expect(JSON.parse(entry!.leafData).payload).toEqual({
      deduction: null,
      merchantId,
      penaltyKind: 'warning',
      productId: null,
      reason: '商品主图与实物不符',
    });
    expect(entry!.leafData).not.toContain(ops.userId);
    expect(await provable(entry!)).toBe(true);

    const before = (await anyone.get('/api/v1/transparency/head')).body.treeSize;
    // This shop has no deposit: the deduction is refused, and its log entry rolls back with it.
    const refused = await ops.post(url, { kind: 'deposit-deduction', reason: '虚假发货', amount: 100 });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect((await anyone.get('/api/v1/transparency/head')).body.treeSize).toBe(before);
  });

  it('logs each staff read of personal data as role and field only; the person can find their entries', async () => {
    const order = await sandboxPaidOrder(t);
    expect((await ops.get(`/api/v1/admin/orders/${order.orderId}`)).status).toBe(200);
    const mine = (await order.buyer.get('/api/v1/me/privacy/staff-accesses')).body.items;
    expect(mine).toHaveLength(1);
    const [entry] = await entriesOf('staff-access', mine[0].id);
    const leaf = JSON.parse(entry!.leafData);
    expect(leaf.payload).toEqual({ field: 'order.address', roles: 'super_admin' });
    expect(leaf.at).toBe(mine[0].at);
    for (const secret of [order.orderId, order.buyer.userId, ops.userId]) expect(entry!.leafData).not.toContain(secret);
    expect(await provable(entry!)).toBe(true);
  });
});
