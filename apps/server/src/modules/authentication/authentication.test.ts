import { describe, expect, it } from 'vitest';
import { operator, product, staffWithRoles } from '../../../test/factories.ts';
import { sandboxPaidOrder } from '../../../test/flows.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { merchant } from '../../../test/order-factories.ts';
import { newId } from '../../platform/ids.ts';
import { leafHash, verifyInclusion } from '../transparency/api.ts';

// 鉴定 before shipping (docs/TRUST.md): a qualifying order is held for the centre, the merchant ships there, a
// 鉴定师 passes it (certificate in the transparency log, forwarded to the buyer) or fails it (full refund, goods
// back to the merchant); everyone else is refused and ordinary orders are untouched.

const t = await createTestApp();
const admin = await operator(t);
const anyone = new Client(t);
const inspector = await staffWithRoles(t, ['inspector'], '鉴定师');
const hex = (s: string) => Buffer.from(s, 'hex');
let waybills = 0;
// SF + 13 digits (the format 顺丰 prints); the leg only labels the call site.
const waybill = (_leg: string) => ({ carrier: '顺丰速运', trackingNo: `SF${String(1_000_000_000_000 + ++waybills)}` });

/** A paid order of one unit at `price` (fen) in `categoryId`, paid through the sandbox. */
async function order(price: number, categoryId = 'cat_skincare') {
  const m = await merchant(t);
  const p = await product(t, m.owner, m.merchantId, {
    categoryId,
    specs: [{ name: '规格', values: ['标准'] }],
    skus: [{ specValues: { 规格: '标准' }, price, stock: 5 }],
  });
  return sandboxPaidOrder(t, { merchant: m, product: p });
}

const verdict = (orderId: string, body: Record<string, unknown>, key = newId('idem')) =>
  inspector.post(`/api/v1/admin/authentication/cases/${orderId}/verdict`, body, { idempotencyKey: key });

async function atCentre(o: Awaited<ReturnType<typeof order>>) {
  const sent = await o.owner.post(`/api/v1/merchant/orders/${o.orderId}/authentication/inbound`, waybill('IN'));
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  expect(sent.body.status).toBe('at_centre');
}

