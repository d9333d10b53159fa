import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { atomically } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { loadCommunity, requireStanding } from './access.ts';
import { meetups, meetupSignups } from './schema.ts';

const refuse = refusals({
  'meetup-full': '活动名额已满',
  'meetup-started': '活动已开始，不能再报名或取消',
  'already-signed-up': '你已报名该活动',
  'not-signed-up': '你还没有报名该活动',
});

export interface MeetupInput {
  title: string;
  description: string;
  location: string;
  startsAt: Date;
  capacity: number;
}

/** Admins schedule an offline meetup (线下见面会) for members. */
export async function createMeetup(ctx: Ctx, communityId: string, input: MeetupInput) {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (tx) => {
    const community = await loadCommunity(tx, communityId);
    await requireStanding(tx, ctx.actor, community, 'admin');
    const id = newId('cmu');
    await tx.insert(meetups).values({ id, communityId, ...input, createdBy: user.userId, createdAt: ctx.now() });
    await emit(tx, 'community.meetup-scheduled', { communityId, meetupId: id, startsAt: input.startsAt.toISOString() });
    return { id };
  });
}

/** Upcoming meetups first; `signedUp` is the real count of sign-ups. */
export async function listMeetups(ctx: Ctx, communityId: string) {
  const user = requireUser(ctx.actor);
  const community = await loadCommunity(ctx.db, communityId);
  await requireStanding(ctx.db, ctx.actor, community, 'member');
  const rows = await ctx.db
    .select()
    .from(meetups)
    .where(
      and(eq(meetups.communityId, communityId), gte(meetups.startsAt, new Date(ctx.now().getTime() - 30 * 86_400_000))),
    )
    .orderBy(asc(meetups.startsAt))
    .limit(50);
  const mine = rows.length
    ? await ctx.db
        .select({ meetupId: meetupSignups.meetupId })
        .from(meetupSignups)
        .where(
          and(
            eq(meetupSignups.userId, user.userId),
            inArray(
              meetupSignups.meetupId,
              rows.map((r) => r.id),
            ),
          ),
        )
    : [];
  const signed = new Set(mine.map((m) => m.meetupId));
  return rows.map((m) => ({
    id: m.id,
    title: m.title,
    description: m.description,
    location: m.location,
    startsAt: m.startsAt.toISOString(),
    capacity: m.capacity,
    signedUp: m.signedUp,
    mine: signed.has(m.id),
    open: m.startsAt > ctx.now() && m.signedUp < m.capacity,
  }));
}

/** Members sign up; the guarded increment never lets sign-ups pass capacity, however many tap at once. */
export async function signUpForMeetup(ctx: Ctx, meetupId: string): Promise<Result<{ signedUp: number }>> {
  const user = requireUser(ctx.actor);
  return atomically(ctx, async (tx) => {
    const [meetup] = await tx.select().from(meetups).where(eq(meetups.id, meetupId));
    if (!meetup) throw notFound('活动');
    await requireStanding(tx, ctx.actor, await loadCommunity(tx, meetup.communityId), 'member');
    if (meetup.startsAt <= ctx.now()) return refuse('meetup-started');
    const claimed = await tx
      .insert(meetupSignups)
      .values({ meetupId, userId: user.userId, createdAt: ctx.now() })
      .onConflictDoNothing()
      .returning();
    if (claimed.length === 0) return refuse('already-signed-up');
    const [seat] = await tx
      .update(meetups)
      .set({ signedUp: sql`${meetups.signedUp} + 1` })
      .where(and(eq(meetups.id, meetupId), lt(meetups.signedUp, meetups.capacity)))
      .returning({ signedUp: meetups.signedUp });
    if (!seat) return refuse('meetup-full');
    return ok(seat);
  });
}

export async function cancelMeetupSignUp(ctx: Ctx, meetupId: string): Promise<Result<{ signedUp: number }>> {
  const user = requireUser(ctx.actor);
  return atomically(ctx, async (tx) => {
    const [meetup] = await tx.select().from(meetups).where(eq(meetups.id, meetupId));
    if (!meetup) throw notFound('活动');
    if (meetup.startsAt <= ctx.now()) return refuse('meetup-started');
    const gone = await tx
      .delete(meetupSignups)
      .where(and(eq(meetupSignups.meetupId, meetupId), eq(meetupSignups.userId, user.userId)))
      .returning();
    if (gone.length === 0) return refuse('not-signed-up');
    const [seat] = await tx
      .update(meetups)
      .set({ signedUp: sql`${meetups.signedUp} - 1` })
      .where(eq(meetups.id, meetupId))
      .returning({ signedUp: meetups.signedUp });
    return ok({ signedUp: seat!.signedUp });
  });
}
