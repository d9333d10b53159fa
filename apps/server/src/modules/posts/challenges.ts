import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';
import { posts, postTopics, topics } from './schema.ts';

const refuse = refusals({
  'challenge-invalid-window': [422, '挑战赛时间不合理'],
});

export interface ChallengeDto {
  name: string;
  description: string;
  startsAt: string;
  endsAt: string;
  state: 'upcoming' | 'running' | 'ended';
  /** Published posts that carry the topic (the same count the topic page shows). */
  postCount: number;
  createdAt: string;
}

/** An operator turns a topic into a challenge (#晒出你的穿搭#) with a description and dates, or edits one. */
export async function upsertChallenge(
  ctx: Ctx,
  input: { name: string; description: string; startsAt: string; endsAt: string },
): Promise<Result<{ name: string }, 'challenge-invalid-window'>> {
  requireOperator(ctx.actor);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) return refuse('challenge-invalid-window', '结束时间须晚于开始时间');
  const values = { name: input.name, description: input.description, isChallenge: true, startsAt, endsAt };
  await ctx.db
    .insert(topics)
    .values({ ...values, createdAt: ctx.now() })
    .onConflictDoUpdate({ target: topics.name, set: values });
  return ok({ name: input.name });
}

// The cursor is the last row's (startsAt, name): challenges page newest start first, by name within a start.
const encodeCursor = (startsAt: Date, name: string) =>
  Buffer.from(JSON.stringify([startsAt.toISOString(), name])).toString('base64url');
function decodeCursor(cursor: string): [Date, string] | undefined {
  try {
    const [at, name] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const date = new Date(at);
    return typeof name === 'string' && !Number.isNaN(date.getTime()) ? [date, name] : undefined;
  } catch {
    return undefined;
  }
}

/** All challenges for operators, newest start first, keyset-paginated. */
export async function listChallenges(
  ctx: Ctx,
  input: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: ChallengeDto[]; nextCursor: string | null }> {
  requireOperator(ctx.actor);
  const limit = input.limit ?? 20;
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const rows = await ctx.db
    .select()
    .from(topics)
    .where(
      and(
        eq(topics.isChallenge, true),
        after
          ? or(lt(topics.startsAt, after[0]), and(eq(topics.startsAt, after[0]), sql`${topics.name} > ${after[1]}`))
          : undefined,
      ),
    )
    .orderBy(desc(topics.startsAt), topics.name)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const counts = new Map(
    page.length === 0
      ? []
      : (
          await ctx.db
            .select({ topic: postTopics.topic, n: sql<number>`count(*)::int` })
            .from(postTopics)
            .innerJoin(posts, eq(posts.id, postTopics.postId))
            .where(
              and(
                inArray(
                  postTopics.topic,
                  page.map((r) => r.name),
                ),
                eq(posts.status, 'published'),
              ),
            )
            .groupBy(postTopics.topic)
        ).map((r) => [r.topic, Number(r.n)]),
  );
  const now = ctx.now();
  const items = page.map((r) => {
    // A challenge always has both dates: upsertChallenge sets them together.
    const startsAt = r.startsAt!;
    const endsAt = r.endsAt!;
    return {
      name: r.name,
      description: r.description,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      state: now < startsAt ? ('upcoming' as const) : now < endsAt ? ('running' as const) : ('ended' as const),
      postCount: counts.get(r.name) ?? 0,
      createdAt: r.createdAt.toISOString(),
    };
  });
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.startsAt!, last.name) : null };
}
