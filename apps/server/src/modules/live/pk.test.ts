import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { type LiveRoom, liveRoom, STAFF } from '../../../test/live-interaction-factories.ts';
import { signIn } from '../../../test/order-factories.ts';
import { roomChannel } from './channel.ts';
import { liveCounters } from './counters.ts';
import { latestPk, type PkDto } from './pk.ts';

let t: TestApp;
let a: LiveRoom;
let b: LiveRoom;
beforeAll(async () => {
  t = await createTestApp();
  a = await liveRoom(t, { title: '甲直播间' });
  b = await liveRoom(t, { title: '乙直播间' });
});

const invite = (from: LiveRoom, to: LiveRoom, over: Record<string, unknown> = {}) =>
  from.host.post(`${STAFF}/sessions/${from.sessionId}/pk`, {
    opponentSessionId: to.sessionId,
    metric: 'likes',
    durationSeconds: 60,
    ...over,
  });

/** Taps counted in memory and flushed, as the room's sockets do; the flush also refreshes running PKs. */
async function like(room: LiveRoom, n: number) {
  const counters = liveCounters(t.deps);
  counters.like(room.sessionId, null, n);
  await counters.flush();
}

/** Resolves with the first PK event on the room's channel that satisfies `test`. */
function nextPk(room: LiveRoom, test: (pk: PkDto) => boolean): Promise<PkDto> {
  return new Promise((resolve) => {
    const off = t.deps.realtime.subscribe(roomChannel(room.sessionId), (message) => {
      const event = message as { type: string; pk?: PkDto };
      if (event.type === 'pk' && event.pk && test(event.pk)) {
        off();
        resolve(event.pk);
      }
    });
  });
}

describe('host PK', () => {
  it('checks the invitation', async () => {
    expect((await invite(a, b, { durationSeconds: 30 })).status).toBe(400);
    const self = await invite(a, a);
    expect(self.status).toBe(422);
    expect(self.body.type).toBe('pk-opponent-invalid');
    const viewer = await signIn(t);
    expect(
      (
        await viewer.post(`${STAFF}/sessions/${a.sessionId}/pk`, {
          opponentSessionId: b.sessionId,
          metric: 'likes',
          durationSeconds: 60,
        })
      ).status,
    ).toBe(403);
  });

  it('scores what each room gains during the PK and names the winner at the end', async () => {
    await like(a, 100); // before the PK: not part of the score
    await like(b, 40);
    const invited = await invite(a, b);
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const pk = invited.body as PkDto;
    expect(pk.status).toBe('invited');
    expect((await invite(b, a)).body.type).toBe('pk-busy');

    // Only room B's host (or merchant) answers.
    expect((await a.host.post(`${STAFF}/pk/${pk.id}/accept`)).status).toBe(403);
    const seenByB = nextPk(b, (p) => p.id === pk.id && p.status === 'running');
    const accepted = await b.host.post(`${STAFF}/pk/${pk.id}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'running', a: { score: 0 }, b: { score: 0 } });
    await seenByB;

    // Either room's flush publishes both scores to both rooms.
    const seenByA = nextPk(a, (p) => p.id === pk.id && p.a.score === 30 && p.b.score === 12);
    await like(a, 30);
    await like(b, 12);
    expect((await seenByA).status).toBe('running');

    const finished = nextPk(b, (p) => p.id === pk.id && p.status === 'finished');
    t.clock.advance(60_000);
    await t.runJobs(); // the room is quiet: the job at endsAt finishes it
    expect(await finished).toMatchObject({ winner: 'a', a: { score: 30 }, b: { score: 12 } });
    await like(a, 500); // after the end: nothing changes
    expect(await latestPk(t.deps.database.db, a.sessionId, t.clock.now())).toMatchObject({
      status: 'finished',
      winner: 'a',
      a: { score: 30 },
    });
    expect((await b.host.post(`${STAFF}/pk/${pk.id}/accept`)).body.type).toBe('pk-invite-expired');
  });

  it('lets the invited host decline, and frees both rooms', async () => {
    const invited = await invite(b, a, { metric: 'gmv' });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const declined = await a.host.post(`${STAFF}/pk/${invited.body.id}/decline`);
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe('declined');
    expect((await invite(a, b)).status).toBe(201);
  });
});
