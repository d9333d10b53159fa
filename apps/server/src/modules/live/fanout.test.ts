import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../platform/clock.ts';
import { InProcessRealtimeBus, type RealtimeHandler } from '../../platform/realtime.ts';
import { type LiveChatMessage, presenceChannel, type RoomEvent, roomChannel, staffChannel } from './channel.ts';
import { LiveFanout, type RoomSocket } from './fanout.ts';
import { textFrame, writeFrame } from './fanout-batch.ts';

/** The in-process bus, recording which channels have at least one subscriber (what a process asks Redis for). */
class CountingBus extends InProcessRealtimeBus {
  readonly active = new Map<string, number>();
  override subscribe(channel: string, handler: RealtimeHandler): () => void {
    this.active.set(channel, (this.active.get(channel) ?? 0) + 1);
    const unsubscribe = super.subscribe(channel, handler);
    return () => {
      const left = this.active.get(channel)! - 1;
      if (left === 0) this.active.delete(channel);
      else this.active.set(channel, left);
      unsubscribe();
    };
  }
}

class FakeSocket implements RoomSocket {
  readyState = 1;
  bufferedAmount = 0;
  readonly frames: (string | Buffer)[] = [];
  closedWith: number | undefined;
  send(data: string | Buffer, options?: { binary?: boolean }): void {
    if (Buffer.isBuffer(data)) expect(options?.binary).toBe(false); // a batch must arrive as a text frame
    this.frames.push(data);
  }
  close(code?: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }
  batches(): { type: 'batch'; events: { type: string; [k: string]: unknown }[]; at: string }[] {
    return this.frames.map((f) => JSON.parse(String(f)) as never).filter((m: { type: string }) => m.type === 'batch');
  }
  events(): { type: string; [k: string]: unknown }[] {
    return this.batches().flatMap((b) => b.events);
  }
}

const chat = (n: number): RoomEvent => {
  const message: LiveChatMessage = {
    id: `m${n}`,
    userId: 'u1',
    nickname: '小王',
    avatarUrl: null,
    text: `第${n}条`,
    at: '2026-11-20T02:00:00.000Z',
  };
  return { type: 'chat', message };
};

