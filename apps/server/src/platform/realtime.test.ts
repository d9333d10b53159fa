import { afterAll, describe, expect, it } from 'vitest';
import { InProcessRealtimeBus, type RealtimeBus, RedisRealtimeBus } from './realtime.ts';

/** Collects what a subscriber receives and lets the test wait for the nth message. */
function inbox(bus: RealtimeBus, channel: string) {
  const got: unknown[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const unsubscribe = bus.subscribe(channel, (m) => {
    got.push(m);
    for (const w of waiters.filter((w) => got.length >= w.n)) w.resolve();
  });
  const count = (n: number) =>
    new Promise<void>((resolve) => (got.length >= n ? resolve() : waiters.push({ n, resolve })));
  return { got, count, unsubscribe };
}

describe('in-process realtime bus', () => {
  it('delivers to every subscriber of the channel, not others, and stops after unsubscribe', async () => {
    const bus = new InProcessRealtimeBus();
    const a = inbox(bus, 'room:1');
    const b = inbox(bus, 'room:1');
    const other = inbox(bus, 'room:2');
    await bus.publish('room:1', { text: '你好' });
    await Promise.all([a.count(1), b.count(1)]);
    expect(a.got).toEqual([{ text: '你好' }]);
    expect(b.got).toEqual([{ text: '你好' }]);
    b.unsubscribe();
    await bus.publish('room:1', { text: '再见' });
    await a.count(2);
    expect(b.got).toHaveLength(1);
    expect(other.got).toEqual([]);
    await bus.close();
  });
});

// Two buses on one Redis stand for two server processes; CI sets REDIS_URL, a laptop without Redis skips this.
const redisUrl = process.env.REDIS_URL;
describe.skipIf(!redisUrl)('Redis realtime bus (two processes)', () => {
  const buses: RedisRealtimeBus[] = [];
  afterAll(() => Promise.all(buses.map((b) => b.close())));

  it('a message published by one process reaches subscribers in both, once each', async () => {
    const channel = `test:${process.pid}:${Date.now()}`;
    const one = new RedisRealtimeBus(redisUrl!);
    const two = new RedisRealtimeBus(redisUrl!);
    buses.push(one, two);
    const atOne = inbox(one, channel);
    const atTwo = inbox(two, channel);
    await Promise.all([one.ready(), two.ready()]);

    await one.publish(channel, { type: 'message', text: '第一条' });
    await two.publish(channel, { type: 'message', text: '第二条' });
    await Promise.all([atOne.count(2), atTwo.count(2)]);
    expect(atOne.got).toEqual([
      { type: 'message', text: '第一条' },
      { type: 'message', text: '第二条' },
    ]);
    expect(atTwo.got).toEqual(atOne.got);

    // After process two's last subscriber leaves, it no longer receives the channel.
    atTwo.unsubscribe();
    await two.ready();
    await one.publish(channel, { type: 'message', text: '第三条' });
    await atOne.count(3);
    // Both sockets of process one see the third; process two stays at two (a marker published after proves delivery order).
    const marker = inbox(two, `${channel}:marker`);
    await two.ready();
    await one.publish(`${channel}:marker`, 'done');
    await marker.count(1);
    expect(atTwo.got).toHaveLength(2);
  });
});
