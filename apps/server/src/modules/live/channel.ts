import type { Deps } from '../../deps.ts';

/**
 * The live room's realtime channels and the events carried on them. Services publish after their transaction
 * commits; every process's fan-out (fanout.ts) forwards a room's channel to its own sockets in batches.
 */
export const roomChannel = (sessionId: string): string => `live:${sessionId}`;
export const staffChannel = (sessionId: string): string => `live:${sessionId}:staff`;
export const presenceChannel = (sessionId: string): string => `live:${sessionId}:presence`;

export type ChatBadge = '主播' | '场控' | '客服';

export interface LiveChatMessage {
  id: string;
  userId: string;
  nickname: string;
  avatarUrl: string | null;
  text: string;
  badge?: ChatBadge | undefined;
  /** The message a service answer replies to. */
  replyTo?: { id: string; nickname: string; text: string } | undefined;
  at: string;
}

export interface PinnedProduct {
  productId: string;
  title: string;
  imageUrl: string | null;
  price: number;
  claim: string | null;
  pinnedAt: string;
}

/** Everything a room's sockets may receive in a batch. Interaction payloads are the DTOs of their own files. */
export type RoomEvent =
  | { type: 'chat'; message: LiveChatMessage }
  | { type: 'removed'; messageId: string }
  | { type: 'likes'; total: number }
  | { type: 'viewers'; count: number }
  | { type: 'pin'; product: PinnedProduct }
  | { type: 'unpin' }
  | { type: 'status'; status: 'scheduled' | 'live' | 'ended' | 'cancelled' }
  | { type: 'lottery'; lottery: unknown }
  | { type: 'poll'; poll: unknown }
  | { type: 'pk'; pk: unknown }
  | { type: 'flash'; flash: unknown }
  | { type: 'gmv'; total: number };

/** Staff sockets (场控, 数据, the merchant) also receive live metrics. */
export type StaffEvent = { type: 'metrics'; metrics: unknown };

export function publishToRoom(deps: Deps, sessionId: string, event: RoomEvent): Promise<void> {
  return deps.realtime.publish(roomChannel(sessionId), event);
}

export function publishToStaff(deps: Deps, sessionId: string, event: StaffEvent): Promise<void> {
  return deps.realtime.publish(staffChannel(sessionId), event);
}
