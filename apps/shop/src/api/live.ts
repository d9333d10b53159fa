import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type GetOk, must } from './client.ts';

export type LiveTab = 'live' | 'upcoming' | 'replay';
export type LiveStatus = 'scheduled' | 'live' | 'ended' | 'cancelled';
export type ChatBadge = '主播' | '场控' | '客服';

type Detail = GetOk<'/api/v1/live/sessions/{id}'>;
export type LiveCard = GetOk<'/api/v1/live/sessions'>['items'][number];
export type LiveProduct = Detail['products'][number];
export type PinnedProduct = NonNullable<Detail['pinned']>;
export type LiveClip = Detail['clips'][number];

// The interaction DTOs (the server's lottery.ts, polls.ts, pk.ts, flash.ts) are `unknown` in the OpenAPI schema;
// their shapes are spelled out here, and they arrive on the room socket too.
export interface LiveLottery {
  id: string;
  sessionId: string;
  keyword: string;
  prize: { kind: string; title: string };
  winnersCount: number;
  status: 'open' | 'drawn' | 'cancelled';
  opensAt: string;
  closesAt: string;
  drawnAt: string | null;
  seedCommitment: string;
  /** Revealed by the draw. */
  seed: string | null;
  entrantsCount: number;
  winners: { userId: string; nickname: string }[];
  prizeNote: string | null;
  /** Only for the signed-in viewer (absent in room broadcasts). */
  entered?: boolean;
  won?: boolean;
}

export interface LivePoll {
  id: string;
  question: string;
  options: { label: string; productId: string | null; votes: number }[];
  totalVotes: number;
  status: 'open' | 'closed';
  closesAt: string;
  closedAt: string | null;
  /** Only for the signed-in viewer (absent in room broadcasts). */
  myVote?: number | null;
}

export interface PkSide {
  sessionId: string;
  title: string;
  hostNickname: string;
  hostAvatarUrl: string | null;
  /** GMV (fen) or likes gained since the PK started. */
  score: number;
}

export interface LivePk {
  id: string;
  status: 'invited' | 'running' | 'finished' | 'declined';
  metric: 'gmv' | 'likes';
  durationSeconds: number;
  startedAt: string | null;
  endsAt: string | null;
  winner: 'a' | 'b' | 'draw' | null;
  a: PkSide;
  b: PkSide;
}

/** Viewers buy it through the flash-sale purchase route with `itemId`. */
export interface LiveFlash {
  id: string;
  itemId: string;
  productId: string;
  skuId: string;
  title: string;
  specText: string;
  imageUrl: string | null;
  flashPrice: number;
  regularPrice: number;
  quantity: number;
  remaining: number;
  perUserLimit: number;
  startsAt: string;
  endsAt: string;
  state: 'upcoming' | 'live' | 'sold_out' | 'ended';
}

export type LiveDetail = Omit<Detail, 'lottery' | 'poll' | 'pk' | 'flash'> & {
  lottery: LiveLottery | null;
  poll: LivePoll | null;
  pk: LivePk | null;
  flash: LiveFlash | null;
};

export type LotteryProof = GetOk<'/api/v1/live/lotteries/{id}'>;

export interface LiveChatMessage {
  id: string;
  userId: string;
  nickname: string;
  avatarUrl: string | null;
  text: string;
  badge?: ChatBadge;
  replyTo?: { id: string; nickname: string; text: string };
  at: string;
}

export const liveKeys = {
  all: ['live'] as const,
  list: (tab: LiveTab) => ['live', 'list', tab] as const,
  session: (id: string) => ['live', 'session', id] as const,
  lottery: (id: string) => ['live', 'lottery', id] as const,
};

const path = (id: string) => ({ params: { path: { id } } });

export function useLiveList(tab: LiveTab, limit = 10) {
  return useInfiniteQuery({
    queryKey: [...liveKeys.list(tab), limit],
    queryFn: ({ pageParam }) =>
      must(api.GET('/api/v1/live/sessions', { params: { query: { tab, limit, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Viewer counts move; the list is refreshed while it is on screen.
    refetchInterval: tab === 'live' ? 15_000 : false,
  });
}

// The interaction fields are typed by hand (see above).
export const fetchLiveSession = async (id: string) => (await must(api.GET('/api/v1/live/sessions/{id}', path(id)))) as LiveDetail;

export function useLiveSession(id: string) {
  return useQuery({ queryKey: liveKeys.session(id), queryFn: () => fetchLiveSession(id), staleTime: 0 });
}

export function useReminder(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) =>
      must(on ? api.POST('/api/v1/live/sessions/{id}/reminder', path(id)) : api.DELETE('/api/v1/live/sessions/{id}/reminder', path(id))),
    onSuccess: (_data, on) => {
      qc.setQueryData<LiveDetail>(liveKeys.session(id), (old) =>
        old && old.reminded !== on
          ? { ...old, reminded: on, remindersCount: Math.max(0, old.remindersCount + (on ? 1 : -1)) }
          : old,
      );
      void qc.invalidateQueries({ queryKey: liveKeys.session(id) });
    },
  });
}

/** Counts the click and records the attribution touch, so the order placed next is credited to the session. */
export const recordLiveProductClick = (sessionId: string, productId: string) =>
  must(api.POST('/api/v1/live/sessions/{id}/product-clicks', { ...path(sessionId), body: { productId } }));

export const votePoll = (pollId: string, optionIndex: number) =>
  must(api.POST('/api/v1/live/polls/{id}/votes', { ...path(pollId), body: { optionIndex } }));

export function useLotteryProof(id: string | null) {
  return useQuery({
    queryKey: liveKeys.lottery(id ?? ''),
    queryFn: () => must(api.GET('/api/v1/live/lotteries/{id}', path(id ?? ''))),
    enabled: Boolean(id),
  });
}

/** Pays a checkout in the sandbox channel from inside the room (the cashier page does the same two steps). */
export async function payInSandbox(checkoutId: string, idempotencyKey: string) {
  const payment = await must(
    api.POST('/api/v1/payments', { body: { checkoutId }, headers: { 'Idempotency-Key': idempotencyKey } }),
  );
  return must(api.POST('/api/v1/sandbox/pay/{id}', { params: { path: { id: payment.paymentId } }, body: { outcome: 'succeeded' } }));
}
