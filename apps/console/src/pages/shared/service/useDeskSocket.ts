import { useReconnectingSocket } from '@haowu/web-kit/socket';
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
  const { status } = useReconnectingSocket(`/api/v1/service/desk/socket?desk=${desk}`, onFrame);
  return { online: status === 'open' };
}
