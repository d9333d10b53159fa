import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { sandboxPaidOrder } from '../../../test/flows.ts';
import { createTestApp } from '../../../test/harness.ts';
import { merchant as newMerchant } from '../../../test/order-factories.ts';

// The shop answers complaints about itself in the console: a first answer within 2 h stops the clock; without one
// the platform escalates as before, and a late answer does not undo that. Only the platform resolves.

const t = await createTestApp();
const ops = await operator(t);
const HOUR = 3_600_000;

async function complaint() {
  const order = await sandboxPaidOrder(t);
  const filed = await order.buyer.post('/api/v1/complaints', {
    orderId: order.orderId,
    category: 'service',
    description: '客服一直不回复消息',
  });
  expect(filed.status).toBe(201);
  return { order, id: filed.body.id as string };
}

describe('merchants answer complaints themselves', () => {
  it('a first answer from the shop within 2 h stops the clock; the consumer sees it; only the platform resolves', async () => {
    const { order, id } = await complaint();
    const own = (await order.owner.get('/api/v1/merchant/complaints')).body.items;
    expect(own.map((c: { id: string }) => c.id)).toEqual([id]);

    // Another shop's staff cannot answer it, and an empty answer is refused.
    const other = await newMerchant(t);
    expect(
      (await other.owner.post(`/api/v1/merchant/complaints/${id}/responses`, { message: '不是我们的' })).status,
    ).toBe(404);
    expect((await order.owner.post(`/api/v1/merchant/complaints/${id}/responses`, { message: '' })).status).toBe(400);
    expect(
      (await order.buyer.post(`/api/v1/merchant/complaints/${id}/responses`, { message: '自己回复自己' })).status,
    ).toBe(403);

    t.clock.advance(HOUR + 59 * 60_000);
    const answered = await order.owner.post(`/api/v1/merchant/complaints/${id}/responses`, {
      message: '抱歉久等，已安排专人今天联系您处理',
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({ status: 'responded', overdue: false });
    expect(answered.body.firstResponseAt).toBe(t.clock.now().toISOString());

    t.clock.advance(2 * HOUR);
    await t.runJobs();
    const mine = (await order.buyer.get(`/api/v1/complaints/${id}`)).body;
    expect(mine).toMatchObject({ escalatedAt: null, overdue: false, status: 'responded' });
    expect(mine.history.at(-1)).toMatchObject({
      action: 'merchant-responded',
      by: 'merchant',
      actorId: null,
      note: '抱歉久等，已安排专人今天联系您处理',
    });

    // The platform still decides the outcome, after which the shop can no longer answer.
    const resolved = await ops.post(`/api/v1/admin/complaints/${id}/actions`, {
      action: 'resolve',
      outcome: 'not-upheld',
      message: '商家已及时处理',
    });
    expect(resolved.body.status).toBe('resolved');
    expect(
      (await order.owner.post(`/api/v1/merchant/complaints/${id}/responses`, { message: '再补充一句' })).body.type,
    ).toBe('complaint-resolved');
  });

  it('without the shop answering, the platform escalates at 2 h; a late answer is recorded but the escalation stands', async () => {
    const { order, id } = await complaint();
    t.clock.advance(2 * HOUR);
    await t.runJobs();
    expect((await ops.get(`/api/v1/complaints/${id}`)).body.escalatedAt).not.toBeNull();

    const late = await order.owner.post(`/api/v1/merchant/complaints/${id}/responses`, { message: '刚看到，马上处理' });
    expect(late.status).toBe(200);
    expect(late.body.escalatedAt).not.toBeNull();
    expect(late.body.history.map((h: { action: string }) => h.action)).toEqual([
      'filed',
      'escalated',
      'merchant-responded',
    ]);
  });
});
