import { and, eq, lte } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { bargains } from './schema.ts';

// A bargain after it is ordered: the order's payment makes it purchased; a cancelled order hands the bargain back
// (or lets it expire if the deadline has passed); the deadline job expires bargains nobody bought.

export async function onOrderPaid(db: Db, orderId: string, now: Date): Promise<void> {
  const [b] = await db
    .update(bargains)
    .set({ status: 'purchased', purchasedAt: now })
    .where(and(eq(bargains.orderId, orderId), eq(bargains.status, 'ordered')))
    .returning();
  if (b) await emit(db, 'bargain.purchased', { bargainId: b.id, userId: b.userId, orderId, price: b.currentPrice });
}

export async function onOrderCancelled(db: Db, orderId: string, now: Date): Promise<void> {
  const [b] = await db
    .select()
    .from(bargains)
    .where(and(eq(bargains.orderId, orderId), eq(bargains.status, 'ordered')))
    .for('update');
  if (!b) return;
  await db
    .update(bargains)
    .set({ status: b.expiresAt > now ? 'active' : 'expired', orderId: null })
    .where(eq(bargains.id, b.id));
}

export async function expireBargain(db: Db, bargainId: string, now: Date): Promise<void> {
  const [b] = await db
    .update(bargains)
    .set({ status: 'expired' })
    .where(and(eq(bargains.id, bargainId), eq(bargains.status, 'active'), lte(bargains.expiresAt, now)))
    .returning();
  if (b) await emit(db, 'bargain.expired', { bargainId, userId: b.userId });
}
