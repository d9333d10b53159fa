import { useReconnectingSocket } from '@haowu/web-kit/socket';

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
  const { status } = useReconnectingSocket(
    conversationId ? `/api/v1/service/conversations/${conversationId}/socket` : undefined,
    onFrame,
  );
  return { online: status === 'open' };
}
