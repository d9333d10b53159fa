import type { RoomEvent } from './room.ts';
import {
  toControl,
  type LiveControl,
  type LiveDetail,
  type LiveFlash,
  type LiveLottery,
  type LivePk,
  type LivePoll,
  type PinnedProduct,
} from './types.ts';

/** Folds room events into the control panel's state (pinned card, interactions, status, counters). */
export function applyControl(c: LiveControl, events: readonly RoomEvent[]): LiveControl {
  let next = c;
  for (const e of events) {
    switch (e.type) {
      case 'ready':
        // A (re)connect: the server's snapshot replaces whatever a dropped socket missed.
        next = toControl({ ...next, session: e.snapshot as LiveDetail });
        break;
      case 'pin':
        next = { ...next, pinned: e.product as PinnedProduct };
        break;
      case 'unpin':
        next = { ...next, pinned: null };
        break;
      case 'status':
        next = { ...next, session: { ...next.session, status: e.status as LiveControl['session']['status'] } };
        break;
      case 'viewers':
        next = { ...next, session: { ...next.session, viewerCount: e.count } };
        break;
      case 'likes':
        next = { ...next, session: { ...next.session, likes: e.total } };
        break;
      case 'gmv':
        next = { ...next, session: { ...next.session, gmv: e.total } };
        break;
      case 'lottery':
        next = { ...next, lottery: e.lottery as LiveLottery };
        break;
      case 'poll':
        next = { ...next, poll: e.poll as LivePoll };
        break;
      case 'pk':
        next = { ...next, pk: e.pk as LivePk };
        break;
      case 'flash':
        next = { ...next, flash: e.flash as LiveFlash };
        break;
      default:
        break;
    }
  }
  return next;
}
