import { createHash, createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTemplate, MERCHANT_TEMPLATES, myCoupons } from '../../../test/coupon-factories.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { type LiveRoom, liveRoom, STAFF, withRole } from '../../../test/live-interaction-factories.ts';
import { signIn } from '../../../test/order-factories.ts';
import { newId } from '../../platform/ids.ts';
import { makeCtx } from '../../platform/context.ts';
import { roomChannel } from './channel.ts';
import { enterLotteryFromChat } from './lottery.ts';
import { sendChat } from './room.ts';

let t: TestApp;
let room: LiveRoom;
let templateId: string;
beforeAll(async () => {
  t = await createTestApp();
  room = await liveRoom(t);
  templateId = (await createTemplate(t, room.host, MERCHANT_TEMPLATES, { totalQuantity: 50 })).id;
});

const body = (over: Record<string, unknown> = {}) => ({
  keyword: '好物',
  prize: { kind: 'coupon', templateId, title: '满200减30券' },
  winnersCount: 3,
  durationSeconds: 60,
  ...over,
});

/** What the chat use-case does for each accepted message, in its own transaction. */
const chat = (userId: string, text: string, at = t.clock.now()) =>
  t.deps.database.db.transaction((tx) => enterLotteryFromChat(tx, room.sessionId, userId, newId('lcm'), text, at));

// A third party's check, written from the published recipe only (no server code).
const sha256Hex = (hex: string) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
const ticket = (seed: string, userId: string) =>
  createHmac('sha256', Buffer.from(seed, 'hex')).update(userId).digest('hex');

