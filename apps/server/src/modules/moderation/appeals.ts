import { and, desc, eq, inArray } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { moderationItemEvents, moderationItems } from './schema.ts';

// 申诉: the author of a rejected item (a shop for its products, a person for their posts) gives a reason and the
// item goes back to the queue; every decision and appeal is kept in moderation_item_events.

const refuse = refusals({ 'not-rejected': '只有被驳回的内容可以申诉' });

type ItemRow = typeof moderationItems.$inferSelect;

export async function recordItemEvent(
  db: Db,
  e: { itemId: string; action: 'approve' | 'reject' | 'appeal'; actorId: string; note: string | null; at: Date },
): Promise<void> {
  await db.insert(moderationItemEvents).values({ id: newId('mie'), ...e });
}

/** Who may speak for an item: its author, or staff of the shop that wrote it. */
function authorIdsOf(ctx: Ctx): string[] {
  const user = requireUser(ctx.actor);
  return [user.userId, ...user.staff.filter((s) => s.permissions.includes('products.manage')).map((s) => s.merchantId)];
}

/** The signed-in author's queue items (their own and their shops'), newest first, with each item's history. */
export async function listOwnModerationItems(ctx: Ctx, input: { subjectType?: string | undefined; limit: number }) {
  const rows = await ctx.db
    .select()
    .from(moderationItems)
    .where(
      and(
        inArray(moderationItems.authorId, authorIdsOf(ctx)),
        input.subjectType ? eq(moderationItems.subjectType, input.subjectType) : undefined,
      ),
    )
    .orderBy(desc(moderationItems.id))
    .limit(input.limit);
  const events =
    rows.length === 0
      ? []
      : await ctx.db
          .select()
          .from(moderationItemEvents)
          .where(
            inArray(
              moderationItemEvents.itemId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(moderationItemEvents.at, moderationItemEvents.id);
  return rows.map((r) => ({ item: r, events: events.filter((e) => e.itemId === r.id) }));
}

/** The author appeals a rejection with a reason: the item is pending again and says why. */
export async function appealModerationItem(
  ctx: Ctx,
  itemId: string,
  reason: string,
): Promise<Result<ItemRow, 'not-rejected'>> {
  const authors = authorIdsOf(ctx);
  const user = requireUser(ctx.actor);
  return ctx.tx(async (db) => {
    const [item] = await db.select().from(moderationItems).where(eq(moderationItems.id, itemId)).for('update');
    // Someone else's item looks exactly like a missing one.
    if (!item || !authors.includes(item.authorId)) throw notFound('审核项', itemId);
    if (item.status !== 'rejected') return refuse('not-rejected');
    const now = ctx.now();
    const [updated] = await db
      .update(moderationItems)
      .set({ status: 'pending', appealReason: reason, appealedAt: now })
      .where(eq(moderationItems.id, itemId))
      .returning();
    await recordItemEvent(db, { itemId, action: 'appeal', actorId: user.userId, note: reason, at: now });
    return ok(updated!);
  });
}
