import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { trackingAllowed } from './consent.ts';
import type { EventBatch } from './dto.ts';
import { type BehaviourEvent, eventRow, type Platform } from './event-model.ts';
import { appendToInbox } from './inbox.ts';
import { pseudonym } from './pseudonym.ts';
import { analyticsUserDevices } from './schema.ts';

/** Shop clocks drift and beacons arrive late; beyond these an event's time is not believable. */
const MAX_AGE_MS = 72 * 3_600_000;
const MAX_AHEAD_MS = 10 * 60_000;
const BOT = /bot|spider|crawler|curl\/|wget|python-requests|httpclient|scrapy/i;

/**
 * Receives one batch of shop events. Anyone may send (visitors are counted too); a signed-in sender's events
 * carry their pseudonym, never their id, unless they switched tracking off (then nothing is kept). Bots are
 * dropped, replays are deduplicated by event id in the inbox.
 */
export async function collectEvents(
  ctx: Ctx,
  batch: EventBatch,
  userAgent: string | undefined,
): Promise<{ received: number; dropped: number }> {
  if (userAgent && BOT.test(userAgent)) return { received: 0, dropped: batch.events.length };
  // Someone who switched 使用情况统计 off is not recorded at all, not even their device (PIPL Art. 15).
  if (ctx.actor.kind === 'user' && !(await trackingAllowed(ctx.db, ctx.actor.userId)))
    return { received: 0, dropped: batch.events.length };
  const now = ctx.now();
  const userPid =
    ctx.actor.kind === 'user' ? pseudonym(ctx.deps.config.ANALYTICS_PSEUDONYM_SECRET, ctx.actor.userId) : null;
  const platform = platformOf(userAgent);
  const believable = batch.events.filter((e) => {
    const age = now.getTime() - Date.parse(e.ts);
    return age <= MAX_AGE_MS && age >= -MAX_AHEAD_MS;
  });
  const rows: BehaviourEvent[] = believable.map((e) =>
    eventRow({
      id: e.id,
      type: e.type,
      ts: new Date(e.ts),
      receivedAt: now,
      userPid,
      deviceId: batch.deviceId,
      sessionId: batch.sessionId,
      platform,
      channel: e.channel ?? null,
      channelRef: e.channelRef ?? null,
      merchantId: e.merchantId ?? null,
      productId: e.productId ?? null,
      categoryId: e.categoryId ?? null,
      postId: e.postId ?? null,
      liveId: e.liveId ?? null,
      communityId: e.communityId ?? null,
      amount: e.amount ?? null,
      qty: e.qty ?? null,
      query: e.query?.trim() || null,
      results: e.results ?? null,
      slot: e.slot ?? e.page ?? null,
      position: e.position ?? null,
      experiment: e.experiment ?? null,
      variant: e.variant ?? null,
      dwellMs: e.dwellMs ?? null,
    }),
  );
  const received = await ctx.tx(async (tx) => {
    if (userPid) {
      await tx
        .insert(analyticsUserDevices)
        .values({ userPid, deviceId: batch.deviceId, platform, seenAt: now })
        .onConflictDoUpdate({
          target: analyticsUserDevices.userPid,
          set: { deviceId: batch.deviceId, platform, seenAt: now },
          setWhere: sql`${analyticsUserDevices.seenAt} <= ${now}`,
        });
    }
    return appendToInbox(tx, rows);
  });
  return { received, dropped: batch.events.length - believable.length };
}

/** The shop is H5: the user agent is all we know about the device, and all we need (no fingerprinting). */
function platformOf(userAgent: string | undefined): Platform {
  if (!userAgent) return 'other';
  if (/iPhone|iPad|iPod/i.test(userAgent)) return 'ios';
  if (/Android/i.test(userAgent)) return 'android';
  if (/Windows|Macintosh|Linux|CrOS/i.test(userAgent)) return 'desktop';
  return 'other';
}
