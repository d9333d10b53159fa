import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { Client, socketTicket } from '../../../test/http.ts';
import { shop, signIn } from '../../../test/order-factories.ts';

/**
 * Group chat over a real WebSocket: the app listens on a loopback port and Node's own WebSocket client (the
 * browser API) connects with a single-use ?ticket= (the shop sends its session cookie). A refused upgrade is checked with app.injectWS.
 */
const t = await createTestApp();
const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
const wsBase = address.replace('http://', 'ws://');

interface Frame {
  type: string;
  [k: string]: any;
}

/** A connected client that keeps every frame, so a test can wait for the one it expects. */
async function connect(groupId: string, token: string) {
  const frames: Frame[] = [];
  const waiters: { test: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  const ticket = await socketTicket(t, token);
  const ws = new WebSocket(`${wsBase}/api/v1/community-groups/${groupId}/socket?ticket=${encodeURIComponent(ticket)}`);
  ws.addEventListener('message', (e) => {
    const frame = JSON.parse(String(e.data)) as Frame;
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.test(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  });
  const next = (test: (f: Frame) => boolean) =>
    new Promise<Frame>((resolve) => {
      const seen = frames.find(test);
      if (seen) resolve(seen);
      else waiters.push({ test, resolve });
    });
  await next((f) => f.type === 'ready');
  sockets.push(ws);
  return { ws, frames, next, send: (data: unknown) => ws.send(JSON.stringify(data)) };
}
const sockets: WebSocket[] = [];
afterAll(() => sockets.forEach((s) => s.close()));

async function community() {
  const s = await shop(t);
  const id = (await s.owner.post('/api/v1/merchant/communities', { name: '露营装备交流群', admission: 'open' })).body
    .id as string;
  const join = async () => {
    const u = await signIn(t);
    const res = await u.post(`/api/v1/communities/${id}/join`);
    return Object.assign(u, { groupId: res.body.groupId as string });
  };
  return { s, id, join };
}

describe('group chat over WebSocket', () => {
  it('a message sent on one socket is stored, acknowledged, and pushed to every member connected to the group', async () => {
    const c = await community();
    const alice = await c.join();
    const bob = await c.join();
    const aliceWs = await connect(alice.groupId, alice.token!);
    const bobWs = await connect(bob.groupId, bob.token!);

    aliceWs.send({ type: 'send', clientId: 'c1', message: { kind: 'text', text: '周末去莫干山露营吗' } });
    const ack = await aliceWs.next((f) => f.type === 'ack');
    const pushed = await bobWs.next((f) => f.type === 'message');
    expect(pushed.message).toMatchObject({
      id: ack.messageId,
      text: '周末去莫干山露营吗',
      sender: { id: alice.userId },
    });
    // Persisted first: history has it.
    const history = await bob.get(`/api/v1/community-groups/${bob.groupId}/messages`);
    expect(history.body.items[0].id).toBe(ack.messageId);

    // A message posted over HTTP reaches the sockets too; a withdrawal reaches them as 'removed'.
    const viaHttp = await bob.post(`/api/v1/community-groups/${bob.groupId}/messages`, {
      kind: 'text',
      text: '算我一个',
    });
    expect((await aliceWs.next((f) => f.type === 'message' && f.message.id === viaHttp.body.id)).message.text).toBe(
      '算我一个',
    );
    await c.s.owner.delete(`/api/v1/community-messages/${viaHttp.body.id}`);
    expect((await aliceWs.next((f) => f.type === 'removed')).messageId).toBe(viaHttp.body.id);

    // Refusals come back on the socket with the same problem type as over HTTP.
    aliceWs.send({ type: 'send', clientId: 'bad', message: { kind: 'text', text: '网赌来钱快' } });
    expect((await aliceWs.next((f) => f.type === 'error' && f.clientId === 'bad')).problem.type).toBe(
      'message-rejected',
    );
  });

  it('announcements reach connected members', async () => {
    const c = await community();
    const m = await c.join();
    const sock = await connect(m.groupId, m.token!);
    await c.s.owner.post(`/api/v1/communities/${c.id}/announcements`, { title: '营地开放报名', body: '限 20 组' });
    expect((await sock.next((f) => f.type === 'announcement')).title).toBe('营地开放报名');
  });

  it('refuses the upgrade to someone who is not a member, and to nobody signed in', async () => {
    const c = await community();
    const m = await c.join();
    const outsider = await signIn(t);
    // injectWS builds a bare request object; the client address is what a real socket would carry.
    const as = (token?: string) =>
      ({ socket: { remoteAddress: '127.0.0.1' }, headers: token ? { authorization: `Bearer ${token}` } : {} }) as never;
    const url = `/api/v1/community-groups/${m.groupId}/socket`;
    await expect(t.app.injectWS(url, as(outsider.token))).rejects.toThrow('403');
    await expect(t.app.injectWS(url, as())).rejects.toThrow('401');
    // The member's own Bearer header works too.
    const ok = await t.app.injectWS(url, as(m.token));
    ok.terminate();
  });

  it('signs in with a single-use ticket and never with the session token in the URL (issue 13, finding 3)', async () => {
    const c = await community();
    const m = await c.join();
    const outsider = await signIn(t);
    const url = `/api/v1/community-groups/${m.groupId}/socket`;
    const bare = { socket: { remoteAddress: '127.0.0.1' }, headers: {} } as never;
    // The long-lived session token in the URL signs nobody in any more.
    await expect(t.app.injectWS(`${url}?token=${outsider.token}`, bare)).rejects.toThrow('401');
    // A ticket does, once: the outsider is known (403, not a member) the first time and nobody the second.
    const ticket = await socketTicket(t, outsider.token!);
    await expect(t.app.injectWS(`${url}?ticket=${ticket}`, bare)).rejects.toThrow('403');
    await expect(t.app.injectWS(`${url}?ticket=${ticket}`, bare)).rejects.toThrow('401');
    // A ticket lives a minute.
    const late = await socketTicket(t, m.token!);
    t.clock.advance(61_000);
    await expect(t.app.injectWS(`${url}?ticket=${late}`, bare)).rejects.toThrow('401');
    const fresh = await socketTicket(t, m.token!);
    const ok = await t.app.injectWS(`${url}?ticket=${fresh}`, bare);
    ok.terminate();
    // Tickets are for signed-in users only.
    expect((await new Client(t).post('/api/v1/socket-tickets')).status).toBe(401);
  });

  it('answers a malformed frame with validation-failed and a refused message with an error for its clientId', async () => {
    const c = await community();
    const alice = await c.join();
    const ws = await connect(alice.groupId, alice.token!);
    ws.ws.send('这不是 JSON');
    expect((await ws.next((f) => f.type === 'error')).problem).toMatchObject({
      type: 'validation-failed',
      title: '消息格式不正确',
    });
    ws.send({ type: 'ping' });
    await ws.next((f) => f.type === 'pong');
    // A product that does not exist is refused by the use-case; the refusal names the message the client sent.
    ws.send({ type: 'send', clientId: 'p-1', message: { kind: 'product', productId: 'prd_missing' } });
    const refused = await ws.next((f) => f.type === 'error' && f.clientId === 'p-1');
    expect(refused.problem).toMatchObject({ type: 'product-unavailable', status: 422 });
  });
});
