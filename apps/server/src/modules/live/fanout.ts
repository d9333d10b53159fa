import { randomUUID } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { presenceChannel, type RoomEvent, roomChannel, type StaffEvent, staffChannel } from './channel.ts';
import { type BatchEvent, Buffered, type RoomSocket, textFrame, writeFrame } from './fanout-batch.ts';

export type { BatchEvent, RoomSocket } from './fanout-batch.ts';

/**
 * The per-process room registry (docs/LIVE.md "Scale"). A process subscribes once per room that has a local
 * socket, collects the room's events for at most 100 ms, coalesces them, serialises the batch ONCE and writes
 * the same buffer to every local socket — 10,000 viewers cost one JSON.stringify per batch, not 10,000.
 * Viewer counts: each process publishes its local counts every 2 s; every process sums the fresh reports.
 */

const OPEN = 1;
const BATCH_MS = 100;
const PRESENCE_MS = 2_000;
const PRESENCE_FRESH_MS = 6_000;
/** Above this a socket misses batches (it gets the next one that fits); above the second it is closed to reconnect. */
const SLOW_SKIP_BYTES = 1 << 20;
const SLOW_CLOSE_BYTES = 8 << 20;

/** What the fan-out needs from Deps: the bus, the clock (batch `at`, presence freshness) and the log. */
export type FanoutDeps = Pick<Deps, 'realtime' | 'clock' | 'log'>;

interface PresenceReport {
  process: string;
  count: number;
}

class Room {
  readonly viewers = new Set<RoomSocket>();
  readonly staff = new Set<RoomSocket>();
  readonly pending = new Buffered();
  readonly pendingStaff = new Buffered();
  readonly unsubscribe: (() => void)[] = [];
  unsubscribeStaff: (() => void) | null = null;
  timer: NodeJS.Timeout | null = null;
  /** Earliest start of the next batch (performance.now()). */
  nextFlushAt = Number.NEGATIVE_INFINITY;
  /** Last count emitted to the room, so a tick that changes nothing stays quiet. */
  announced = -1;
  /** Other processes' reports: process id → count and when it arrived (our clock, so skew does not matter). */
  readonly remote = new Map<string, { count: number; at: number }>();

  get size(): number {
    return this.viewers.size + this.staff.size;
  }

  /** Staff sockets (the host's control panel, the dashboard) are not audience: viewer counts leave them out. */
  get audience(): number {
    return this.viewers.size;
  }
}

export class LiveFanout {
  private readonly rooms = new Map<string, Room>();
  private readonly listeners: ((sessionId: string, count: number) => void)[] = [];
  private readonly processId = randomUUID();
  private presenceTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly deps: FanoutDeps;

  constructor(deps: FanoutDeps) {
    this.deps = deps;
  }

