import type { RoomEvent, StaffEvent } from './channel.ts';

/**
 * What the fan-out puts on the wire: the coalescing batch of one room, and the WebSocket frame built once per batch
 * so writing it to 10,000 sockets is 10,000 plain socket writes (see docs/PERFORMANCE.md "Live fan-out").
 */

/** The part of ws's WebSocket the fan-out uses. `send` takes ws's options so a Buffer goes out as a text frame. */
export interface RoomSocket {
  readonly readyState: number;
  /** Bytes queued on the socket (ws); a consumer too slow to drain is skipped, then closed. */
  readonly bufferedAmount?: number;
  send(data: string | Buffer, options?: { binary?: boolean }): void;
  close(code?: number, reason?: string): void;
}

export type BatchEvent = RoomEvent | StaffEvent | { type: 'chat-dropped'; count: number };

const CHAT_PER_BATCH = 40;

/** One batch being collected: an ordered list where coalesced events leave holes (null) behind. */
export class Buffered {
  events: (BatchEvent | null)[] = [];
  private chatAt: number[] = [];
  private latestAt = new Map<string, number>();
  dropped = 0;

  push(event: BatchEvent): void {
    if (event.type === 'likes' || event.type === 'viewers' || event.type === 'metrics') {
      // Totals and snapshots: only the latest in a batch means anything.
      const earlier = this.latestAt.get(event.type);
      if (earlier !== undefined) this.events[earlier] = null;
      this.latestAt.set(event.type, this.events.length);
    } else if (event.type === 'chat') {
      // A busy room keeps the newest messages instead of falling behind.
      if (this.chatAt.length === CHAT_PER_BATCH) {
        this.events[this.chatAt.shift()!] = null;
        this.dropped++;
      }
      this.chatAt.push(this.events.length);
    }
    this.events.push(event);
  }

  get empty(): boolean {
    return this.events.length === 0;
  }

  take(): BatchEvent[] {
    const out = this.events.filter((e): e is BatchEvent => e !== null);
    if (this.dropped > 0) out.unshift({ type: 'chat-dropped', count: this.dropped });
    this.events = [];
    this.chatAt = [];
    this.latestAt.clear();
    this.dropped = 0;
    return out;
  }
}

/** An unmasked, final WebSocket text frame (RFC 6455 §5.2) around an already serialised payload. */
export function textFrame(payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81; // FIN + opcode 1 (text)
  if (length < 126) frame[1] = length;
  else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  payload.copy(frame, header);
  return frame;
}

/** ws keeps its TCP socket here; the frames ws itself writes for this socket go through the same stream, in order. */
interface WsInternals {
  _socket?: { write(chunk: Buffer): boolean; destroyed?: boolean };
  _extensions?: Record<string, unknown>;
}

const TEXT = { binary: false } as const;

/**
 * Writes a pre-built frame straight to ws's socket: what ws.send does, minus building a header and two corked
 * writes per socket (a quarter of the fan-out's CPU at 10,000 viewers). Falls back to send() for anything that is
 * not a plain ws socket — a negotiated compression extension would have ws reorder frames, so those go through ws.
 */
export function writeFrame(socket: RoomSocket, frame: Buffer, payload: Buffer): void {
  const ws = socket as RoomSocket & WsInternals;
  const raw = ws._socket;
  if (
    raw &&
    typeof raw.write === 'function' &&
    !raw.destroyed &&
    (!ws._extensions || Object.keys(ws._extensions).length === 0)
  ) {
    raw.write(frame);
  } else {
    socket.send(payload, TEXT);
  }
}
