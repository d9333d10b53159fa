import type { Deps } from '../deps.ts';
import { payDeposit, submitRealName } from '../modules/live/qualification.ts';
import { pinProduct } from '../modules/live/room.ts';
import { endSession, scheduleSession, setDemoAudience, startSession } from '../modules/live/sessions.ts';
import type { Actor } from '../platform/auth.ts';
import { makeCtx } from '../platform/context.ts';
import { SeedClock, type SeedProduct } from './journeys.ts';
import { merchantMembership } from '../modules/accounts/api.ts';

const MINUTE = 60_000;
const DEMO_VIEWERS = 128;

/**
 * Demo live sessions of the first demo shop (titles say 演示), through the live use-cases: one ended two days ago
 * with its pins (so the replay has clips), one live now with a pinned product, one upcoming tomorrow evening that
 * announces itself to the shop's communities. The live one has simulated viewers, always shown apart as 演示观众;
 * no real viewers, chat, likes or reminders are invented: those counts start at zero and grow only with real use. The video is the bundled sample (or the configured media server).
 */
export async function seedLive(
  deps: Deps,
  input: { merchant: { id: string; ownerUserId: string }; products: SeedProduct[] },
): Promise<{ sessions: number; depositHeld: boolean }> {
  const owner: Actor = {
    kind: 'user',
    userId: input.merchant.ownerUserId,
    sessionId: 'seed',
    roles: ['consumer'],
    staff: [merchantMembership(input.merchant.id, 'owner')],
  };
  const now = deps.clock.now().getTime();
  // Past moments are replayed on a hand-moved clock, so started/pinned/ended times are where a replay expects them.
  const past = new SeedClock(new Date(now - 2 * 24 * 60 * MINUTE));
  const advance = (ms: number) => past.set(past.now().getTime() + ms);
  const atPast = makeCtx({ ...deps, clock: past }, owner);
  const atNow = makeCtx(deps, owner);
  const must = <V>(what: string, r: { ok: true; value: V } | { ok: false; type: string }): V => {
    if (!r.ok) throw new Error(`[seed] 直播演示数据：${what}失败（${r.type}）`);
    return r.value;
  };

  must('实名认证', await submitRealName(atPast, { name: '林小演', idNumber: '11010519491231002X' }));
  // The deposit comes out of the shop's settled sales; without enough balance the badge honestly stays off.
  const deposit = await payDeposit(atNow);

  const mine = input.products.filter((p) => p.merchantId === input.merchant.id).slice(0, 4);
  if (mine.length < 3) throw new Error('[seed] 第一家演示店商品不足，无法创建直播演示');
  const bag = mine.map((p, i) => ({ productId: p.productId, claim: i === 0 ? '直播间专享价（演示）' : null }));

  // Ended: two days ago, 40 minutes, three products explained in turn.
  const ended = must(
    '创建回放场次',
    await scheduleSession(
      atPast,
      {
        title: '新品护肤讲解回放（演示）',
        scheduledAt: new Date(past.now().getTime() + 10 * MINUTE).toISOString(),
        products: bag,
      },
      { announce: false },
    ),
  ).id;
  advance(10 * MINUTE);
  must('开播', await startSession(atPast, ended));
  for (const [i, p] of mine.slice(0, 3).entries()) {
    advance((i === 0 ? 3 : 9) * MINUTE);
    must('置顶商品', await pinProduct(atPast, ended, { productId: p.productId }));
  }
  advance(19 * MINUTE);
  await endSession(atPast, ended);

  // Live now: started a quarter of an hour ago, the second product pinned five minutes ago.
  past.set(now - 20 * MINUTE);
  const live = must(
    '创建直播场次',
    await scheduleSession(
      atPast,
      { title: '周末好物直播间（演示）', scheduledAt: new Date(now - 15 * MINUTE).toISOString(), products: bag },
      { announce: false },
    ),
  ).id;
  past.set(now - 15 * MINUTE);
  must('开播', await startSession(atPast, live));
  past.set(now - 5 * MINUTE);
  must('置顶商品', await pinProduct(atPast, live, { productId: mine[1]!.productId }));
  // Simulated viewers, shown apart as 演示观众 — the real online count still starts at zero.
  await setDemoAudience(atNow, live, DEMO_VIEWERS);

  // Upcoming: tomorrow 20:00 Beijing time, announced to the shop's communities (a 直播预告 takes a weekly push slot).
  const tomorrow = new Date(now + 24 * 60 * MINUTE);
  const evening = Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), 12, 0, 0);
  must(
    '创建直播预告',
    await scheduleSession(atNow, {
      title: '明晚 8 点上新直播（演示）',
      scheduledAt: new Date(evening).toISOString(),
      products: bag,
    }),
  );
  return { sessions: 3, depositHeld: deposit.ok };
}