describe('authenticate before shipping', () => {
  it('holds a ¥5,000 order: it cannot ship to the buyer, only to the centre', async () => {
    const o = await order(500_000);
    const detail = (await o.owner.get(`/api/v1/merchant/orders/${o.orderId}`)).body;
    expect(detail.shipHold).toMatchObject({ code: 'authentication', tag: '需先寄往鉴定中心' });
    const ship = await o.owner.post(`/api/v1/merchant/orders/${o.orderId}/ship`, waybill('BUYER'));
    expect(ship.status).toBe(409);
    expect(ship.body.title).toBe('该订单暂不能发货');
    expect((await o.buyer.get(`/api/v1/orders/${o.orderId}/authentication`)).body.case).toMatchObject({
      status: 'awaiting_inbound',
      certificate: null,
    });
    // Not received yet: no verdict.
    const early = await verdict(o.orderId, { result: 'pass', findings: '做工与正品一致', ...waybill('OUT') });
    expect(early.status).toBe(409);
    expect(early.body.title).toBe('鉴定中心尚未收到商品');
    await atCentre(o);
    const queue = (await inspector.get('/api/v1/admin/authentication/cases')).body.items;
    expect(queue.map((c: { orderId: string }) => c.orderId)).toContain(o.orderId);
    expect((await o.buyer.get(`/api/v1/orders/${o.orderId}/authentication`)).body.case.statusLabel).toBe('鉴定中');
  });

  it('a pass logs the certificate (its inclusion proof verifies) and forwards the order to the buyer, once', async () => {
    const o = await order(150_000, 'cat_shoes');
    await atCentre(o);
    const key = newId('idem');
    const body = { result: 'pass', findings: '皮料、走线、五金与正品一致', ...waybill('OUT') };
    const passed = await verdict(o.orderId, body, key);
    expect(passed.status, JSON.stringify(passed.body)).toBe(200);
    expect(passed.body).toMatchObject({ status: 'passed', statusLabel: '鉴定通过', outbound: { carrier: '顺丰速运' } });
    const cert = passed.body.certificate;
    expect(cert).toMatchObject({ result: 'pass', inspectorRole: '鉴定师', findings: body.findings });

    // The same key replays; a new key finds nothing left to decide.
    expect((await verdict(o.orderId, body, key)).body).toEqual(passed.body);
    const again = await verdict(o.orderId, body);
    expect(again.status).toBe(409);
    expect(again.body.title).toBe('该订单不在鉴定中');

    const entries = (
      await anyone.get(`/api/v1/transparency/entries?kind=authentication&subjectId=${cert.certificateNo}`)
    ).body.items;
    expect(entries).toHaveLength(1);
    expect(entries[0].leafIndex).toBe(cert.leafIndex);
    const leaf = JSON.parse(entries[0].leafData);
    expect(leaf.payload).toEqual({
      findings: body.findings,
      inspectorRole: 'inspector',
      merchantId: o.merchantId,
      productIds: o.productId,
      result: 'pass',
    });
    expect(entries[0].leafData).not.toContain(o.orderId);
    expect(entries[0].leafData).not.toContain(inspector.userId);
    const proof = (await anyone.get(`/api/v1/transparency/entries/${cert.leafIndex}/proof`)).body;
    expect(
      verifyInclusion(
        cert.leafIndex,
        proof.treeHead.treeSize,
        leafHash(proof.entry.leafData),
        proof.path.map(hex),
        hex(proof.treeHead.rootHash),
      ),
    ).toBe(true);

    const mine = (await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(mine).toMatchObject({ status: 'shipped' });
    expect((await o.buyer.get(`/api/v1/orders/${o.orderId}/authentication`)).body.case.certificate).toEqual(cert);
  });

  it('a fail refunds the buyer in full along the payment, closes the order, and the ledger reconciles', async () => {
    const o = await order(600_000);
    await atCentre(o);
    const failed = await verdict(o.orderId, { result: 'fail', findings: '机芯编号与品牌记录不符', ...waybill('BACK') });
    expect(failed.status, JSON.stringify(failed.body)).toBe(200);
    expect(failed.body).toMatchObject({ status: 'failed', certificate: { result: 'fail' }, refunded: false });
    await t.runJobs(); // the provider pays the refund back
    await t.drain();
    const mine = (await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(mine.status).toBe('closed');
    expect(mine.refundedAmount).toBe(mine.payAmount);
    const refunds = (await o.buyer.get(`/api/v1/orders/${o.orderId}/refunds`)).body.items;
    expect(refunds.map((r: { status: string; amount: number }) => [r.status, r.amount])).toEqual([
      ['completed', mine.payAmount],
    ]);
    expect((await o.buyer.get(`/api/v1/orders/${o.orderId}/authentication`)).body.case.refunded).toBe(true);
    // The rejected unit is not put back on sale.
    expect((await anyone.get(`/api/v1/products/${o.productId}`)).body.skus[0].stock).toBe(4);
    const report = (await admin.get('/api/v1/admin/reconciliation')).body;
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('only a 鉴定师 (or super-admin) decides; the merchant and buyer see only their own', async () => {
    const o = await order(500_000);
    await atCentre(o);
    const body = { result: 'pass', findings: '与正品一致', ...waybill('OUT') };
    for (const who of [o.owner, o.buyer]) {
      const res = await who.post(`/api/v1/admin/authentication/cases/${o.orderId}/verdict`, body, {
        idempotencyKey: newId('idem'),
      });
      expect(res.status).toBe(403);
      expect((await who.get('/api/v1/admin/authentication/cases')).status).toBe(403);
    }
    const other = await order(9_900);
    expect((await other.buyer.get(`/api/v1/orders/${o.orderId}/authentication`)).status).toBe(404);
    expect((await other.owner.get(`/api/v1/merchant/orders/${o.orderId}/authentication`)).body.case).toBeNull();
  });

  it('leaves an ordinary order alone: no hold, no case, ships straight to the buyer', async () => {
    const o = await order(149_900, 'cat_shoes');
    expect((await o.owner.get(`/api/v1/merchant/orders/${o.orderId}`)).body.shipHold).toBeNull();
    expect((await o.buyer.get(`/api/v1/orders/${o.orderId}/authentication`)).body.case).toBeNull();
    const inbound = await o.owner.post(`/api/v1/merchant/orders/${o.orderId}/authentication/inbound`, waybill('IN'));
    expect(inbound.status).toBe(404);
    expect((await o.owner.post(`/api/v1/merchant/orders/${o.orderId}/ship`, waybill('BUYER'))).status).toBe(200);
    const res = await verdict(o.orderId, { result: 'pass', findings: '与正品一致', ...waybill('OUT') });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ title: '该订单不在鉴定中' });
  });
});
