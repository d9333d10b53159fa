import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { LIVE, liveSession } from '../../../test/live-factories.ts';
import { operator } from '../../../test/factories.ts';
import { signIn } from '../../../test/order-factories.ts';
import { makeCtx } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { resolveActor } from '../accounts/api.ts';
import { roomChannel, type RoomEvent } from './channel.ts';
import { type ChatDraft, commitChatBatch } from './chat-batch.ts';
import { mutedUntil } from './room-cache.ts';
import { sendChat } from './room.ts';
import { liveChatMessages, liveVisits } from './schema.ts';
import { RoomSnapshots, viewerParts } from './snapshot-cache.ts';
import { closeVisit, recordVisit } from './visits.ts';

/** The room's hot paths at scale (docs/LIVE.md "Scale"): chat group commit, per-process caches, shared snapshots, visits. */
const t = await createTestApp();
const db = t.deps.database.db;

const draft = (userId: string, text: string): ChatDraft => ({
  id: newId('lcm'),
  userId,
  kind: 'viewer',
  text,
  badge: undefined,
  replyTo: undefined,
  at: t.clock.now(),
});

async function viewerCtx() {
  const v = await signIn(t);
  return { ...v, ctx: makeCtx(t.deps, await resolveActor(t.deps, v.token!)) };
}

/** Listens on the room's channel (after the cache, so the cache hears an event first); the result awaits the event. */
async function listen(sessionId: string, type: RoomEvent['type']): Promise<() => Promise<RoomEvent>> {
  let off: () => void = () => undefined;
  const got = new Promise<RoomEvent>((resolve) => {
    off = t.deps.realtime.subscribe(roomChannel(sessionId), (m) => {
      if ((m as RoomEvent).type === type) resolve(m as RoomEvent);
    });
  });
  await t.deps.realtime.ready();
  return async () => {
    const event = await got;
    off();
    return event;
  };
}

describe('chat group commit', () => {
  it('stores a batch in one transaction, moderating and answering each message on its own', async () => {
    const { id } = await liveSession(t);
    const [a, b, c] = [await signIn(t), await signIn(t), await signIn(t)];
    const drafts = [draft(a.userId, '主播好'), draft(b.userId, '想要的私聊我加微信'), draft(c.userId, '网赌来钱快')];
    const out = await commitChatBatch(t.deps, id, drafts);
    expect(out[0]).toMatchObject({
      ok: true,
      pending: false,
      message: { id: drafts[0]!.id, userId: a.userId, text: '主播好' },
    });
    expect(out[1]).toMatchObject({ ok: true, pending: true });
    expect(out[2]).toMatchObject({ ok: false, type: 'message-rejected' });
    const stored = await db.select().from(liveChatMessages).where(eq(liveChatMessages.sessionId, id));
    expect(stored.map((m) => [m.id, m.verdict]).sort()).toEqual(
      [
        [drafts[0]!.id, 'approved'],
        [drafts[1]!.id, 'flagged'],
      ].sort(),
    );
    // What the operator's moderation queue shows: the flagged message waits, the rejected one was decided by the rules.
    const op = await operator(t);
    const pending = (await op.get('/api/v1/admin/moderation/items?status=pending&limit=100')).body.items;
    const rejected = (await op.get('/api/v1/admin/moderation/items?status=rejected&limit=100')).body.items;
    expect(pending.find((q: { subjectId: string }) => q.subjectId === drafts[1]!.id)).toMatchObject({
      subjectType: 'live_message',
      verdict: 'flagged',
    });
    expect(rejected.find((q: { subjectId: string }) => q.subjectId === drafts[2]!.id)).toMatchObject({
      subjectType: 'live_message',
      verdict: 'rejected',
    });
  });

  it('senders at once are all answered after their commit, and a room that ended stores nothing more', async () => {
    const { shop, id } = await liveSession(t);
    const viewers = await Promise.all([viewerCtx(), viewerCtx(), viewerCtx(), viewerCtx()]);
    const results = await Promise.all(viewers.map((v, i) => sendChat(v.ctx, id, { text: `第 ${i} 条弹幕` })));
    expect(results.every((r) => r.ok)).toBe(true);
    const stored = await db
      .select({ id: liveChatMessages.id })
      .from(liveChatMessages)
      .where(eq(liveChatMessages.sessionId, id));
    expect(stored.map((s) => s.id).sort()).toEqual(results.map((r) => (r.ok ? r.value.id : '')).sort());

    expect((await shop.owner.post(`${LIVE}/sessions/${id}/end`)).status).toBe(200);
    t.clock.advance(2_000);
    // The cached session row may still say live; the batch reads the status itself.
    const late = await sendChat(viewers[0].ctx, id, { text: '结束了吗' });
    expect(late).toMatchObject({ ok: false, type: 'not-live' });
    expect(await commitChatBatch(t.deps, id, [draft(viewers[1].userId, '还在吗')])).toEqual([
      { ok: false, type: 'not-live' },
    ]);
    expect(
      await db.select({ id: liveChatMessages.id }).from(liveChatMessages).where(eq(liveChatMessages.sessionId, id)),
    ).toHaveLength(4);
  });

  it('a mute holds at once in the process that set it, even with the room mutes cached', async () => {
    const { shop, id } = await liveSession(t);
    const troll = await viewerCtx();
    expect(await mutedUntil(t.deps, id, troll.userId)).toBeNull();
    expect((await shop.owner.post(`${LIVE}/sessions/${id}/mutes`, { userId: troll.userId, minutes: 5 })).status).toBe(
      200,
    );
    expect(await mutedUntil(t.deps, id, troll.userId)).toEqual(new Date(t.clock.now().getTime() + 5 * 60_000));
    expect(await sendChat(troll.ctx, id, { text: '我又来了' })).toMatchObject({ ok: false, type: 'muted' });
  });
});

