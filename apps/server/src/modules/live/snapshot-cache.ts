import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { anonymous } from '../../platform/auth.ts';
import { makeCtx } from '../../platform/context.ts';
import { loadSession } from './access.ts';
import { type LiveChatMessage, type RoomEvent, roomChannel } from './channel.ts';
import { latestLottery } from './lottery.ts';
import { latestPoll } from './polls.ts';
import { sessionDetail } from './queries.ts';
import { recentChat } from './room.ts';
import { liveReminders } from './schema.ts';

/**
 * The room snapshot a socket gets on connect (`ready`), shared per session and process: 10,000 viewers arriving
 * would otherwise each build it (~20 queries). One build serves every socket for up to 1 s, and the room's own
 * events keep it exact meanwhile: chat, removals, likes, viewers, GMV and pins are applied to it as they arrive;
 * a status change or an interaction (lottery, poll, PK, flash) drops it. A socket joins the fan-out before it
 * asks, so an event either reached the cache first or reaches the socket itself. Only while a process holds
 * sockets of the room (and so hears its channel) is anything cached. Per-user parts (reminded, my lottery entry,
 * my vote) are added for signed-in sockets only.
 */
export type Snapshot = Awaited<ReturnType<typeof sessionDetail>>;
export interface RoomView {
  snapshot: Snapshot;
  chat: LiveChatMessage[];
}

const TTL_MS = 1_000;
const CHAT_KEPT = 30;

interface Build {
  value: Promise<RoomView>;
  /** Set once the build resolved; events are applied to it as they arrive. */
  view: RoomView | null;
  /** Events heard while the build runs, applied once it resolves. */
  heard: RoomEvent[];
  startedAt: number;
  /** The serialised anonymous `ready` frame, made once per version of the view. */
  frame: string | null;
}

interface Room {
  refs: number;
  unsubscribe: () => void;
  build: Build | null;
}

export class RoomSnapshots {
  private readonly rooms = new Map<string, Room>();
  private readonly deps: Deps;
  /** Builds so far (tests read it). */
  builds = 0;

  private readonly now: () => number;

  /** `now` (ms, monotonic) times the 1 s life of a build; tests pass their own. */
  constructor(deps: Deps, opts: { now?: () => number } = {}) {
    this.deps = deps;
    this.now = opts.now ?? (() => performance.now());
  }

  /** A socket of the room opened here: listen to the room while any is open. Returns the leave function. */
  join(sessionId: string): () => void {
    let room = this.rooms.get(sessionId);
    if (!room) {
      const r: Room = { refs: 0, build: null, unsubscribe: () => undefined };
      r.unsubscribe = this.deps.realtime.subscribe(roomChannel(sessionId), (m) => this.hear(r, m as RoomEvent));
      this.rooms.set(sessionId, r);
      room = r;
    }
    const joined = room;
    joined.refs++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (--joined.refs > 0) return;
      joined.unsubscribe();
      this.rooms.delete(sessionId);
    };
  }

  /** The shared view (call after `join` and `realtime.ready()`); a room not joined here is built afresh. */
  async view(sessionId: string): Promise<RoomView> {
    const room = this.rooms.get(sessionId);
    return room ? this.current(room, sessionId).value : this.load(sessionId);
  }

  /** The anonymous `ready` frame, serialised once per version of the view. */
  async readyFrame(sessionId: string): Promise<string> {
    const room = this.rooms.get(sessionId);
    if (!room) return JSON.stringify({ type: 'ready', ...(await this.load(sessionId)) });
    const build = this.current(room, sessionId);
    const view = await build.value;
    build.frame ??= JSON.stringify({ type: 'ready', snapshot: view.snapshot, chat: view.chat });
    return build.frame;
  }

  private current(room: Room, sessionId: string): Build {
    const b = room.build;
    if (b && this.now() - b.startedAt < TTL_MS) return b;
    const build: Build = {
      value: Promise.resolve() as never,
      view: null,
      heard: [],
      startedAt: this.now(),
      frame: null,
    };
    build.value = this.load(sessionId).then((view) => {
      apply(view, build.heard);
      build.heard = [];
      build.view = view;
      return view;
    });
    build.value.catch(() => {
      if (room.build === build) room.build = null;
    });
    room.build = build;
    return build;
  }

  private hear(room: Room, event: RoomEvent): void {
    const build = room.build;
    if (!build) return;
    if (!PATCHED.has(event.type)) {
      room.build = null;
      return;
    }
    build.frame = null;
    if (build.view) apply(build.view, [event]);
    else build.heard.push(event);
  }

  private async load(sessionId: string): Promise<RoomView> {
    this.builds++;
    const ctx = makeCtx(this.deps, anonymous);
    const snapshot = await sessionDetail(ctx, sessionId);
    const chat = await recentChat(ctx.db, await loadSession(ctx.db, sessionId));
    return { snapshot, chat };
  }
}

const PATCHED = new Set<RoomEvent['type']>(['chat', 'removed', 'likes', 'viewers', 'gmv', 'pin', 'unpin']);

function apply(view: RoomView, events: RoomEvent[]): void {
  for (const e of events) {
    if (e.type === 'chat' && !view.chat.some((m) => m.id === e.message.id))
      view.chat = [...view.chat, e.message].slice(-CHAT_KEPT);
    else if (e.type === 'removed') view.chat = view.chat.filter((m) => m.id !== e.messageId);
    else if (e.type === 'likes') view.snapshot.likes = e.total;
    else if (e.type === 'viewers') view.snapshot.viewerCount = e.count;
    else if (e.type === 'gmv') view.snapshot.gmv = e.total;
    else if (e.type === 'pin') view.snapshot.pinned = e.product;
    else if (e.type === 'unpin') view.snapshot.pinned = null;
  }
}

/** The signed-in viewer's own parts of the snapshot (a few queries; most sockets are anonymous). */
export async function viewerParts(
  deps: Deps,
  view: RoomView,
  userId: string,
): Promise<Pick<Snapshot, 'reminded' | 'lottery' | 'poll'>> {
  const db = deps.database.db;
  const id = view.snapshot.id;
  const [mine] = await db
    .select({ userId: liveReminders.userId })
    .from(liveReminders)
    .where(and(eq(liveReminders.sessionId, id), eq(liveReminders.userId, userId)));
  return {
    reminded: !!mine,
    lottery: view.snapshot.lottery ? await latestLottery(db, id, userId) : null,
    poll: view.snapshot.poll ? await latestPoll(db, id, userId) : null,
  };
}

const caches = new WeakMap<Deps, RoomSnapshots>();
export function roomSnapshots(deps: Deps): RoomSnapshots {
  let c = caches.get(deps);
  if (!c) {
    c = new RoomSnapshots(deps);
    caches.set(deps, c);
  }
  return c;
}
