import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { deskOf } from './access.ts';
import { cannedReplies } from './schema.ts';

type Which = 'shop' | 'platform';
const view = (r: typeof cannedReplies.$inferSelect) => ({ id: r.id, title: r.title, text: r.text });

/** 快捷回复: the desk's canned replies, shared by its agents. */
export async function listCannedReplies(ctx: Ctx, which: Which) {
  const me = deskOf(ctx, which);
  const rows = await ctx.db
    .select()
    .from(cannedReplies)
    .where(eq(cannedReplies.desk, me.desk))
    .orderBy(asc(cannedReplies.createdAt))
    .limit(200);
  return { items: rows.map(view) };
}

export async function addCannedReply(ctx: Ctx, which: Which, input: { title: string; text: string }) {
  const me = deskOf(ctx, which);
  const [row] = await ctx.db
    .insert(cannedReplies)
    .values({ id: newId('canned'), desk: me.desk, title: input.title, text: input.text, createdAt: ctx.now() })
    .returning();
  return view(row!);
}

export async function removeCannedReply(ctx: Ctx, which: Which, id: string): Promise<void> {
  const me = deskOf(ctx, which);
  const gone = await ctx.db
    .delete(cannedReplies)
    .where(and(eq(cannedReplies.id, id), eq(cannedReplies.desk, me.desk)))
    .returning({ id: cannedReplies.id });
  if (gone.length === 0) throw notFound('快捷回复');
}
