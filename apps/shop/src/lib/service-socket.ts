import { useEffect, useRef, useState } from 'react';

/** A frame from the service sockets (the server's service/socket.ts). */
export type ServiceFrame =
  | { type: 'ready'; lastSeq?: number }
  | { type: 'message'; message: { conversationId: string; seq: number } & Record<string, unknown> }
  | { type: 'read'; conversationId: string; side: 'consumer' | 'agent'; seq: number }
  | { type: 'conversation'; conversationId: string; status: string; agentId: string | null }
  | { type: 'sla-breached'; conversationId: string; dueAt: string }
  | { type: 'pong' };

/**
 * One WebSocket to a customer-service conversation while the page is shown, reconnecting with a growing pause.
 * Every `ready` (the first and each after a reconnect) is passed on, so the page fetches what it missed.
 */
export function useServiceSocket(conversationId: string | undefined, onFrame: (frame: ServiceFrame) => void) {
  const [online, setOnline] = useState(false);
  const handler = useRef(onFrame);
  handler.current = onFrame;

  useEffect(() => {
    if (!conversationId) return;
    let stopped = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ws: WebSocket | null = null;
    const open = () => {
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      ws = new WebSocket(`${scheme}://${location.host}/api/v1/service/conversations/${conversationId}/socket`);
      ws.onmessage = (e) => {
        const frame = JSON.parse(String(e.data)) as ServiceFrame;
        if (frame.type === 'ready') {
          attempt = 0;
          setOnline(true);
        }
        handler.current(frame);
      };
      ws.onclose = () => {
        setOnline(false);
        if (stopped) return;
        attempt++;
        timer = setTimeout(open, Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5)));
      };
    };
    open();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      ws?.close();
    };
  }, [conversationId]);
  return { online };
}
