// The chat side of bench/live-fanout: signed-in accounts, each on its own socket, taking turns so the room gets RATE
// messages per second while every account stays under the per-viewer chat limit (1 per 2 s, 20 per minute).
import { histogramPercentile, newHistogram, record } from './stats.ts';
import { SESSION_COOKIE } from '../../apps/server/src/platform/http.ts';
import { type ClientSocket, chatText, openSocket, opened } from './ws.ts';

export interface SendResult {
  sent: number;
  seconds: number;
}

export class ChatSenders {
  private readonly sockets: ClientSocket[] = [];
  private seq = 0;
  /** Replies since the last run started (read after a grace period: the last acks arrive after the last send). */
  acked = 0;
  errors: Record<string, number> = {};
  /** Send → ack: the server's chat handling (limits, moderation, the insert) before the fan-out sees the message. */
  private ackHistogram = newHistogram();
  private readonly sentAt = new Map<string, number>();

  /** Opens one socket per token (sent as the session cookie), a few at a time. */
  async open(socketUrl: string, tokens: string[]): Promise<void> {
    for (let i = 0; i < tokens.length; i += 20) {
      await Promise.all(
        tokens.slice(i, i + 20).map(async (token) => {
          const socket = openSocket(socketUrl, { cookie: `${SESSION_COOKIE}=${token}` });
          await opened(socket);
          socket.on('message', (data) => this.onReply(data));
          this.sockets.push(socket);
        }),
      );
    }
  }

  /** Accounts for `rate` messages/s (the 20-per-minute rule binds before the 1-per-2-s one, so that sets the floor). */
  static accountsFor(rate: number): number {
    // 10 a minute each: a margin under 20 a minute and 1 per 2 s, kept even when a backlogged server handles one
    // account's messages closer together than they were sent.
    return Math.max(10, Math.ceil((rate * 60) / 10));
  }

  /** Sends `rate` messages per second for `seconds`, on a fixed schedule whatever the replies (open loop). */
  async run(rate: number, seconds: number): Promise<SendResult> {
    this.acked = 0;
    this.errors = {};
    this.ackHistogram = newHistogram();
    this.sentAt.clear();
    let sent = 0;
    const total = Math.round(rate * seconds);
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      const wait = started + (i * 1000) / rate - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const socket = this.sockets[this.seq % this.sockets.length]!;
      this.seq++;
      if (socket.readyState !== 1) continue;
      const clientId = `b${this.seq}`;
      const now = Date.now();
      this.sentAt.set(clientId, now);
      socket.send(JSON.stringify({ type: 'chat', clientId, text: chatText(this.seq, now) }));
      sent++;
    }
    return { sent, seconds: (performance.now() - started) / 1000 };
  }

  ackLatency(): { p50Ms: number; p99Ms: number } {
    return { p50Ms: histogramPercentile(this.ackHistogram, 50), p99Ms: histogramPercentile(this.ackHistogram, 99) };
  }

  close(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  /** Senders sit in the room too: batches are skipped unread, only their own replies are looked at. */
  private onReply(data: Buffer): void {
    if (data.subarray(0, 15).toString() === '{"type":"batch"') return;
    const reply = JSON.parse(data.toString()) as {
      type: string;
      clientId?: string;
      problem?: { type?: string; title?: string };
    };
    const sentAt = reply.clientId ? this.sentAt.get(reply.clientId) : undefined;
    if (reply.type === 'ack') {
      this.acked++;
      if (sentAt !== undefined) record(this.ackHistogram, Date.now() - sentAt);
    } else if (reply.type === 'error') {
      const key = `${reply.problem?.type ?? 'error'}: ${reply.problem?.title ?? ''}`;
      this.errors[key] = (this.errors[key] ?? 0) + 1;
    }
  }
}
