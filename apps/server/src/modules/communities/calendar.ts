import { and, asc, count, desc, eq, lt } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { atomically } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { moderate } from '../moderation/api.ts';
import { loadCommunity, requireStanding } from './access.ts';
import { PROMO_PUSHES_PER_WEEK, shanghaiDateTime, shanghaiWeek } from './rules.ts';
import { announcements, communities, promoPushes } from './schema.ts';

const refuse = refusals({
  'push-cap-reached': [409, `每个社群每周最多推送 ${PROMO_PUSHES_PER_WEEK} 次促销内容，本周次数已用完`],
  'content-rejected': [422, '内容包含违规信息，未能发布'],
});

/**
 * Takes one of the community's promotional slots of this ISO week (Asia/Shanghai). The community row is locked,
 * so concurrent pushes count one after another; the unique (community, week, slot) index is the backstop.
 */
export async function claimPromoSlot(
  tx: Db,
  input: { communityId: string; kind: 'announcement' | 'segment-message'; refId: string; title: string; now: Date },
): Promise<Result<{ week: string; slot: number }, 'push-cap-reached'>> {
  await tx
    .select({ id: communities.id })
    .from(communities)
    .where(eq(communities.id, input.communityId))
    .for('no key update');
  const week = shanghaiWeek(input.now);
  const [used] = await tx
    .select({ n: count() })
    .from(promoPushes)
    .where(and(eq(promoPushes.communityId, input.communityId), eq(promoPushes.week, week.key)));
  const slot = (used?.n ?? 0) + 1;
  if (slot > PROMO_PUSHES_PER_WEEK) {
    return refuse(
      'push-cap-reached',
      `本周（${week.key}）已推送 ${PROMO_PUSHES_PER_WEEK} 次，下次可在 ${shanghaiDateTime(week.nextStartsAt)}（北京时间）之后推送`,
    );
  }
  await tx.insert(promoPushes).values({
    id: newId('cpp'),
    communityId: input.communityId,
    week: week.key,
    slot,
    kind: input.kind,
    refId: input.refId,
    title: input.title,
    createdAt: input.now,
  });
  return { ok: true, value: { week: week.key, slot } };
}

/** This week's calendar: the pushes used and when the next week's slots open. */
export async function pushCalendar(ctx: Ctx, communityId: string) {
  const community = await loadCommunity(ctx.db, communityId);
  await requireStanding(ctx.db, ctx.actor, community, 'admin');
  const week = shanghaiWeek(ctx.now());
  const used = await ctx.db
    .select()
    .from(promoPushes)
    .where(and(eq(promoPushes.communityId, communityId), eq(promoPushes.week, week.key)))
    .orderBy(asc(promoPushes.slot));
  return {
    week: week.key,
    weekStartsAt: week.startsAt.toISOString(),
    nextWeekStartsAt: week.nextStartsAt.toISOString(),
    limit: PROMO_PUSHES_PER_WEEK,
    remaining: Math.max(0, PROMO_PUSHES_PER_WEEK - used.length),
    pushes: used.map((p) => ({
      slot: p.slot,
      kind: p.kind,
      refId: p.refId,
      title: p.title,
      createdAt: p.createdAt.toISOString(),
    })),
  };
}

export interface AnnouncementInput {
  title: string;
  body: string;
  promotional: boolean;
  pinned: boolean;
}

/** Admins post an announcement; a promotional one takes a slot of the weekly push cap or is refused. */
export async function postAnnouncement(ctx: Ctx, communityId: string, input: AnnouncementInput) {
  const user = requireUser(ctx.actor);
  const result = await atomically(ctx, async (tx) => {
    const community = await loadCommunity(tx, communityId);
    await requireStanding(tx, ctx.actor, community, 'admin');
    const id = newId('can');
    const now = ctx.now();
    const checked = await moderate(tx, {
      subjectType: 'community_announcement',
      subjectId: id,
      authorId: user.userId,
      text: `${input.title}\n${input.body}`,
      at: now,
    });
    if (checked.verdict === 'rejected') return refuse('content-rejected', checked.reasons.join('；') || undefined);
    if (input.promotional) {
      const slot = await claimPromoSlot(tx, { communityId, kind: 'announcement', refId: id, title: input.title, now });
      if (!slot.ok) return slot;
    }
    if (input.pinned)
      await tx.update(announcements).set({ pinned: false }).where(eq(announcements.communityId, communityId));
    await tx.insert(announcements).values({ id, communityId, ...input, createdBy: user.userId, createdAt: now });
    await emit(tx, 'community.announced', { communityId, announcementId: id, promotional: input.promotional });
    return ok({ id, createdAt: now.toISOString() });
  });
  if (result.ok) {
    await ctx.deps.realtime.publish(`community:${communityId}`, {
      type: 'announcement',
      announcementId: result.value.id,
      title: input.title,
    });
  }
  return result;
}

export async function listAnnouncements(
  ctx: Ctx,
  communityId: string,
  page: { cursor?: string | undefined; limit: number },
) {
  const community = await loadCommunity(ctx.db, communityId);
  await requireStanding(ctx.db, ctx.actor, community, 'member');
  const rows = await ctx.db
    .select()
    .from(announcements)
    .where(and(eq(announcements.communityId, communityId), page.cursor ? lt(announcements.id, page.cursor) : undefined))
    .orderBy(desc(announcements.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit).map((a) => ({
    id: a.id,
    title: a.title,
    body: a.body,
    promotional: a.promotional,
    pinned: a.pinned,
    createdAt: a.createdAt.toISOString(),
  }));
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null };
}
