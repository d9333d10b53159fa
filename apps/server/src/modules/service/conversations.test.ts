import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { operator } from '../../../test/factories.ts';
import { socketTicket } from '../../../test/http.ts';
import { buyer, paidOrder, shop, signIn } from '../../../test/order-factories.ts';
import { analyticsLoader, queryEvents } from '../analytics/api.ts';
import { provideAssistant } from './assistant-port.ts';

const t = await createTestApp();

/**
 * Conversations through HTTP and a real WebSocket, with a small deterministic assistant standing in for the
 * assistant module (provided after the app wired the real one): it asks for a person on "人工" and answers "在"
 * to anything else. The real assistant's answers are tested in modules/assistant.
 */
provideAssistant((_ctx, turn) =>
  Promise.resolve(
    turn.text.includes('人工')
      ? { text: '好的，这就为你转接人工客服', intent: 'handover', confidence: 1, handover: 'requested' as const }
      : {
          text: '在',
          intent: 'greeting',
          confidence: 1,
          quickReplies: ['转人工'],
          toolsUsed: [{ tool: 'greet', summary: '打招呼' }],
        },
  ),
);

const BASE = '/api/v1/service/conversations';
const DESK = '/api/v1/service/desk';
const MIN = 60_000;

async function orderChat() {
  const o = await paidOrder(t);
  const opened = await o.buyer.post(BASE, { source: 'order', orderId: o.orderId });
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  return { ...o, id: opened.body.conversation.id as string, opened: opened.body };
}

describe('a conversation from an order', () => {
  it('shows the order card, lets the assistant answer, hands over on 转人工, and ends with a rating', async () => {
    const c = await orderChat();
    expect(c.opened.conversation).toMatchObject({
      status: 'assistant',
      merchantId: c.merchantId,
      skill: 'order',
      source: 'order',
    });
    expect(c.opened.messages[0]).toMatchObject({
      kind: 'card',
      card: { kind: 'order', id: c.orderId, title: '玻尿酸保湿面霜 50ml' },
    });
    expect(c.opened.messages[0].card.subtitle).toContain('待发货');

    const hello = await c.buyer.post(`${BASE}/${c.id}/messages`, { text: '在吗' });
    expect(hello.status).toBe(200);
    expect(hello.body.messages.map((m: { sender: string; text: string }) => [m.sender, m.text])).toEqual([
      ['consumer', '在吗'],
      ['assistant', '在'],
    ]);
    expect(hello.body.conversation.status).toBe('assistant');

    const person = await c.buyer.post(`${BASE}/${c.id}/messages`, { text: '转人工' });
    expect(person.body.conversation).toMatchObject({ status: 'waiting', handoverReason: 'requested' });
    expect(person.body.messages.at(-1).text).toContain('5 分钟内回复');

    t.clock.advance(2 * MIN);
    const desk = await c.owner.get(DESK);
    expect(desk.body.queue).toEqual([expect.objectContaining({ id: c.id, waitingSeconds: 120 })]);

    // The agent sees what the assistant did, the customer's orders and member level.
    const panel = await c.owner.get(`${DESK}/conversations/${c.id}/customer`);
    expect(panel.body).toMatchObject({ memberLevel: '普通会员', toolsUsed: [{ tool: 'greet', summary: '打招呼' }] });
    expect(panel.body.orders).toEqual([expect.objectContaining({ id: c.orderId, status: '待发货' })]);

    expect((await c.owner.post(`${DESK}/conversations/${c.id}/claim`)).body).toMatchObject({
      status: 'active',
      agentId: c.owner.userId,
    });
    t.clock.advance(MIN);
    const answer = await c.owner.post(`${DESK}/conversations/${c.id}/messages`, { text: '您好，订单今天发出' });
    expect(answer.status).toBe(200);

    const closed = await c.owner.post(`${DESK}/conversations/${c.id}/close`, { reason: 'resolved' });
    expect(closed.body).toMatchObject({ status: 'closed', closeReason: 'resolved' });
    expect((await c.buyer.post(`${BASE}/${c.id}/messages`, { text: '还在吗' })).body.type).toBe('conversation-closed');

    const rated = await c.buyer.post(`${BASE}/${c.id}/rating`, { score: 5, comment: '回复很快' });
    expect(rated.body).toMatchObject({ rating: 5, ratingComment: '回复很快' });
    const again = await c.buyer.post(`${BASE}/${c.id}/rating`, { score: 1 });
    expect([again.status, again.body.type, again.body.title]).toEqual([409, 'already-rated', '已经评价过了']);

    const m = (await c.owner.get(`${DESK}/metrics`)).body;
    expect(m).toMatchObject({
      conversations: 1,
      closed: 1,
      autoResolved: 0,
      handedOver: 1,
      withinSla: 1,
      slaBreaches: 0,
    });
    expect(m).toMatchObject({ firstResponseAvgSeconds: 180, satisfactionAvg: 5, ratings: 1, autoResolutionRate: 0 });

    // The analytics pipeline gets the conversation's figures (never its words).
    await t.drain();
    await analyticsLoader(t.deps).load();
    const rows = await queryEvents<{ type: string; props: string | null; qty: number | null }>(
      t.deps,
      `SELECT type, props, qty FROM events WHERE merchant_id = $m AND type LIKE 'service_%' ORDER BY type`,
      { m: c.merchantId },
    );
    expect(rows.map((r) => r.type)).toEqual(['service_close', 'service_open', 'service_rate']);
    expect(JSON.parse(rows[0]!.props!)).toMatchObject({ human: true, firstResponseSeconds: 180, slaBreached: false });
    expect(rows[2]!.qty).toBe(5);

    const next = await c.buyer.post(BASE, { source: 'order', orderId: c.orderId });
    expect(next.body.conversation.id).not.toBe(c.id);
  });

  it('refuses an empty message and a rating before the end, and reuses the open conversation', async () => {
    const c = await orderChat();
    const empty = await c.buyer.post(`${BASE}/${c.id}/messages`, { text: '  ' });
    expect([empty.status, empty.body.title]).toEqual([400, expect.any(String)]);
    const early = await c.buyer.post(`${BASE}/${c.id}/rating`, { score: 4 });
    expect([early.status, early.body.type]).toEqual([409, 'not-closed']);
    const again = await c.buyer.post(BASE, { source: 'product', productId: c.productId });
    expect(again.body.conversation.id).toBe(c.id);
    expect(again.body.conversation.context).toEqual({ orderId: c.orderId, productId: c.productId });
  });

  it('closes by the assistant alone count as auto-resolved', async () => {
    const s = await shop(t);
    const u = await buyer(t);
    const id = (await u.post(BASE, { source: 'product', productId: s.productId })).body.conversation.id as string;
    await u.post(`${BASE}/${id}/messages`, { text: '在吗' });
    expect((await u.post(`${BASE}/${id}/close`)).body.status).toBe('closed');
    const m = (await s.owner.get(`${DESK}/metrics`)).body;
    expect(m).toMatchObject({ closed: 1, autoResolved: 1, autoResolutionRate: 1, handedOver: 0 });
  });
});

