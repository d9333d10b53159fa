import type { Deps } from '../../deps.ts';
import type { Ctx } from '../../platform/context.ts';
import { latestLiveFlash, type LiveFlashDto, wireLiveFlashUpdates } from './flash.ts';
import { DRAW_LOTTERY_JOB, drawDueLottery, latestLottery, type LotteryDto } from './lottery.ts';
import { FINISH_PK_JOB, finishDuePk, latestPk, type PkDto } from './pk.ts';
import { CLOSE_POLL_JOB, closeDuePoll, latestPoll, type PollDto } from './polls.ts';

export interface InteractionState {
  lottery: LotteryDto | null;
  poll: PollDto | null;
  pk: PkDto | null;
  flash: LiveFlashDto | null;
}

/**
 * Each kind's current or last interaction in the room, for the snapshot a socket gets on connect and the session
 * detail. Takes the request's context (not only a Db): the live flash sale's remaining units come from the
 * flash-sale module's public use-case. `userId` adds the viewer's own entry, win and vote.
 */
export async function interactionState(ctx: Ctx, sessionId: string, userId: string | null): Promise<InteractionState> {
  return {
    lottery: await latestLottery(ctx.db, sessionId, userId),
    poll: await latestPoll(ctx.db, sessionId, userId),
    pk: await latestPk(ctx.db, sessionId, ctx.now()),
    flash: await latestLiveFlash(ctx, sessionId),
  };
}

/** The interactions' timers: a lottery draws, a poll closes and a PK finishes on time even in a quiet room. */
export function wireLiveInteractions(deps: Deps): void {
  deps.jobs.register<{ lotteryId: string }>(DRAW_LOTTERY_JOB, (db, p) => drawDueLottery(deps, db, p.lotteryId));
  deps.jobs.register<{ pollId: string }>(CLOSE_POLL_JOB, (db, p) => closeDuePoll(deps, db, p.pollId));
  deps.jobs.register<{ pkId: string }>(FINISH_PK_JOB, (db, p) => finishDuePk(deps, db, p.pkId));
  wireLiveFlashUpdates(deps);
}