let bus: CountingBus;
let clock: ManualClock;
let fanouts: LiveFanout[];
const log = pino({ level: 'silent' });
const newFanout = () => {
  const f = new LiveFanout({ realtime: bus, clock, log });
  fanouts.push(f);
  return f;
};
const toRoom = (event: RoomEvent) => bus.publish(roomChannel('s1'), event);
/** Lets the bus deliver (it hands messages over on a microtask) and runs the timers that are due. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  bus = new CountingBus();
  clock = new ManualClock();
  fanouts = [];
});
afterEach(async () => {
  await Promise.all(fanouts.map((f) => f.close()));
  vi.useRealTimers();
});

describe('live fan-out', () => {
  it('subscribes a process once per room while it has local sockets, staff channel only for staff', () => {
    const fanout = newFanout();
    const a = new FakeSocket();
    const b = new FakeSocket();
    const staff = new FakeSocket();
    const leaveA = fanout.join('s1', a, { staff: false });
    const leaveB = fanout.join('s1', b, { staff: false });
    expect(bus.active.get(roomChannel('s1'))).toBe(1);
    expect(bus.active.has(staffChannel('s1'))).toBe(false);
    const leaveStaff = fanout.join('s1', staff, { staff: true });
    expect(bus.active.get(staffChannel('s1'))).toBe(1);
    // The host's control panel is not audience: viewer counts leave staff sockets out.
    expect(fanout.localCount('s1')).toBe(2);
    leaveStaff();
    expect(bus.active.has(staffChannel('s1'))).toBe(false);
    leaveA();
    leaveA(); // leaving twice is harmless
    expect(bus.active.get(roomChannel('s1'))).toBe(1);
    leaveB();
    expect([...bus.active.keys()]).toEqual([]);
    expect(fanout.localCount('s1')).toBe(0);
  });

  it('sends one batch serialised once to every open socket, and direct replies unbatched', async () => {
    const fanout = newFanout();
    const [a, b, closed] = [new FakeSocket(), new FakeSocket(), new FakeSocket()];
    for (const s of [a, b, closed]) fanout.join('s1', s, { staff: false });
    closed.readyState = 3;
    fanout.direct(a, { type: 'pong' });
    await toRoom(chat(1));
    await toRoom({
      type: 'pin',
      product: {
        productId: 'p1',
        title: '好物',
        imageUrl: null,
        price: 990,
        claim: null,
        pinnedAt: '2026-11-20T02:00:00.000Z',
      },
    });
    await settle();
    expect(a.frames[0]).toBe('{"type":"pong"}');
    expect(a.frames).toHaveLength(2);
    expect(a.frames[1]).toBe(b.frames[0]); // the same Buffer object: no per-viewer serialisation
    expect(closed.frames).toEqual([]);
    expect(a.batches()[0]!.at).toBe(clock.now().toISOString());
    expect(a.events().map((e) => e.type)).toEqual(['chat', 'pin']);
  });

  it('sends an idle room at once and a busy one at most every 100 ms', async () => {
    const fanout = newFanout();
    const s = new FakeSocket();
    fanout.join('s1', s, { staff: false });
    await toRoom(chat(1));
    await settle();
    expect(s.batches()).toHaveLength(1);
    await toRoom(chat(2));
    await toRoom(chat(3));
    await vi.advanceTimersByTimeAsync(99);
    expect(s.batches()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.batches()).toHaveLength(2);
    expect(s.batches()[1]!.events.map((e) => (e.message as LiveChatMessage).id)).toEqual(['m2', 'm3']);
  });

  it('coalesces likes and viewers to the latest and keeps the newest 40 chat messages, counting the dropped', async () => {
    const fanout = newFanout();
    const s = new FakeSocket();
    fanout.join('s1', s, { staff: false });
    await toRoom({ type: 'likes', total: 1 });
    for (let i = 1; i <= 45; i++) await toRoom(chat(i));
    await toRoom({ type: 'likes', total: 7 });
    await toRoom({ type: 'removed', messageId: 'm44' });
    await Promise.resolve();
    fanout.flush();
    const events = s.events();
    expect(events[0]).toEqual({ type: 'chat-dropped', count: 5 });
    const chats = events.filter((e) => e.type === 'chat').map((e) => (e.message as LiveChatMessage).id);
    expect(chats).toEqual(Array.from({ length: 40 }, (_, i) => `m${i + 6}`));
    expect(events.filter((e) => e.type === 'likes')).toEqual([{ type: 'likes', total: 7 }]);
    expect(events.at(-1)).toEqual({ type: 'removed', messageId: 'm44' }); // order kept: the removal after its message
  });

  it('gives staff sockets the staff events as well, viewers never', async () => {
    const fanout = newFanout();
    const viewer = new FakeSocket();
    const staff = new FakeSocket();
    fanout.join('s1', viewer, { staff: false });
    fanout.join('s1', staff, { staff: true });
    await toRoom({ type: 'gmv', total: 100 });
    await bus.publish(staffChannel('s1'), { type: 'metrics', metrics: { viewers: 1 } });
    await bus.publish(staffChannel('s1'), { type: 'metrics', metrics: { viewers: 2 } });
    await Promise.resolve();
    fanout.flush();
    expect(viewer.events()).toEqual([{ type: 'gmv', total: 100 }]);
    expect(staff.events()).toEqual([
      { type: 'gmv', total: 100 },
      { type: 'metrics', metrics: { viewers: 2 } },
    ]);
  });

  it('skips a socket that cannot keep up and closes one that falls far behind', async () => {
    const fanout = newFanout();
    const [fine, slow, stuck] = [new FakeSocket(), new FakeSocket(), new FakeSocket()];
    for (const s of [fine, slow, stuck]) fanout.join('s1', s, { staff: false });
    slow.bufferedAmount = 2 << 20;
    stuck.bufferedAmount = 16 << 20;
    await toRoom(chat(1));
    await settle();
    expect(fine.batches()).toHaveLength(1);
    expect(slow.frames).toEqual([]);
    expect(stuck.frames).toEqual([]);
    expect(stuck.closedWith).toBe(1013);
    expect(slow.closedWith).toBeUndefined();
  });

  it('counts viewers across processes from fresh presence reports and announces changes', async () => {
    const one = newFanout();
    const two = newFanout();
    const seen: [string, number][] = [];
    one.onViewerCount((id, n) => seen.push([id, n]));
    const s = new FakeSocket();
    one.join('s1', s, { staff: false });
    one.join('s1', new FakeSocket(), { staff: false });
    const leaveThree = two.join('s1', new FakeSocket(), { staff: false });
    expect(one.viewerCount('s1')).toBe(2);

    two.reportPresence();
    await Promise.resolve();
    one.reportPresence();
    await settle();
    expect(one.viewerCount('s1')).toBe(3);
    expect(two.viewerCount('s1')).toBe(3);
    expect(s.events()).toEqual([{ type: 'viewers', count: 3 }]);
    expect(seen).toEqual([['s1', 3]]);

    one.reportPresence(); // nothing changed: nothing announced
    await vi.advanceTimersByTimeAsync(100);
    expect(s.events()).toHaveLength(1);

    // A process that stops reporting (crashed) drops out after 6 s; one whose last viewer leaves says so at once.
    clock.advance(6_000);
    expect(one.viewerCount('s1')).toBe(2);
    two.reportPresence();
    await Promise.resolve();
    expect(one.viewerCount('s1')).toBe(3);
    leaveThree();
    await Promise.resolve();
    expect(one.viewerCount('s1')).toBe(2);
  });

  it('reports presence on its own timer and stops everything on close', async () => {
    const fanout = newFanout();
    const reports: unknown[] = [];
    bus.subscribe(presenceChannel('s1'), (m) => reports.push(m));
    fanout.join('s1', new FakeSocket(), { staff: false });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(reports).toEqual([{ process: expect.any(String), count: 1 }]);
    await fanout.close();
    expect(bus.active.has(roomChannel('s1'))).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reports).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

interface WsLike extends RoomSocket {
  on(event: 'message', listener: (data: Buffer) => void): void;
  terminate(): void;
}
const ws = createRequire(import.meta.url)('ws') as {
  WebSocketServer: new (o: { server: ReturnType<typeof createServer>; perMessageDeflate: false }) => {
    on(e: 'connection', l: (s: WsLike) => void): void;
    close(): void;
  };
  WebSocket: new (url: string) => WsLike;
};

describe('pre-built frames', () => {
  it("a frame built once and written to ws's socket arrives as the same text message, at every length encoding", async () => {
    vi.useRealTimers();
    const server = createServer();
    const wss = new ws.WebSocketServer({ server, perMessageDeflate: false });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const texts = ['短', '弹'.repeat(100), 'x'.repeat(70_000)].map((t) =>
      JSON.stringify({ type: 'batch', events: [{ type: 'unpin' }], t }),
    );
    wss.on('connection', (socket) => {
      for (const text of texts) {
        const payload = Buffer.from(text);
        writeFrame(socket, textFrame(payload), payload);
      }
    });
    const client = new ws.WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const got: string[] = [];
    await new Promise<void>((resolve) =>
      client.on('message', (data) => {
        got.push(String(data));
        if (got.length === texts.length) resolve();
      }),
    );
    expect(got).toEqual(texts);
    client.terminate();
    wss.close();
    server.close();
  });
});