describe('who sees what', () => {
  it('keeps a conversation to its consumer, its shop’s staff and — for the platform’s — operators', async () => {
    const c = await orderChat();
    const stranger = await signIn(t);
    for (const path of [`${BASE}/${c.id}`, `${BASE}/${c.id}/messages`])
      expect((await stranger.get(path)).status).toBe(404);
    expect((await stranger.post(`${BASE}/${c.id}/messages`, { text: '你好' })).status).toBe(404);
    // Someone else's order cannot be the subject of a conversation.
    const opened = await stranger.post(BASE, { source: 'order', orderId: c.orderId });
    expect([opened.status, opened.body.title]).toEqual([404, '订单不存在']);
    expect((await stranger.get(DESK)).status).toBe(403);

    const other = await shop(t, { name: '别家店' });
    await c.buyer.post(`${BASE}/${c.id}/messages`, { text: '人工' });
    expect((await other.owner.get(`${DESK}/conversations/${c.id}`)).status).toBe(404);
    expect((await other.owner.post(`${DESK}/conversations/${c.id}/claim`)).status).toBe(404);
    expect((await other.owner.get(DESK)).body.queue).toEqual([]);

    const op = await operator(t);
    expect((await op.get(`${DESK}?desk=platform`)).body.queue.map((q: { id: string }) => q.id)).not.toContain(c.id);
    expect((await op.get(`${DESK}/conversations/${c.id}`)).status).toBe(404);
    expect((await c.owner.get(`${DESK}?desk=platform`)).status).toBe(403);

    // From 我的 without a shop: the platform's desk.
    const mine = (await c.buyer.post(BASE, { source: 'me' })).body.conversation;
    expect(mine).toMatchObject({ merchantId: null, deskName: '平台客服' });
    await c.buyer.post(`${BASE}/${mine.id}/messages`, { text: '找人工' });
    expect((await op.get(`${DESK}?desk=platform`)).body.queue.map((q: { id: string }) => q.id)).toContain(mine.id);
    expect((await c.owner.get(`${DESK}/conversations/${mine.id}`)).status).toBe(404);

    const list = (await c.buyer.get(BASE)).body.items.map((i: { id: string }) => i.id);
    expect(list).toEqual([mine.id, c.id]);
    expect((await stranger.get(BASE)).body.items).toEqual([]);
  });
});

