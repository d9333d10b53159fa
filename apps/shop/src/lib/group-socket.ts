import { useEffect, useRef, useState } from 'react';

/** A frame from /api/v1/community-groups/:groupId/socket (see the server's communities/socket.ts). */
export type SocketFrame =
  | { type: 'ready'; groupId: string }
  | { type: 'message'; message: unknown }
  | { type: 'removed'; messageId: string }
  | { type: 'pinned'; messageId: string; pinned: boolean }
  | { type: 'announcement'; announcementId: string; title: string }
  | { type: 'ack'; clientId?: string; messageId: string }
  | { type: 'error'; clientId?: string; problem: { type: string; title: string; detail?: string } }
  | { type: 'pong' };

export type SocketStatus = 'connecting' | 'open' | 'closed';

/**
 * Keeps one WebSocket to a chat group open while the page is shown, reconnecting with a growing pause when the
 * network drops. The session cookie travels with the handshake, so no token is put in the URL.
 */
export function useGroupSocket(groupId: string | undefined, onFrame: (frame: SocketFrame) => void) {
  const [status, setStatus] = useState<SocketStatus>('connecting');
  const socket = useRef<WebSocket | null>(null);
  const handler = useRef(onFrame);
  handler.current = onFrame;

  useEffect(() => {
    if (!groupId) return;
    let stopped = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      setStatus('connecting');
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      const ws = new WebSocket(`${scheme}://${location.host}/api/v1/community-groups/${groupId}/socket`);
      socket.current = ws;
      ws.onmessage = (e) => {
        const frame = JSON.parse(String(e.data)) as SocketFrame;
        if (frame.type === 'ready') {
          attempt = 0;
          setStatus('open');
        }
        handler.current(frame);
      };
      ws.onclose = () => {
        socket.current = null;
        setStatus('closed');
        if (stopped) return;
        attempt++;
        timer = setTimeout(open, Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5)));
      };
    };
    open();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      socket.current?.close();
    };
  }, [groupId]);

  /** False when the socket is not open: the caller falls back to HTTP. */
  const send = (data: unknown): boolean => {
    const ws = socket.current;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(data));
    return true;
  };
  return { status, send };
}
