import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { type LiveRoom, liveRoom, STAFF } from '../../../test/live-interaction-factories.ts';
import { signIn } from '../../../test/order-factories.ts';
import { roomChannel } from './channel.ts';
import type { PollDto } from './polls.ts';

let t: TestApp;
let room: LiveRoom;
beforeAll(async () => {
  t = await createTestApp();
  room = await liveRoom(t);
});

const open = (over: Record<string, unknown> = {}) =>
  room.host.post(`${STAFF}/sessions/${room.sessionId}/polls`, {
    question: '下一款上哪个？',
    options: [{ label: '面霜', productId: room.productId }, { label: '精华' }, { label: '面膜' }],
    durationSeconds: 120,
    ...over,
  });

/** Resolves with the first poll event on the room's channel that satisfies `test`. */
function nextPollEvent(test: (poll: PollDto) => boolean): Promise<PollDto> {
  return new Promise((resolve) => {
    const off = t.deps.realtime.subscribe(roomChannel(room.sessionId), (message) => {
      const event = message as { type: string; poll?: PollDto };
      if (event.type === 'poll' && event.poll && test(event.poll)) {
        off();
        resolve(event.poll);
      }
    });
  });
}

describe('投票选品', () => {
  it('checks the options and refuses products that are not in the session', async () => {
    const one = await open({ options: [{ label: '只有一个' }] });
    expect(one.status).toBe(400);
    const foreign = await open({ options: [{ label: 'A', productId: 'prd_elsewhere' }, { label: 'B' }] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.type).toBe('poll-product-invalid');
    const viewer = await signIn(t);
    const notStaff = await viewer.post(`${STAFF}/sessions/${room.sessionId}/polls`, {
      question: '选哪个？',
      options: [{ label: 'A' }, { label: 'B' }],
      durationSeconds: 60,
    });
    expect(notStaff.status).toBe(403);
  });

  it('takes one vote per viewer, publishes live results and closes', async () => {
    const opened = await open();
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const poll = opened.body as PollDto;
    expect(poll.options[0]).toMatchObject({ label: '面霜', productId: room.productId, votes: 0 });
    expect((await open()).body.type).toBe('poll-running');

    const [a, b, c] = await Promise.all([signIn(t), signIn(t), signIn(t)]);
    const published = nextPollEvent((p) => p.id === poll.id && p.totalVotes >= 1);
    const first = await a.post(`/api/v1/live/polls/${poll.id}/votes`, { optionIndex: 1 });
    expect(first.status).toBe(201);
    expect(first.body.myVote).toBe(1);
    expect((await published).options[1]!.votes).toBe(1);

    const second = await a.post(`/api/v1/live/polls/${poll.id}/votes`, { optionIndex: 0 });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ type: 'already-voted', title: '你已经投过票了，每人只能投一次' });

    // Two taps at once from one viewer: one vote.
    const taps = await Promise.all([
      b.post(`/api/v1/live/polls/${poll.id}/votes`, { optionIndex: 0 }),
      b.post(`/api/v1/live/polls/${poll.id}/votes`, { optionIndex: 2 }),
    ]);
    expect(taps.map((r) => r.status).sort()).toEqual([201, 409]);

    const outOfRange = await c.post(`/api/v1/live/polls/${poll.id}/votes`, { optionIndex: 3 });
    expect(outOfRange.status).toBe(422);
    expect((await new Client(t).post(`/api/v1/live/polls/${poll.id}/votes`, { optionIndex: 0 })).status).toBe(401);

    const closed = await room.host.post(`${STAFF}/polls/${poll.id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', totalVotes: 2 });
    const late = await c.post(`/api/v1/live/polls/${poll.id}/votes`, { optionIndex: 0 });
    expect(late.status).toBe(409);
    expect(late.body.type).toBe('poll-closed');
  });

  it('closes on time by itself', async () => {
    const opened = await open({ durationSeconds: 30 });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const published = nextPollEvent((p) => p.id === opened.body.id && p.status === 'closed');
    t.clock.advance(30_000);
    await t.runJobs();
    expect((await published).closedAt).toBe(opened.body.closesAt);
    const viewer = await signIn(t);
    expect((await viewer.post(`/api/v1/live/polls/${opened.body.id}/votes`, { optionIndex: 0 })).body.type).toBe(
      'poll-closed',
    );
  });
});
