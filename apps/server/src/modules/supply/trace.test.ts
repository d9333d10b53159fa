import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { newId } from '../../platform/ids.ts';
import { product } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { merchant } from '../../../test/order-factories.ts';
import { leafHash, verifyInclusion } from '../transparency/api.ts';

// 扫码溯源 (docs/SUPPLY.md "Traceability"): a received lot gets a code whose production, inspection and logistics
// events are each a transparency-log entry that anyone can prove is in the signed tree and says what the page says.

const t = await createTestApp();
vi.setConfig({ testTimeout: 120_000 });
const base = '/api/v1/merchant/supply';
const anyone = new Client(t);
const hex = (s: string) => Buffer.from(s, 'hex');

async function receivedLot() {
  const { merchantId, owner } = await merchant(t, `溯源店${newId('x').slice(-6)}`);
  const p = await product(t, owner, merchantId, { title: '古树普洱 357g' });
  const house = (await owner.post(`${base}/warehouses`, { name: '昆明仓', province: '云南省' })).body;
  const sup = (
    await owner.post(`${base}/suppliers`, {
      name: '勐海茶厂',
      origin: '云南省西双版纳州',
      factoryDirect: true,
      leadTimeDays: 10,
    })
  ).body;
  const po = (
    await owner.post(`${base}/purchase-orders`, {
      supplierId: sup.id,
      warehouseId: house.id,
      lines: [{ skuId: p.skuIds[0], qty: 20, unitCost: 5000 }],
    })
  ).body;
  await owner.post(`${base}/purchase-orders/${po.id}/send`);
  const received = await owner.post(
    `${base}/purchase-orders/${po.id}/receipts`,
    {
      lines: [
        {
          poLineId: po.lines[0].id,
          qty: 18,
          rejectedQty: 2,
          batchNo: 'MH2026-11',
          producedOn: '2026-10-01',
          expiresOn: '2036-10-01',
        },
      ],
    },
    { idempotencyKey: newId('idem') },
  );
  expect(received.status, JSON.stringify(received.body)).toBe(200);
  return received.body.lots[0] as { traceCode: string };
}

describe('traceability', () => {
  it('gives each received lot a code whose events are provably in the transparency log, unchanged', async () => {
    const lot = await receivedLot();
    expect(lot.traceCode).toMatch(/^HW[0-9A-F]{16}$/);
    const trace = await anyone.get(`/api/v1/trace/${lot.traceCode}`);
    expect(trace.status, JSON.stringify(trace.body)).toBe(200);
    expect(trace.body).toMatchObject({
      productTitle: '古树普洱 357g',
      batchNo: 'MH2026-11',
      producedOn: '2026-10-01',
      expiresOn: '2036-10-01',
    });
    expect(trace.body.events.map((e: { title: string }) => e.title)).toEqual(['生产', '到货检验', '入库']);
    expect(trace.body.events[1].facts).toEqual({ acceptedQty: 18, rejectedQty: 2 });
    expect(trace.body.events[0].facts).toMatchObject({ supplier: '勐海茶厂', origin: '云南省西双版纳州' });

    for (const e of trace.body.events as { leafIndex: number; title: string; facts: Record<string, unknown> }[]) {
      const proof = (await anyone.get(`/api/v1/transparency/entries/${e.leafIndex}/proof`)).body;
      const leaf = leafHash(proof.entry.leafData);
      expect(leaf.toString('hex')).toBe(proof.entry.leafHash);
      expect(
        verifyInclusion(e.leafIndex, proof.treeHead.treeSize, leaf, proof.path.map(hex), hex(proof.treeHead.rootHash)),
      ).toBe(true);
      const logged = JSON.parse(proof.entry.leafData);
      expect(logged).toMatchObject({ kind: 'trace-event', subject: lot.traceCode });
      expect(logged.payload).toMatchObject({ title: e.title, ...e.facts });
    }

    // Someone edits the stored event behind the log's back: what the page shows no longer matches its entry.
    await t.deps.database.db.execute(
      sql`update supply_trace_events set facts = jsonb_set(facts, '{rejectedQty}', '0') where code = ${lot.traceCode} and kind = 'inspection'`,
    );
    const tampered = (await anyone.get(`/api/v1/trace/${lot.traceCode}`)).body.events[1];
    const entry = (await anyone.get(`/api/v1/transparency/entries/${tampered.leafIndex}/proof`)).body.entry;
    expect(JSON.parse(entry.leafData).payload.rejectedQty).toBe(2);
    expect(tampered.facts.rejectedQty).toBe(0);
  });

  it('answers an unknown or malformed code with a Chinese problem', async () => {
    const unknown = await anyone.get('/api/v1/trace/HW0000000000000000');
    expect(unknown.status).toBe(404);
    const bad = await anyone.get('/api/v1/trace/not-a-code');
    expect(bad.status).toBe(400);
    expect(bad.body.title).toMatch(/[\u4e00-\u9fa5]/);
  });
});
