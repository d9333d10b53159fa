import { useCallback, useEffect, useRef, useState } from 'react';
import { deviceId } from '../../api/groupbuy.ts';
import type {
  LiveChatMessage,
  LiveDetail,
  LiveFlash,
  LiveLottery,
  LivePk,
  LivePoll,
  LiveStatus,
  PinnedProduct,
} from '../../api/live.ts';

/** What a room's socket carries in a batch (the server's channel.ts RoomEvent). */
export type RoomEvent =
  | { type: 'chat'; message: LiveChatMessage }
  | { type: 'chat-dropped'; count: number }
  | { type: 'removed'; messageId: string }
  | { type: 'likes'; total: number }
  | { type: 'viewers'; count: number }
  | { type: 'pin'; product: PinnedProduct }
  | { type: 'unpin' }
  | { type: 'status'; status: LiveStatus }
  | { type: 'lottery'; lottery: LiveLottery }
  | { type: 'poll'; poll: LivePoll }
  | { type: 'pk'; pk: LivePk }
  | { type: 'flash'; flash: LiveFlash }
  | { type: 'gmv'; total: number };

export type Problem = { type: string; title: string; detail?: string; status?: number };

type Frame =
  | { type: 'ready'; snapshot: LiveDetail & { chat?: LiveChatMessage[] } }
  | { type: 'batch'; events: RoomEvent[]; at: string }
  | { type: 'ack'; clientId: string; messageId: string; pending?: boolean }
  | { type: 'error'; clientId?: string; problem: Problem }
  | { type: 'pong' };

export type SocketStatus = 'connecting' | 'open' | 'closed';

const PING_MS = 25_000;
const ACK_WAIT_MS = 8_000;

/**
 * One WebSocket to a live room while the room is shown. It reconnects with a growing pause when the network drops;
 * each `ready` carries a fresh snapshot, so whatever happened while disconnected is caught up at once.
 */
export function useLiveSocket(
  sessionId: string,
  enabled: boolean,
  handlers: {
    onReady: (snapshot: Frame & { type: 'ready' }) => void;
    onEvents: (events: RoomEvent[]) => void;
    onError: (problem: Problem) => void;
    onPending: () => void;
  },
) {
  const [status, setStatus] = useState<SocketStatus>('connecting');
  const socket = useRef<WebSocket | null>(null);
  const latest = useRef(handlers);
  latest.current = handlers;
  const waiting = useRef(
    new Map<string, { resolve: (p: Problem | null) => void; timer: ReturnType<typeof setTimeout> }>(),
  );

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let attempt = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;
    const settle = (clientId: string, problem: Problem | null) => {
      const w = waiting.current.get(clientId);
      if (!w) return false;
      clearTimeout(w.timer);
      waiting.current.delete(clientId);
      w.resolve(problem);
      return true;
    };
    const open = () => {
      setStatus('connecting');
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      // The device id makes an anonymous viewer's reconnects count as one viewer.
      const url = `${scheme}://${location.host}/api/v1/live/sessions/${encodeURIComponent(sessionId)}/socket?viewer=${deviceId()}`;
      const ws = new WebSocket(url);
      socket.current = ws;
      ws.onmessage = (e) => {
        const frame = JSON.parse(String(e.data)) as Frame;
        if (frame.type === 'ready') {
          attempt = 0;
          setStatus('open');
          latest.current.onReady(frame);
        } else if (frame.type === 'batch') latest.current.onEvents(frame.events);
        else if (frame.type === 'ack') {
          // A line held for review reaches the room only once approved; its sender should know why it is not there.
          if (settle(frame.clientId, null) && frame.pending) latest.current.onPending();
        } else if (frame.type === 'error') {
          if (!frame.clientId || !settle(frame.clientId, frame.problem)) latest.current.onError(frame.problem);
        }
      };
      ws.onopen = () => {
        ping = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send('{"type":"ping"}'), PING_MS);
      };
      ws.onclose = () => {
        clearInterval(ping);
        socket.current = null;
        setStatus('closed');
        if (stopped) return;
        attempt++;
        retry = setTimeout(open, Math.min(15_000, 500 * 2 ** Math.min(attempt, 5)));
      };
    };
    open();
    const pending = waiting.current;
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearInterval(ping);
      socket.current?.close();
      for (const id of [...pending.keys()]) settle(id, { type: 'closed', title: '已离开直播间' });
    };
  }, [sessionId, enabled]);

  /** Sends a frame; false when the socket is not open. */
  const send = useCallback((data: unknown): boolean => {
    const ws = socket.current;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(data));
    return true;
  }, []);

  /** Sends a chat line and waits for its ack (null) or the problem the server answered with. */
  const sendChat = useCallback(
    (text: string): Promise<Problem | null> => {
      const clientId = `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      if (!send({ type: 'chat', clientId, text })) {
        return Promise.resolve({ type: 'not-connected', title: '正在连接直播间，请稍后再发' });
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.current.delete(clientId);
          resolve({ type: 'timeout', title: '发送超时，请重试' });
        }, ACK_WAIT_MS);
        waiting.current.set(clientId, { resolve, timer });
      });
    },
    [send],
  );

  return { status, send, sendChat };
}