describe('danmaku lottery', () => {
  it('refuses viewers, bad prizes and out-of-range settings, and creates nothing', async () => {
    const viewer = await signIn(t);
    const refused = await viewer.post(`${STAFF}/sessions/${room.sessionId}/lotteries`, body());
    expect(refused.status).toBe(403);
    const bad = await room.host.post(
      `${STAFF}/sessions/${room.sessionId}/lotteries`,
      body({ winnersCount: 101, durationSeconds: 5 }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.title).toBe('请求参数有误');
    const foreign = await room.host.post(
      `${STAFF}/sessions/${room.sessionId}/lotteries`,
      body({ prize: { kind: 'coupon', templateId: 'cpt_missing', title: '券' } }),
    );
    expect(foreign.status).toBe(422);
    expect(foreign.body.type).toBe('lottery-prize-invalid');
    const blocked = await room.host.post(`${STAFF}/sessions/${room.sessionId}/lotteries`, body({ keyword: '赌博' }));
    expect(blocked.status).toBe(422);
    expect(blocked.body.type).toBe('lottery-text-rejected');
  });

  it('draws winners anyone can recompute from the revealed seed and the published entrants', async () => {
    const controller = await withRole(t, room, 'controller');
    // A 场控 is not the merchant's staff: the control panel carries the prizes and SKUs they may use.
    const panel = (await controller.get(`${STAFF}/sessions/${room.sessionId}/control`)).body;
    expect(panel.prizeTemplates).toContainEqual({
      id: templateId,
      name: expect.any(String),
      label: expect.any(String),
    });
    expect(panel.skus).toContainEqual({
      skuId: room.skuId,
      productId: room.productId,
      specText: expect.any(String),
      price: 9900,
      stock: expect.any(Number),
    });
    const opened = await controller.post(`${STAFF}/sessions/${room.sessionId}/lotteries`, body());
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const lottery = opened.body;
    expect(lottery.seed).toBeNull();
    expect(lottery.seedCommitment).toMatch(/^[0-9a-f]{64}$/);
    const again = await room.host.post(`${STAFF}/sessions/${room.sessionId}/lotteries`, body());
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('lottery-running');

    const viewers = await Promise.all(Array.from({ length: 7 }, () => signIn(t)));
    // The room sees the entrant count move (throttled; the last entry is always published).
    const allEntered = new Promise<void>((resolve) => {
      const off = t.deps.realtime.subscribe(roomChannel(room.sessionId), (message) => {
        const event = message as { type: string; lottery?: { id: string; entrantsCount: number } };
        if (event.type === 'lottery' && event.lottery?.id === lottery.id && event.lottery?.entrantsCount === 7) {
          off();
          resolve();
        }
      });
    });
    for (const v of viewers) {
      // Through the room's chat use-case, as a socket sends it.
      const sent = await sendChat(
        makeCtx(t.deps, { kind: 'user', userId: v.userId, sessionId: 'test', roles: ['consumer'], staff: [] }),
        room.sessionId,
        { text: '我要好物！' },
      );
      expect(sent.ok).toBe(true);
    }
    await allEntered;
    await chat(viewers[0]!.userId, '好物好物'); // a second entry by the same viewer is ignored
    const silent = await signIn(t);
    await chat(silent.userId, '主播好'); // no keyword, no entry
    await chat(room.host.userId, '好物'); // the host cannot enter
    await chat(controller.userId, '好物'); // nor the room's assistants

    const early = await room.host.post(`${STAFF}/lotteries/${lottery.id}/draw`);
    expect(early.status).toBe(409);
    expect(early.body.type).toBe('lottery-not-closed');

    t.clock.advance(60_000);
    const late = await signIn(t);
    await chat(late.userId, '好物'); // the window has closed
    await t.runJobs(); // the draw job at closesAt

    const detail = await late.get(`/api/v1/live/lotteries/${lottery.id}`);
    expect(detail.status).toBe(200);
    const d = detail.body;
    expect(d.status).toBe('drawn');
    expect(d.seedCommitment).toBe(lottery.seedCommitment);
    expect(sha256Hex(d.seed)).toBe(d.seedCommitment);
    expect(d.entrantsCount).toBe(7);
    expect(d.entrants.map((e: { userId: string }) => e.userId).sort()).toEqual(viewers.map((v) => v.userId).sort());
    expect(d.entrants.every((e: { nickname: string }) => e.nickname.includes('*'))).toBe(true);
    const recomputed = d.entrants
      .map((e: { userId: string }) => ({ userId: e.userId, ticket: ticket(d.seed, e.userId) }))
      .sort((a: { ticket: string }, b: { ticket: string }) => a.ticket.localeCompare(b.ticket))
      .slice(0, 3)
      .map((e: { userId: string }) => e.userId);
    expect(d.winners.map((w: { userId: string }) => w.userId)).toEqual(recomputed);
    expect(d.verify).toContain('HMAC-SHA256');
    expect(d.entered).toBe(false);

    // Winners hold the coupon; other entrants do not.
    for (const v of viewers) {
      const coupons = await myCoupons(v, 'available');
      expect(coupons.counts.available).toBe(recomputed.includes(v.userId) ? 1 : 0);
    }
    const mine = await viewers[0]!.get(`/api/v1/live/lotteries/${lottery.id}`);
    expect(mine.body.entered).toBe(true);
    expect(mine.body.won).toBe(recomputed.includes(viewers[0]!.userId));

    // Drawing again (the host's button after the job) changes nothing.
    const redraw = await room.host.post(`${STAFF}/lotteries/${lottery.id}/draw`);
    expect(redraw.status).toBe(200);
    expect(redraw.body.winners).toEqual(d.winners);

    // An analyst (replacing the team) has nothing to run: no prizes or SKUs in their panel.
    const analyst = await withRole(t, room, 'analyst');
    expect((await analyst.get(`${STAFF}/sessions/${room.sessionId}/control`)).body).toMatchObject({
      prizeTemplates: [],
      skus: [],
    });
  });

  it('lets the host draw once the window closes, and records when the prize could not be issued', async () => {
    const small = await createTemplate(t, room.host, MERCHANT_TEMPLATES, { totalQuantity: 1 });
    const opened = await room.host.post(
      `${STAFF}/sessions/${room.sessionId}/lotteries`,
      body({ prize: { kind: 'coupon', templateId: small.id, title: '限量券' }, durationSeconds: 10 }),
    );
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const viewers = await Promise.all(Array.from({ length: 3 }, () => signIn(t)));
    for (const v of viewers) await chat(v.userId, '好物');
    t.clock.advance(10_000);
    const drawn = await room.host.post(`${STAFF}/lotteries/${opened.body.id}/draw`);
    expect(drawn.status).toBe(200);
    expect(drawn.body.winners).toHaveLength(3);
    expect(drawn.body.prizeNote).toContain('2 位中奖者未能发放奖品');
  });
});
