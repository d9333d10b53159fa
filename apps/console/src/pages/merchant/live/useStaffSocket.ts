import { useCallback, useEffect, useRef, useState } from 'react';
import { staffSocketUrl } from './api.ts';
import { eventsOf, type RoomEvent } from './room.ts';

export type SocketState = 'off' | 'connecting' | 'open' | 'closed';

export interface SocketProblem {
  clientId?: string;
  problem: { title: string; detail?: string };
}

/**
 * The room socket of a staff member: room events (batched by the server) and, for roles with the metrics ability
 * (the server refuses ?staff=1 to others, e.g. 客服), the metrics frames. Reconnects with a growing pause (1 s → 15 s) so a restarted server is picked up by itself.
 */
export function useStaffSocket(
  sessionId: string,
  handlers: {
    onEvents: (events: RoomEvent[]) => void;
    onError?: (e: SocketProblem) => void;
    onAck?: (clientId: string) => void;
  },
  opts: { enabled: boolean; metrics: boolean },
) {
  const { enabled, metrics } = opts;
  const [state, setState] = useState<SocketState>(enabled ? 'connecting' : 'off');
  const socket = useRef<WebSocket | null>(null);
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!enabled) {
      setState('off');
      return;
    }
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let pause = 1000;
    const connect = () => {
      setState('connecting');
      const ws = new WebSocket(staffSocketUrl(sessionId, metrics));
      socket.current = ws;
      ws.onopen = () => {
        pause = 1000;
        setState('open');
      };
      ws.onmessage = (msg) => {
        let frame: unknown;
        try {
          frame = JSON.parse(String(msg.data));
        } catch {
          return;
        }
        const f = frame as { type?: string; clientId?: string; problem?: SocketProblem['problem'] };
        if (f.type === 'error' && f.problem)
          latest.current.onError?.({ problem: f.problem, ...(f.clientId ? { clientId: f.clientId } : {}) });
        else if (f.type === 'ack' && f.clientId) latest.current.onAck?.(f.clientId);
        else {
          const events = eventsOf(frame);
          if (events.length > 0) latest.current.onEvents(events);
        }
      };
      ws.onclose = () => {
        socket.current = null;
        if (stopped) return;
        setState('closed');
        retry = setTimeout(connect, pause);
        pause = Math.min(15_000, pause * 2);
      };
    };
    connect();
    const keepAlive = setInterval(() => {
      if (socket.current?.readyState === WebSocket.OPEN) socket.current.send(JSON.stringify({ type: 'ping' }));
    }, 25_000);
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearInterval(keepAlive);
      socket.current?.close();
      socket.current = null;
    };
  }, [sessionId, enabled, metrics]);

  const send = useCallback((message: object): boolean => {
    const ws = socket.current;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(message));
    return true;
  }, []);

  return { state, send };
}
