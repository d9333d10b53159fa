import type { Deps } from '../../deps.ts';
import { publishToRoom } from './channel.ts';
import { wireLiveInteractions } from './interactions.ts';
import { recordLiveOrder, voidLiveOrder } from './metrics.ts';
import { NOTIFY_REMINDERS_JOB, notifyReminders } from './reminders.ts';
import { applyChatDecision } from './room.ts';

// live publishes live.scheduled, live.started (with the reminded user ids), live.cancelled, live.ended,
// live.real-name-verified, live.deposit-paid, live.deposit-released.

type OrderLines = { orderId: string; lines: { lineId: string }[] };

export function wireLive(deps: Deps): void {
  // GMV: an order counts for a session once it is both attributed to it and paid, whichever event comes second.
  deps.events.subscribe<OrderLines>('order.attributed', 'live.record-attributed', (db, e) =>
    recordLiveOrder(
      deps,
      db,
      e.payload.orderId,
      e.payload.lines.map((l) => l.lineId),
      e.createdAt,
    ),
  );
  deps.events.subscribe<OrderLines>('order.paid', 'live.record-paid', (db, e) =>
    recordLiveOrder(
      deps,
      db,
      e.payload.orderId,
      e.payload.lines.map((l) => l.lineId),
      e.createdAt,
    ),
  );
  deps.events.subscribe<{ orderId: string; cancelledAt: string }>('order.cancelled', 'live.void-cancelled', (db, e) =>
    voidLiveOrder(deps, db, e.payload.orderId, new Date(e.payload.cancelledAt)),
  );
  deps.events.subscribe<{ orderId: string; closedAt: string }>('order.closed', 'live.void-closed', (db, e) =>
    voidLiveOrder(deps, db, e.payload.orderId, new Date(e.payload.closedAt)),
  );
  deps.events.subscribe<{ subjectType: string; subjectId: string; verdict: string }>(
    'moderation.decided',
    'live.chat-moderation',
    async (db, e) => {
      const p = e.payload;
      if (p.subjectType !== 'live_message' || (p.verdict !== 'approved' && p.verdict !== 'rejected')) return;
      const approved = await applyChatDecision(db, p.subjectId, p.verdict, e.createdAt);
      if (approved) await publishToRoom(deps, approved.sessionId, { type: 'chat', message: approved.message });
    },
  );
  deps.jobs.register<{ sessionId: string }>(NOTIFY_REMINDERS_JOB, (db, p) => notifyReminders(deps, db, p.sessionId));
  wireLiveInteractions(deps);
}
