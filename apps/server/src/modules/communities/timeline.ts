import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { memberTimeline, type TimelineKind } from './schema.ts';

/**
 * One moment of a member's private-domain behaviour. With a dedupeKey the latest repeat replaces the earlier
 * one (reads collapse to one per day; an order counts once however often its event is delivered).
 */
export async function recordTimeline(
  tx: Db,
  input: {
    communityId: string;
    userId: string;
    kind: TimelineKind;
    refId?: string | null;
    detail: string;
    at: Date;
    dedupeKey?: string;
  },
): Promise<void> {
  const values = { id: newId('ctl'), ...input, refId: input.refId ?? null, dedupeKey: input.dedupeKey ?? null };
  if (!input.dedupeKey) {
    await tx.insert(memberTimeline).values(values);
    return;
  }
  await tx
    .insert(memberTimeline)
    .values(values)
    .onConflictDoUpdate({
      target: memberTimeline.dedupeKey,
      set: { at: input.at, refId: values.refId, detail: input.detail },
    });
}

export interface TimelineEntry {
  id: string;
  kind: TimelineKind;
  refId: string | null;
  detail: string;
  at: string;
}

export async function timelineOf(
  db: Db,
  communityId: string,
  userId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<{ items: TimelineEntry[]; nextCursor: string | null }> {
  const rows = await db
    .select()
    .from(memberTimeline)
    .where(
      and(
        eq(memberTimeline.communityId, communityId),
        eq(memberTimeline.userId, userId),
        page.cursor ? lt(memberTimeline.id, page.cursor) : undefined,
      ),
    )
    .orderBy(desc(memberTimeline.id))
    .limit(page.limit + 1);
  const items = rows
    .slice(0, page.limit)
    .map((r) => ({ id: r.id, kind: r.kind, refId: r.refId, detail: r.detail, at: r.at.toISOString() }));
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null };
}
