import { useEffect, useRef, useState } from 'react';
import type { Desk } from './api.ts';

export type DeskFrame =
  | { type: 'ready' }
  | { type: 'message'; message: { conversationId: string; seq: number } }
  | { type: 'read'; conversationId: string; side: 'consumer' | 'agent'; seq: number }
  | { type: 'conversation'; conversationId: string; status: string; agentId: string | null }
  | { type: 'sla-breached'; conversationId: string; dueAt: string }
  | { type: 'pong' };

/** The desk's live feed (every conversation of the shop or the platform), reconnecting with a growing pause. */
export function useDeskSocket(desk: Desk, onFrame: (frame: DeskFrame) => void) {
  const [online, setOnline] = useState(false);
  const handler = useRef(onFrame);
  handler.current = onFrame;
  useEffect(() => {
    let stopped = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ws: WebSocket | null = null;
    const open = () => {
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      ws = new WebSocket(`${scheme}://${location.host}/api/v1/service/desk/socket?desk=${desk}`);
      ws.onmessage = (e) => {
        const frame = JSON.parse(String(e.data)) as DeskFrame;
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
  }, [desk]);
  return { online };
}