describe('shared room snapshot', () => {
  it('one build serves every socket; chat and pins keep it exact; a status change drops it', async () => {
    const { shop, id } = await liveSession(t);
    let now = 0;
    const snapshots = new RoomSnapshots(t.deps, { now: () => now });
    const leave = snapshots.join(id);
    await t.deps.realtime.ready();
    const first = await snapshots.view(id);
    const frames = await Promise.all([snapshots.readyFrame(id), snapshots.readyFrame(id)]);
    expect(snapshots.builds).toBe(1);
    expect(frames[0]).toBe(frames[1]);
    expect(JSON.parse(frames[0])).toMatchObject({
      type: 'ready',
      snapshot: { id, status: 'live', pinned: null, reminded: false },
      chat: [],
    });

    const viewer = await viewerCtx();
    const chatHeard = await listen(id, 'chat');
    const sent = await sendChat(viewer.ctx, id, { text: '来了来了' });
    await chatHeard();
    const pinHeard = await listen(id, 'pin');
    const productId = shop.products[0]!.productId;
    expect((await shop.owner.post(`${LIVE}/sessions/${id}/pin`, { productId })).status).toBe(200);
    await pinHeard();
    const patched = await snapshots.view(id);
    expect(snapshots.builds).toBe(1);
    expect(patched).toBe(first);
    expect(patched.chat.map((m) => m.id)).toEqual([sent.ok ? sent.value.id : '']);
    expect(patched.snapshot.pinned).toMatchObject({ productId });
    expect(JSON.parse(await snapshots.readyFrame(id)).snapshot.pinned).toMatchObject({ productId });

    // The viewer's own parts are added for a signed-in socket only.
    expect(await viewerParts(t.deps, patched, viewer.userId)).toEqual({ reminded: false, lottery: null, poll: null });

    const endHeard = await listen(id, 'status');
    expect((await shop.owner.post(`${LIVE}/sessions/${id}/end`)).status).toBe(200);
    await endHeard();
    expect((await snapshots.view(id)).snapshot.status).toBe('ended');
    expect(snapshots.builds).toBe(2);
    // After its second the build is made afresh even in a quiet room.
    now += 1_000;
    await snapshots.view(id);
    expect(snapshots.builds).toBe(3);
    leave();
  });
});

describe('visits in groups', () => {
  it('opens the visits of sockets arriving together, closes each at its own time, and records none once the room ended', async () => {
    const { shop, id } = await liveSession(t);
    const joinedAt = t.clock.now();
    const ids = Array.from({ length: 5 }, () => newId('lvv'));
    expect(
      await Promise.all(
        ids.map((v, i) => recordVisit(t.deps, id, { id: v, viewerKey: `anon:device-${i}`, userId: null, joinedAt })),
      ),
    ).toEqual(ids.map(() => true));
    const leftAt = ids.map((_, i) => new Date(joinedAt.getTime() + (i + 1) * 1_000));
    await Promise.all(ids.map((v, i) => closeVisit(t.deps, v, leftAt[i]!)));
    const rows = await db.select().from(liveVisits).where(eq(liveVisits.sessionId, id));
    expect(new Map(rows.map((r) => [r.id, r.leftAt?.getTime()]))).toEqual(
      new Map(ids.map((v, i) => [v, leftAt[i]!.getTime()])),
    );

    expect((await shop.owner.post(`${LIVE}/sessions/${id}/end`)).status).toBe(200);
    const late = newId('lvv');
    expect(
      await recordVisit(t.deps, id, { id: late, viewerKey: 'anon:late-device', userId: null, joinedAt: t.clock.now() }),
    ).toBe(false);
    expect(
      await db
        .select()
        .from(liveVisits)
        .where(and(eq(liveVisits.sessionId, id), eq(liveVisits.id, late))),
    ).toHaveLength(0);
  });
});