describe('read receipts and catching up', () => {
  it('shows 已读 to the other side and never moves it backwards', async () => {
    const c = await orderChat();
    await c.buyer.post(`${BASE}/${c.id}/messages`, { text: '人工' });
    await c.owner.post(`${DESK}/conversations/${c.id}/claim`);
    const [reply] = (await c.owner.post(`${DESK}/conversations/${c.id}/messages`, { text: '在的' })).body.items;
    const before = (await c.owner.get(`${DESK}/conversations/${c.id}`)).body.conversation;
    expect(before.consumerReadSeq).toBeLessThan(reply.seq);
    await c.buyer.post(`${BASE}/${c.id}/read`, { seq: reply.seq });
    expect((await c.owner.get(`${DESK}/conversations/${c.id}`)).body.conversation.consumerReadSeq).toBe(reply.seq);
    await c.buyer.post(`${BASE}/${c.id}/read`, { seq: 1 });
    expect((await c.owner.get(`${DESK}/conversations/${c.id}`)).body.conversation.consumerReadSeq).toBe(reply.seq);
    // A seq beyond the last message is capped at it.
    await c.owner.post(`${DESK}/conversations/${c.id}/read`, { seq: 999 });
    expect((await c.buyer.get(`${BASE}/${c.id}`)).body.conversation.agentReadSeq).toBe(reply.seq);
  });

  it('delivers over the socket and lets a reconnecting client fetch what it missed', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const c = await orderChat();
    await c.buyer.post(`${BASE}/${c.id}/messages`, { text: '人工' });
    await c.owner.post(`${DESK}/conversations/${c.id}/claim`);

    const connect = async () => {
      const ticket = await socketTicket(t, c.buyer.token!);
      const ws = new WebSocket(
        `${address.replace('http', 'ws')}${BASE}/${c.id}/socket?ticket=${encodeURIComponent(ticket)}`,
      );
      const frames: { type: string; [k: string]: any }[] = [];
      const arrived = (test: (f: any) => boolean) =>
        new Promise<any>((resolve) => {
          const check = () => {
            const f = frames.find(test);
            if (f) resolve(f);
            else ws.addEventListener('message', check, { once: true });
          };
          check();
        });
      ws.addEventListener('message', (e) => frames.push(JSON.parse(String(e.data))));
      const ready = await arrived((f) => f.type === 'ready');
      return { ws, arrived, ready };
    };

    const first = await connect();
    await c.owner.post(`${DESK}/conversations/${c.id}/messages`, { text: '实时的一条' });
    const live = await first.arrived((f) => f.type === 'message' && f.message.text === '实时的一条');
    const lastSeen = live.message.seq as number;
    first.ws.close();

    // While the consumer is away the agent writes twice; on reconnect `ready` says how far the conversation got.
    await c.owner.post(`${DESK}/conversations/${c.id}/messages`, { text: '离线时的第一条' });
    await c.owner.post(`${DESK}/conversations/${c.id}/messages`, { text: '离线时的第二条' });
    const second = await connect();
    expect(second.ready.lastSeq).toBe(lastSeen + 2);
    const missed = await c.buyer.get(`${BASE}/${c.id}/messages?afterSeq=${lastSeen}`);
    expect(missed.body.items.map((m: { text: string }) => m.text)).toEqual(['离线时的第一条', '离线时的第二条']);
    second.ws.close();

    const older = await c.buyer.get(`${BASE}/${c.id}/messages?beforeSeq=${lastSeen}&limit=2`);
    expect(older.body.items.map((m: { seq: number }) => m.seq)).toEqual([lastSeen - 2, lastSeen - 1]);
  });
});

describe('with the assistant switched off (SERVICE_ASSISTANT=off)', () => {
  it('hands every conversation straight to a person', async () => {
    const off = await createTestApp({ SERVICE_ASSISTANT: 'off' });
    const o = await paidOrder(off);
    const id = (await o.buyer.post(BASE, { source: 'order', orderId: o.orderId })).body.conversation.id as string;
    const sent = await o.buyer.post(`${BASE}/${id}/messages`, { text: '在吗' });
    expect(sent.body.conversation).toMatchObject({ status: 'waiting', handoverReason: 'unsupported' });
    expect(sent.body.messages.map((m: { sender: string }) => m.sender)).toEqual(['consumer', 'system']);
  });
});
