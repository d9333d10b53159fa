import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { operator } from '../../../test/factories.ts';
import type { Client } from '../../../test/http.ts';
import { buyer, merchant, shop, signIn } from '../../../test/order-factories.ts';
import { grantStaffRole } from '../accounts/api.ts';

/**
 * The human side, with the assistant switched off (SERVICE_ASSISTANT=off): every first message hands over with
 * 'unsupported', the documented behaviour when the assistant is off. Time moves only through the manual clock.
 */
const t = await createTestApp({ SERVICE_ASSISTANT: 'off' });
const BASE = '/api/v1/service/conversations';
const DESK = '/api/v1/service/desk';
const SEC = 1000;
const MIN = 60 * SEC;

async function deskWithAgents(n: number) {
  const s = await shop(t);
  const team: (Client & { userId: string })[] = [s.owner];
  for (let i = 1; i < n; i++) {
    const u = await signIn(t);
    await grantStaffRole(t.deps.database.db, {
      userId: u.userId,
      merchantId: s.merchantId,
      role: 'service',
      now: t.clock.now(),
    });
    team.push(u);
  }
  return { ...s, team };
}

/** A new consumer asks the shop about its product and is handed to a person. */
async function waitingCustomer(s: { productId: string }) {
  const u = await buyer(t);
  const id = (await u.post(BASE, { source: 'product', productId: s.productId })).body.conversation.id as string;
  const sent = await u.post(`${BASE}/${id}/messages`, { text: '这个有货吗' });
  expect(sent.body.conversation.handoverReason).toBe('unsupported');
  return { u, id };
}

const holder = async (agent: Client, id: string) =>
  (await agent.get(`${DESK}/conversations/${id}`)).body.conversation.agentId;

describe('assignment', () => {
  it('goes round-robin over online agents and never past an agent’s maximum', async () => {
    const s = await deskWithAgents(2);
    const [a, b] = s.team as [Client & { userId: string }, Client & { userId: string }];
    await a.put(`${DESK}/status`, { online: true, maxConcurrent: 2 });
    await b.put(`${DESK}/status`, { online: true, maxConcurrent: 1 });
    const first = a.userId < b.userId ? a : b;
    const second = first === a ? b : a;

    const c1 = await waitingCustomer(s);
    t.clock.advance(SEC);
    const c2 = await waitingCustomer(s);
    t.clock.advance(SEC);
    const c3 = await waitingCustomer(s);
    t.clock.advance(SEC);
    const c4 = await waitingCustomer(s);

    expect(await holder(a, c1.id)).toBe(first.userId);
    expect(await holder(a, c2.id)).toBe(second.userId);
    // b is full at 1, so a takes the third; the fourth waits.
    expect(await holder(a, c3.id)).toBe(a.userId);
    expect(await holder(a, c4.id)).toBeNull();
    const desk = (await a.get(DESK)).body;
    expect(desk.queue.map((q: { id: string }) => q.id)).toEqual([c4.id]);
    expect(desk.agents.map((x: { activeCount: number }) => x.activeCount).sort()).toEqual([1, 2]);

    // Claiming by hand respects the maximum too.
    const full = await a.post(`${DESK}/conversations/${c4.id}/claim`);
    expect([full.status, full.body.type]).toEqual([409, 'agent-busy']);

    // Closing frees a seat, and the waiting conversation goes to that agent at once.
    await b.post(`${DESK}/conversations/${c2.id}/close`, { reason: 'resolved' });
    expect(await holder(a, c4.id)).toBe(b.userId);
  });

  it('gives a conversation only to an agent with its skill, and to nobody offline', async () => {
    const s = await deskWithAgents(2);
    const [a, b] = s.team as [Client & { userId: string }, Client & { userId: string }];
    await a.put(`${DESK}/status`, { online: true, skills: ['aftersale'] });
    await b.put(`${DESK}/status`, { online: false });
    const c = await waitingCustomer(s);
    expect(await holder(a, c.id)).toBeNull();
    await b.put(`${DESK}/status`, { online: true, skills: ['presale'] });
    expect(await holder(a, c.id)).toBe(b.userId);
  });
});

