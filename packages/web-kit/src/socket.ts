import { useEffect, useRef, useState } from 'react';

export type SocketStatus = 'connecting' | 'open' | 'closed';

/**
 * Keeps one WebSocket to `path` (same host, ws/wss as the page) open while the caller is shown, reconnecting with
 * a growing pause (1 s doubling to 30 s) when the network drops; a `ready` frame marks it open and resets the
 * pause. Every frame, `ready` included, goes to `onFrame`, so a page can fetch what it missed after a reconnect.
 * The session cookie travels with the handshake, so no token is put in the URL. No path: no socket.
 */
export function useReconnectingSocket<F extends { type: string }>(
  path: string | undefined,
  onFrame: (frame: F) => void,
) {
  const [status, setStatus] = useState<SocketStatus>('connecting');
  const socket = useRef<WebSocket | null>(null);
  const handler = useRef(onFrame);
  handler.current = onFrame;

  useEffect(() => {
    if (!path) return;
    let stopped = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      setStatus('connecting');
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      const ws = new WebSocket(`${scheme}://${location.host}${path}`);
      socket.current = ws;
      ws.onmessage = (e) => {
        const frame = JSON.parse(String(e.data)) as F;
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
  }, [path]);

  /** False when the socket is not open: the caller falls back to HTTP. */
  const send = (data: unknown): boolean => {
    const ws = socket.current;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(data));
    return true;
  };
  return { status, send };
}
