import { afterAll, describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { socketTicket } from '../../../test/http.ts';
import { LIVE, liveSession, team } from '../../../test/live-factories.ts';
import { signIn } from '../../../test/order-factories.ts';
import { liveCounters } from './counters.ts';
import { liveFanout } from './fanout.ts';

/**
 * The live room over a real WebSocket on a loopback port, with Node's WebSocket client (the browser API) and
 * a single-use ?ticket= (the shop sends its session cookie). The fan-out batches room events; tests wait for frames, never for time.
 */
const t = await createTestApp();
const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
const wsBase = address.replace('http://', 'ws://');

interface Frame {
  type: string;
  [k: string]: any;
}

const sockets: WebSocket[] = [];
afterAll(() => sockets.forEach((s) => s.close()));

/** A connected client that keeps every frame and every batched event, so a test can wait for the one it expects. */
async function connect(sessionId: string, opts: { token?: string | undefined; staff?: boolean } = {}) {
  const frames: Frame[] = [];
  const waiters: { test: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  const query = new URLSearchParams({
    ...(opts.token ? { ticket: await socketTicket(t, opts.token) } : {}),
    ...(opts.staff ? { staff: '1' } : {}),
  });
  const ws = new WebSocket(`${wsBase}/api/v1/live/sessions/${sessionId}/socket?${query}`);
  const offer = (frame: Frame) => {
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.test(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  };
  ws.addEventListener('message', (e) => {
    const frame = JSON.parse(String(e.data)) as Frame;
    // Batched room events are offered one by one, like direct frames.
    if (frame.type === 'batch') for (const event of frame.events as Frame[]) offer(event);
    else offer(frame);
  });
  const next = (test: (f: Frame) => boolean) =>
    new Promise<Frame>((resolve) => {
      const seen = frames.find(test);
      if (seen) resolve(seen);
      else waiters.push({ test, resolve });
    });
  // A refused upgrade (401/403/404) closes the socket before any frame.
  const refused = new Promise<never>((_, reject) =>
    ws.addEventListener('close', () => reject(new Error('socket closed before ready'))),
  );
  const ready = await Promise.race([next((f) => f.type === 'ready'), refused]);
  refused.catch(() => undefined);
  sockets.push(ws);
  return { ws, frames, ready, next, send: (data: unknown) => ws.send(JSON.stringify(data)) };
}

describe('live room over WebSocket', () => {
  it('anyone may watch; a pin reaches every viewer with the product card; chat is acknowledged and broadcast', async () => {
    const { shop, id } = await liveSession(t);
    const viewer = await signIn(t);
    const anonymous = await connect(id);
    expect(anonymous.ready.snapshot).toMatchObject({
      id,
      status: 'live',
      pinned: null,
      playbackUrl: '/live-sample/sample.webm',
    });
    const v = await connect(id, { token: viewer.token });

    const productId = shop.products[0]!.productId;
    expect((await shop.owner.post(`${LIVE}/sessions/${id}/pin`, { productId })).status).toBe(200);
    const pin = await anonymous.next((f) => f.type === 'pin');
    expect(pin.product).toMatchObject({ productId, title: '直播好物 1 号', price: 9900, claim: '直播间专享价' });
    await v.next((f) => f.type === 'pin');

    v.send({ type: 'chat', clientId: 'c1', text: '主播好，这个面霜适合干皮吗' });
    const ack = await v.next((f) => f.type === 'ack' && f.clientId === 'c1');
    const chat = await anonymous.next((f) => f.type === 'chat' && f.message.id === ack.messageId);
    expect(chat.message).toMatchObject({ userId: viewer.userId, text: '主播好，这个面霜适合干皮吗' });
    expect(chat.message.badge).toBeUndefined();
    // Someone arriving later finds the recent chat in the ready frame.
    const late = await connect(id);
    expect(late.ready.chat.map((m: { id: string }) => m.id)).toContain(ack.messageId);

    // Watching is free, speaking needs an account.
    anonymous.send({ type: 'chat', clientId: 'a1', text: '你好' });
    expect((await anonymous.next((f) => f.type === 'error' && f.clientId === 'a1')).problem.status).toBe(401);

    await shop.owner.delete(`${LIVE}/sessions/${id}/pin`);
    await v.next((f) => f.type === 'unpin');
  });

  it('limits chat to one message per 2 s and 20 a minute per viewer', async () => {
    const { id } = await liveSession(t);
    const viewer = await signIn(t);
    const v = await connect(id, { token: viewer.token });
    v.send({ type: 'chat', clientId: 'first', text: '第一条' });
    await v.next((f) => f.type === 'ack' && f.clientId === 'first');
    v.send({ type: 'chat', clientId: 'fast', text: '太快了' });
    const fast = await v.next((f) => f.clientId === 'fast');
    expect(fast).toMatchObject({ type: 'error', problem: { type: 'chat-rate-limited', status: 429 } });
    // Two seconds later the viewer may speak again, up to 20 within the minute.
    for (let i = 2; i <= 20; i++) {
      t.clock.advance(2_000);
      v.send({ type: 'chat', clientId: `m${i}`, text: `第 ${i} 条` });
      expect((await v.next((f) => f.clientId === `m${i}`)).type).toBe('ack');
    }
    t.clock.advance(2_000);
    v.send({ type: 'chat', clientId: 'm21', text: '第 21 条' });
    const minute = await v.next((f) => f.clientId === 'm21');
    expect(minute.problem).toMatchObject({ type: 'chat-rate-limited' });
    expect(minute.problem.detail).toContain('每分钟最多发送 20 条');
    // Too long a message is refused before it counts.
    t.clock.advance(60_000);
    v.send({ type: 'chat', clientId: 'long', text: '好'.repeat(61) });
    expect((await v.next((f) => f.clientId === 'long')).problem.type).toBe('chat-length');
  });

  it('moderation refuses a bad message to its sender only and queues a flagged one until an operator approves it', async () => {
    const { id } = await liveSession(t);
    const [alice, bob] = [await signIn(t), await signIn(t)];
    const a = await connect(id, { token: alice.token });
    const b = await connect(id, { token: bob.token });
    a.send({ type: 'chat', clientId: 'bad', text: '网赌来钱快' });
    expect((await a.next((f) => f.clientId === 'bad')).problem.type).toBe('message-rejected');
    t.clock.advance(2_000);
    a.send({ type: 'chat', clientId: 'flag', text: '想要的私聊我加微信' });
    const held = await a.next((f) => f.clientId === 'flag');
    expect(held).toMatchObject({ type: 'ack', pending: true });
    const op = await operator(t);
    const queue = await op.get('/api/v1/admin/moderation/items?status=pending&limit=100');
    const item = queue.body.items.find((i: { subjectId: string }) => i.subjectId === held.messageId);
    expect(item).toMatchObject({ subjectType: 'live_message', verdict: 'flagged' });
    expect(b.frames.some((f) => f.type === 'chat' && f.message.id === held.messageId)).toBe(false);
    expect((await op.post(`/api/v1/admin/moderation/items/${item.id}/decision`, { decision: 'approve' })).status).toBe(
      200,
    );
    await t.drain();
    expect((await b.next((f) => f.type === 'chat' && f.message.id === held.messageId)).message.text).toBe(
      '想要的私聊我加微信',
    );
  });

  it('mutes a viewer (禁言中 until it ends) and removes a message; service answers carry the 客服 badge', async () => {
    const { shop, id } = await liveSession(t);
    const [service, analyst] = await team(t, shop, id, ['service', 'analyst']);
    const troll = await signIn(t);
    const tr = await connect(id, { token: troll.token });
    const staffSocket = await connect(id, { token: service!.token });
    tr.send({ type: 'chat', clientId: 'q', text: '这个多少钱' });
    const ack = await tr.next((f) => f.clientId === 'q');

    staffSocket.send({ type: 'answer', clientId: 'ans', replyTo: ack.messageId, text: '直播间价 99 元' });
    const answer = await tr.next((f) => f.type === 'chat' && f.message.badge === '客服');
    expect(answer.message).toMatchObject({
      text: '直播间价 99 元',
      replyTo: { id: ack.messageId, text: '这个多少钱' },
    });
    // A viewer without the ability cannot answer as 客服.
    tr.send({ type: 'answer', clientId: 'fake', replyTo: ack.messageId, text: '我是客服' });
    expect((await tr.next((f) => f.clientId === 'fake')).problem.status).toBe(403);

    expect((await analyst!.post(`${LIVE}/sessions/${id}/mutes`, { userId: troll.userId, minutes: 10 })).status).toBe(
      403,
    );
    const muted = await service!.post(`${LIVE}/sessions/${id}/mutes`, { userId: troll.userId, minutes: 10 });
    expect(muted.status).toBe(200);
    t.clock.advance(2_000);
    tr.send({ type: 'chat', clientId: 'm', text: '我又来了' });
    const refused = await tr.next((f) => f.clientId === 'm');
    expect(refused.problem).toMatchObject({ type: 'muted', title: '禁言中', status: 403 });
    t.clock.advance(10 * 60_000);
    tr.send({ type: 'chat', clientId: 'back', text: '我会好好说话' });
    expect((await tr.next((f) => f.clientId === 'back')).type).toBe('ack');

    expect((await service!.delete(`${LIVE}/sessions/${id}/messages/${ack.messageId}`)).status).toBe(200);
    expect((await tr.next((f) => f.type === 'removed')).messageId).toBe(ack.messageId);
  });

  it('coalesces likes into the session total; a staff socket needs the metrics ability and receives metrics', async () => {
    const { shop, id } = await liveSession(t);
    const [analyst] = await team(t, shop, id, ['analyst']);
    const viewer = await signIn(t);
    const v = await connect(id, { token: viewer.token });
    await expect(connect(id, { token: viewer.token, staff: true })).rejects.toThrow();
    const staff = await connect(id, { token: analyst!.token, staff: true });
    expect(staff.ready.metrics).toMatchObject({ sessionId: id, likes: 0 });

    v.send({ type: 'like', count: 30 });
    v.send({ type: 'like', count: 12 });
    v.send({ type: 'ping' });
    await v.next((f) => f.type === 'pong');
    liveFanout(t.deps).reportPresence();
    await liveCounters(t.deps).flush();
    expect((await v.next((f) => f.type === 'likes' && f.total === 42)).total).toBe(42);
    const metrics = await staff.next((f) => f.type === 'metrics' && f.metrics.likes === 42);
    // The analyst's staff socket is not audience: neither a visit nor counted in viewers (and so the peak).
    expect(metrics.metrics).toMatchObject({
      uniqueViewers: 1,
      interactingViewers: 1,
      interactionRate: 1,
      peakViewers: 1,
    });
    expect(v.frames.some((f) => f.type === 'metrics')).toBe(false);
    expect((await shop.owner.get(`/api/v1/live/sessions/${id}`)).body.likes).toBe(42);
  });
});
