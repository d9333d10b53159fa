import { useReconnectingSocket } from '@haowu/web-kit/socket';

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

/**
 * Keeps one WebSocket to a chat group open while the page is shown, reconnecting with a growing pause when the
 * network drops; `send` is false when the socket is not open, and the caller falls back to HTTP.
 */
export function useGroupSocket(groupId: string | undefined, onFrame: (frame: SocketFrame) => void) {
  return useReconnectingSocket(groupId ? `/api/v1/community-groups/${groupId}/socket` : undefined, onFrame);
}
