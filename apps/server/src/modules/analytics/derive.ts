import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { OutboxEvent } from '../../platform/events.ts';

/** Which domain event a row came from: its id makes the row's id, its time is the fallback time. */
type Source = Pick<OutboxEvent, 'id' | 'createdAt'>;
import { getProductBriefs } from '../catalog/api.ts';
import { type BehaviourEvent, eventRow, type EventType } from './event-model.ts';
import { appendToInbox } from './inbox.ts';
import { pseudonym } from './pseudonym.ts';
import { analyticsOrderFacts, analyticsUserDevices } from './schema.ts';

/**
 * Server-side behaviour comes from the domain events other modules already publish, never from a second
 * bookkeeping: each subscriber turns one outbox event into event rows with a deterministic id, so a
 * redelivered outbox event lands on the same ids and the inbox ignores it.
 */

interface Line {
  lineId: string;
  productId: string;
  qty: number;
  payAmount: number;
}
export interface OrderPlaced {
  orderId: string;
  userId: string;
  merchantId: string;
  placedAt?: string;
  province?: string;
  campaignKind?: string;
  lines: Line[];
}
export interface OrderAttributed {
  orderId: string;
  lines: {
    lineId: string;
    source: string;
    postId: string | null;
    liveSessionId: string | null;
    communityId: string | null;
    sharerId: string | null;
    creatorId: string | null;
  }[];
}
export interface OrderPaid {
  orderId: string;
  paidAt: string;
  payMethod?: string | null;
}

export class EventDeriver {
  private readonly secret: string;
  constructor(secret: string) {
    this.secret = secret;
  }

  pid = (userId: string): string => pseudonym(this.secret, userId);

  /** A one-row event about a user (share, follow, join …), stamped with the device they last used. */
  async single(
    db: Db,
    source: Source,
    type: EventType,
    userId: string,
    fields: Partial<BehaviourEvent> & { at?: string | undefined },
  ): Promise<void> {
    const { at, ...rest } = fields;
    const userPid = this.pid(userId);
    const device = await lastDevice(db, userPid);
    await appendToInbox(db, [
      eventRow({
        ...rest,
        id: `${type}:${source.id}`,
        type,
        ts: at ? new Date(at) : source.createdAt,
        receivedAt: source.createdAt,
        userPid,
        deviceId: device?.deviceId ?? null,
        platform: device?.platform ?? null,
      }),
    ]);
  }

  /** order.created, order.attributed and order.paid each add what they know; the last one writes the rows. */
  async orderFact(
    db: Db,
    orderId: string,
    fact: { placed?: OrderPlaced; attributed?: OrderAttributed; paid?: OrderPaid },
  ): Promise<void> {
    // The upsert returns the row as it now is, locked by this transaction until it ends (no second read).
    const [row] = await db
      .insert(analyticsOrderFacts)
      .values({ orderId, ...fact })
      .onConflictDoUpdate({ target: analyticsOrderFacts.orderId, set: fact })
      .returning();
    if (!row?.placed || !row.attributed || !row.paid || row.payRowsWrittenAt) return;
    await this.writePayRows(db, row.placed as OrderPlaced, row.attributed as OrderAttributed, row.paid as OrderPaid);
    await db
      .update(analyticsOrderFacts)
      .set({ payRowsWrittenAt: new Date() })
      .where(eq(analyticsOrderFacts.orderId, orderId));
  }

  /** order.created: one `order` row per line, when the shopper placed it (channel comes with the payment). */
  async orderRows(db: Db, source: Source, o: OrderPlaced): Promise<void> {
    const userPid = this.pid(o.userId);
    const device = await lastDevice(db, userPid);
    const categories = await categoriesOf(db, o.lines);
    const ts = o.placedAt ? new Date(o.placedAt) : source.createdAt;
    await appendToInbox(
      db,
      o.lines.map((l) =>
        eventRow({
          id: `order:${l.lineId}`,
          type: 'order',
          ts,
          receivedAt: source.createdAt,
          userPid,
          deviceId: device?.deviceId ?? null,
          platform: device?.platform ?? null,
          merchantId: o.merchantId,
          productId: l.productId,
          categoryId: categories.get(l.productId) ?? null,
          orderId: o.orderId,
          amount: l.payAmount,
          qty: l.qty,
          province: o.province ?? null,
          props: o.campaignKind ? JSON.stringify({ campaign: o.campaignKind }) : null,
        }),
      ),
    );
  }

  private async writePayRows(db: Db, o: OrderPlaced, a: OrderAttributed, p: OrderPaid): Promise<void> {
    const userPid = this.pid(o.userId);
    const device = await lastDevice(db, userPid);
    const categories = await categoriesOf(db, o.lines);
    const channelOf = new Map(a.lines.map((l) => [l.lineId, l]));
    const ts = new Date(p.paidAt);
    await appendToInbox(
      db,
      o.lines.map((l) => {
        const c = channelOf.get(l.lineId);
        return eventRow({
          id: `pay:${l.lineId}`,
          type: 'pay',
          ts,
          receivedAt: new Date(),
          userPid,
          deviceId: device?.deviceId ?? null,
          platform: device?.platform ?? null,
          channel: c?.source ?? 'direct',
          channelRef: c
            ? (c.postId ?? c.liveSessionId ?? c.communityId ?? (c.sharerId ? this.pid(c.sharerId) : null))
            : null,
          merchantId: o.merchantId,
          productId: l.productId,
          categoryId: categories.get(l.productId) ?? null,
          postId: c?.postId ?? null,
          liveId: c?.liveSessionId ?? null,
          communityId: c?.communityId ?? null,
          orderId: o.orderId,
          amount: l.payAmount,
          qty: l.qty,
          province: o.province ?? null,
          payMethod: p.payMethod ?? null,
          props: o.campaignKind ? JSON.stringify({ campaign: o.campaignKind }) : null,
        });
      }),
    );
  }

  /** refund.completed: who got money back is the order's buyer, known from order.created. */
  async refundRow(
    db: Db,
    source: Source,
    r: { refundId: string; orderId: string; merchantId: string; amount: number; completedAt?: string },
  ): Promise<void> {
    const [fact] = await db
      .select({ placed: analyticsOrderFacts.placed })
      .from(analyticsOrderFacts)
      .where(eq(analyticsOrderFacts.orderId, r.orderId));
    const placed = fact?.placed as OrderPlaced | null | undefined;
    const userPid = placed ? this.pid(placed.userId) : null;
    await appendToInbox(db, [
      eventRow({
        id: `refund:${r.refundId}`,
        type: 'refund',
        ts: r.completedAt ? new Date(r.completedAt) : source.createdAt,
        receivedAt: source.createdAt,
        userPid,
        actor: userPid ?? 'anonymous',
        merchantId: r.merchantId,
        orderId: r.orderId,
        amount: r.amount,
        province: placed?.province ?? null,
      }),
    ]);
  }
}

async function lastDevice(db: Db, userPid: string) {
  const [d] = await db.select().from(analyticsUserDevices).where(eq(analyticsUserDevices.userPid, userPid));
  return d as { deviceId: string; platform: BehaviourEvent['platform'] } | undefined;
}

async function categoriesOf(db: Db, lines: readonly Line[]): Promise<Map<string, string>> {
  const briefs = await getProductBriefs(db, [...new Set(lines.map((l) => l.productId))]);
  return new Map([...briefs].map(([id, b]) => [id, b.categoryId]));
}
