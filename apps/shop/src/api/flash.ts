import { useQuery } from '@tanstack/react-query';
import { api, type GetOk, must, type PostOk } from './client.ts';

export type FlashSlot = GetOk<'/api/v1/flash-sales'>['slots'][number];
export type FlashItem = FlashSlot['items'][number];
export type FlashItemDetail = GetOk<'/api/v1/flash-sales/items/{itemId}'>;
export type FlashPurchase = PostOk<'/api/v1/flash-sales/items/{itemId}/purchase'>;
export type MyFlashPurchase = GetOk<'/api/v1/me/flash-purchases'>['items'][number];
export type FlashPhase = 'upcoming' | 'live' | 'sold_out' | 'ended';

export const flashKeys = {
  channel: ['flash', 'channel'] as const,
  item: (itemId: string) => ['flash', 'item', itemId] as const,
  mine: ['flash', 'mine'] as const,
};

/**
 * How far the device clock is from the server's, learned from the Date header of flash answers. Countdowns run on
 * the device; a phone set two minutes fast would otherwise show 立即抢购 before the server opens the slot.
 * The header has one-second resolution, so only a clear difference is applied.
 */
let serverOffsetMs = 0;
function learnOffset(response: Response, sentAt: number) {
  const date = Date.parse(response.headers.get('date') ?? '');
  if (Number.isNaN(date)) return;
  const offset = date + 500 - (sentAt + Date.now()) / 2;
  serverOffsetMs = Math.abs(offset) > 2000 ? offset : 0;
}

/** Now, on the server's clock as far as we know it. */
export const serverNow = (): number => Date.now() + serverOffsetMs;

async function timed<T>(p: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const sentAt = Date.now();
  const result = await p();
  learnOffset(result.response, sentAt);
  return must(Promise.resolve(result));
}

/** The channel: live and upcoming slots. Polled while a slot is live so progress bars and 已抢光 stay current. */
export function useFlashChannel() {
  return useQuery({
    queryKey: flashKeys.channel,
    queryFn: async () => (await timed(() => api.GET('/api/v1/flash-sales'))).slots,
    staleTime: 5_000,
    refetchInterval: (q) => (q.state.data?.some((s) => s.state === 'live') ? 5_000 : false),
  });
}

export const fetchFlashItem = (itemId: string) =>
  timed(() => api.GET('/api/v1/flash-sales/items/{itemId}', { params: { path: { itemId } } }));

/** One flash item with my purchases; polled every 2 s while live, so a sold-out shows up almost at once. */
export function useFlashItem(itemId: string) {
  return useQuery({
    queryKey: flashKeys.item(itemId),
    queryFn: () => fetchFlashItem(itemId),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.state === 'live' ? 2_000 : false),
  });
}

export function useMyFlashPurchases() {
  return useQuery({
    queryKey: flashKeys.mine,
    queryFn: async () => (await must(api.GET('/api/v1/me/flash-purchases'))).items,
    staleTime: 0,
  });
}

/**
 * The phase the page shows: the server's word for sold out and closed, the (corrected) clock for start and end.
 * The start is the buyer's own (`myStartsAt`): earlier than `startsAt` for 金卡/黑钻 on a 会员优先购 slot.
 */
export function phaseOf(
  item: Pick<FlashItem, 'state' | 'myStartsAt' | 'endsAt' | 'remaining'>,
  now: number,
): FlashPhase {
  if (now < Date.parse(item.myStartsAt)) return 'upcoming';
  if (now >= Date.parse(item.endsAt) || item.state === 'ended') return 'ended';
  if (item.state === 'sold_out' || item.remaining === 0) return 'sold_out';
  return 'live';
}

/** 已抢 X% from the real counts: never 0% once a unit went, never 100% while one is left. */
export function soldPercent(sold: number, quantity: number): number {
  if (quantity <= 0 || sold <= 0) return 0;
  if (sold >= quantity) return 100;
  return Math.min(99, Math.max(1, Math.floor((sold / quantity) * 100)));
}