describe('transfer', () => {
  it('moves a conversation to an online colleague with room, or up to the platform', async () => {
    const s = await deskWithAgents(2);
    const [a, b] = s.team as [Client & { userId: string }, Client & { userId: string }];
    const c = await waitingCustomer(s);
    await a.post(`${DESK}/conversations/${c.id}/claim`);

    const offline = await a.post(`${DESK}/conversations/${c.id}/transfer`, { toAgentId: b.userId });
    expect([offline.status, offline.body.type]).toEqual([409, 'agent-unavailable']);
    const notMine = await b.post(`${DESK}/conversations/${c.id}/transfer`, { toAgentId: a.userId });
    expect(notMine.body.type).toBe('not-your-conversation');

    await b.put(`${DESK}/status`, { online: true, maxConcurrent: 1 });
    const moved = await a.post(`${DESK}/conversations/${c.id}/transfer`, { toAgentId: b.userId });
    expect(moved.body).toMatchObject({ status: 'active', agentId: b.userId });
    const desk = (await a.get(DESK)).body;
    expect(desk.agents.find((x: { userId: string }) => x.userId === a.userId).activeCount).toBe(0);
    expect((await a.post(`${DESK}/conversations/${c.id}/messages`, { text: '我来答' })).body.type).toBe(
      'not-your-conversation',
    );

    const up = await b.post(`${DESK}/conversations/${c.id}/transfer`, { toPlatform: true });
    expect(up.body).toMatchObject({ status: 'waiting', merchantId: null, handoverReason: 'escalated' });
    expect((await b.get(`${DESK}/conversations/${c.id}`)).status).toBe(404);
    const op = await operator(t);
    expect((await op.get(`${DESK}?desk=platform`)).body.queue.map((q: { id: string }) => q.id)).toContain(c.id);
    expect((await op.post(`${DESK}/conversations/${c.id}/claim`)).body.agentId).toBe(op.userId);
    expect((await c.u.get(`${BASE}/${c.id}`)).body.conversation.deskName).toBe('平台客服');
  });
});

describe('the 5-minute first response', () => {
  it('alerts once when nobody answered in time, and not when a person did', async () => {
    const s = await deskWithAgents(1);
    const late = await waitingCustomer(s);
    const onTime = await waitingCustomer(s);
    const alerts: string[] = [];
    t.deps.events.subscribe<{ conversationId: string }>('service.sla_breached', 'test.sla-alerts', (_db, e) => {
      if ([late.id, onTime.id].includes(e.payload.conversationId)) alerts.push(e.payload.conversationId);
      return Promise.resolve();
    });

    t.clock.advance(4 * MIN);
    await s.owner.post(`${DESK}/conversations/${onTime.id}/claim`);
    await s.owner.post(`${DESK}/conversations/${onTime.id}/messages`, { text: '您好' });
    t.clock.advance(MIN - SEC);
    await t.runJobs();
    expect((await s.owner.get(`${DESK}/metrics`)).body.slaBreaches).toBe(0);

    t.clock.advance(2 * SEC);
    await t.runJobs();
    await t.runJobs();
    const m = (await s.owner.get(`${DESK}/metrics`)).body;
    expect(m.slaBreaches).toBe(1);
    expect(m.breachesOpen.map((c: { id: string }) => c.id)).toEqual([late.id]);
    expect(m).toMatchObject({ withinSla: 1, firstResponseAvgSeconds: 240, waitingNow: 1 });
    expect(alerts).toEqual([late.id]);

    // Answering late stops the clock but the breach stays on the record.
    await s.owner.post(`${DESK}/conversations/${late.id}/claim`);
    await s.owner.post(`${DESK}/conversations/${late.id}/messages`, { text: '抱歉久等' });
    const after = (await s.owner.get(`${DESK}/metrics`)).body;
    expect(after).toMatchObject({
      slaBreaches: 1,
      withinSla: 1,
      breachesOpen: [expect.objectContaining({ id: late.id })],
    });
    expect((await s.owner.get(`${DESK}/conversations/${late.id}`)).body.conversation.slaBreached).toBe(true);
  });

  it('closes conversations left with the assistant after 30 minutes', async () => {
    const { merchantId, owner } = await merchant(t);
    const u = await buyer(t);
    const id = (await u.post(BASE, { source: 'me', merchantId })).body.conversation.id as string;
    expect((await u.get(`${BASE}/${id}`)).body.conversation.status).toBe('assistant');
    t.clock.advance(31 * MIN);
    await t.runJobs();
    expect((await u.get(`${BASE}/${id}`)).body.conversation).toMatchObject({ status: 'closed', closeReason: 'idle' });
    expect((await owner.get(`${DESK}/metrics`)).body).toMatchObject({ closed: 1, autoResolved: 1 });
  });
});