  join(sessionId: string, socket: RoomSocket, opts: { staff: boolean }): () => void {
    if (this.closed) throw new Error('live fan-out is closed');
    let room = this.rooms.get(sessionId);
    if (!room) {
      room = new Room();
      this.rooms.set(sessionId, room);
      const r = room;
      const bus = this.deps.realtime;
      r.unsubscribe.push(
        bus.subscribe(roomChannel(sessionId), (m) => this.enqueue(sessionId, r, m as RoomEvent, false)),
      );
      r.unsubscribe.push(bus.subscribe(presenceChannel(sessionId), (m) => this.onPresence(r, m as PresenceReport)));
    }
    if (opts.staff && !room.unsubscribeStaff) {
      const r = room;
      r.unsubscribeStaff = this.deps.realtime.subscribe(staffChannel(sessionId), (m) =>
        this.enqueue(sessionId, r, m as StaffEvent, true),
      );
    }
    (opts.staff ? room.staff : room.viewers).add(socket);
    this.startPresence();
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.leave(sessionId, socket);
    };
  }

  /** Replies to one socket (ready/ack/error/pong): not batched, not shared. */
  direct(socket: RoomSocket, message: object): void {
    if (socket.readyState === OPEN) socket.send(JSON.stringify(message));
  }

  localCount(sessionId: string): number {
    return this.rooms.get(sessionId)?.audience ?? 0;
  }

  viewerCount(sessionId: string): number {
    const room = this.rooms.get(sessionId);
    if (!room) return 0;
    const now = this.deps.clock.now().getTime();
    let sum = room.audience;
    for (const [process, report] of room.remote) {
      if (now - report.at < PRESENCE_FRESH_MS) sum += report.count;
      else room.remote.delete(process);
    }
    return sum;
  }

  onViewerCount(listener: (sessionId: string, count: number) => void): void {
    this.listeners.push(listener);
  }

  /** Sends every room's collected events now (the timer does this; tests call it instead of waiting). */
  flush(): void {
    for (const [sessionId, room] of this.rooms) this.flushRoom(sessionId, room);
  }

  /** Publishes this process's counts and announces changed totals (the 2 s timer does this; tests call it). */
  reportPresence(): void {
    for (const [sessionId, room] of this.rooms) {
      void this.deps.realtime
        .publish(presenceChannel(sessionId), { process: this.processId, count: room.audience } satisfies PresenceReport)
        .catch((err: unknown) => this.deps.log.warn({ err, sessionId }, 'live presence publish failed'));
      const count = this.viewerCount(sessionId);
      if (count === room.announced) continue;
      room.announced = count;
      this.enqueue(sessionId, room, { type: 'viewers', count }, false);
      for (const listener of this.listeners) listener(sessionId, count);
    }
  }

  close(): Promise<void> {
    this.closed = true;
    if (this.presenceTimer) clearInterval(this.presenceTimer);
    this.presenceTimer = null;
    for (const room of this.rooms.values()) this.dropRoom(room);
    this.rooms.clear();
    return Promise.resolve();
  }

  private leave(sessionId: string, socket: RoomSocket): void {
    const room = this.rooms.get(sessionId);
    if (!room) return;
    room.viewers.delete(socket);
    room.staff.delete(socket);
    if (room.staff.size === 0 && room.unsubscribeStaff) {
      room.unsubscribeStaff();
      room.unsubscribeStaff = null;
    }
    if (room.size > 0) return;
    // Tell the other processes at once that our share is gone instead of letting the report go stale.
    void this.deps.realtime
      .publish(presenceChannel(sessionId), { process: this.processId, count: 0 } satisfies PresenceReport)
      .catch((err: unknown) => this.deps.log.warn({ err, sessionId }, 'live presence publish failed'));
    this.dropRoom(room);
    this.rooms.delete(sessionId);
  }

  private dropRoom(room: Room): void {
    if (room.timer) clearTimeout(room.timer);
    room.timer = null;
    for (const unsubscribe of room.unsubscribe) unsubscribe();
    room.unsubscribe.length = 0;
    room.unsubscribeStaff?.();
    room.unsubscribeStaff = null;
  }

  private enqueue(sessionId: string, room: Room, event: BatchEvent, staffOnly: boolean): void {
    if (this.rooms.get(sessionId) !== room) return; // a late message for a room this process has left
    (staffOnly ? room.pendingStaff : room.pending).push(event);
    if (room.timer) return;
    // An idle room sends at once; a busy one waits for its next slot.
    room.timer = setTimeout(() => this.flushRoom(sessionId, room), Math.max(0, room.nextFlushAt - performance.now()));
    room.timer.unref();
  }

  private flushRoom(sessionId: string, room: Room): void {
    if (room.timer) clearTimeout(room.timer);
    room.timer = null;
    if (room.pending.empty && room.pendingStaff.empty) return;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const at = this.deps.clock.now().toISOString();
    const events = room.pending.take();
    if (events.length > 0) {
      const payload = Buffer.from(JSON.stringify({ type: 'batch', events, at }));
      const frame = textFrame(payload);
      this.sendAll(sessionId, room.viewers, frame, payload);
      if (room.pendingStaff.empty) this.sendAll(sessionId, room.staff, frame, payload);
    }
    if (!room.pendingStaff.empty) {
      const payload = Buffer.from(
        JSON.stringify({ type: 'batch', events: [...events, ...room.pendingStaff.take()], at }),
      );
      this.sendAll(sessionId, room.staff, textFrame(payload), payload);
    }
    // At most every BATCH_MS, and at most half the process's CPU: a batch that took 80 ms of CPU to write waits 80 ms
    // before the next, so batches grow instead of the process drowning (chat and HTTP keep their turn). CPU time, not
    // wall time: on a shared machine a preempted loop would otherwise wait for the time it spent not running.
    const cpu = process.cpuUsage(cpuBefore);
    room.nextFlushAt = Math.max(started + BATCH_MS, performance.now() + (cpu.user + cpu.system) / 1000);
  }

  private sendAll(sessionId: string, sockets: Set<RoomSocket>, frame: Buffer, payload: Buffer): void {
    for (const socket of sockets) {
      if (socket.readyState !== OPEN) continue;
      const queued = socket.bufferedAmount ?? 0;
      if (queued > SLOW_CLOSE_BYTES) {
        this.deps.log.warn({ sessionId, queued }, 'live socket too slow, closing');
        socket.close(1013, 'too slow');
        continue;
      }
      if (queued > SLOW_SKIP_BYTES) continue;
      try {
        writeFrame(socket, frame, payload);
      } catch (err) {
        // One broken socket must not stop the rest of the room.
        this.deps.log.warn({ err, sessionId }, 'live socket send failed');
      }
    }
  }

  private onPresence(room: Room, report: PresenceReport): void {
    if (report.process === this.processId) return; // our own share is counted live
    if (report.count > 0) room.remote.set(report.process, { count: report.count, at: this.deps.clock.now().getTime() });
    else room.remote.delete(report.process);
  }

  private startPresence(): void {
    if (this.presenceTimer) return;
    this.presenceTimer = setInterval(() => this.reportPresence(), PRESENCE_MS);
    this.presenceTimer.unref();
  }
}

const fanouts = new WeakMap<Deps, LiveFanout>();
export function liveFanout(deps: Deps): LiveFanout {
  let fanout = fanouts.get(deps);
  if (!fanout) {
    fanout = new LiveFanout(deps);
    fanouts.set(deps, fanout);
  }
  return fanout;
}
