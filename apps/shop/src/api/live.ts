import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type GetOk, must } from './client.ts';

export type LiveTab = 'live' | 'upcoming' | 'replay';
export type LiveStatus = 'scheduled' | 'live' | 'ended' | 'cancelled';
type ChatBadge = '主播' | '场控' | '客服';

type Detail = GetOk<'/api/v1/live/sessions/{id}'>;
export type LiveCard = GetOk<'/api/v1/live/sessions'>['items'][number];
export type LiveProduct = Detail['products'][number];
export type PinnedProduct = NonNullable<Detail['pinned']>;
export type LiveClip = Detail['clips'][number];

// The interaction DTOs (the server's interaction-dto.ts); they arrive on the room socket too.
// `entered`/`won` and `myVote` are only there for the signed-in viewer (absent in room broadcasts).
export type LiveLottery = NonNullable<Detail['lottery']>;
export type LivePoll = NonNullable<Detail['poll']>;
export type LivePk = NonNullable<Detail['pk']>;
/** Viewers buy it through the flash-sale purchase route with `itemId`. */
export type LiveFlash = NonNullable<Detail['flash']>;
export type LiveDetail = Detail;

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

/** `reminded`: 「我的预约」, only the sessions the signed-in user asked to be reminded of. */
export function useLiveList(tab: LiveTab, limit = 10, reminded = false) {
  return useInfiniteQuery({
    queryKey: [...liveKeys.list(tab), limit, reminded],
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/live/sessions', {
          params: {
            query: {
              tab,
              limit,
              ...(reminded ? { reminded: 'true' as const } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Viewer counts move; the list is refreshed while it is on screen.
    refetchInterval: tab === 'live' ? 15_000 : false,
  });
}

const fetchLiveSession = async (id: string): Promise<LiveDetail> =>
  must(api.GET('/api/v1/live/sessions/{id}', path(id)));

export function useLiveSession(id: string) {
  return useQuery({ queryKey: liveKeys.session(id), queryFn: () => fetchLiveSession(id), staleTime: 0 });
}

export function useReminder(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) =>
      must(
        on
          ? api.POST('/api/v1/live/sessions/{id}/reminder', path(id))
          : api.DELETE('/api/v1/live/sessions/{id}/reminder', path(id)),
      ),
    onSuccess: (_data, on) => {
      qc.setQueryData<LiveDetail>(liveKeys.session(id), (old) =>
        old && old.reminded !== on
          ? { ...old, reminded: on, remindersCount: Math.max(0, old.remindersCount + (on ? 1 : -1)) }
          : old,
      );
      void qc.invalidateQueries({ queryKey: liveKeys.session(id) });
      void qc.invalidateQueries({ queryKey: liveKeys.list('upcoming') });
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

/**
 * Pays a checkout in the sandbox channel from inside the room (the cashier page does the same two steps). Named
 * explicitly: with real providers listed first the default would be one that needs its own pay page.
 */
export async function payInSandbox(checkoutId: string, idempotencyKey: string) {
  const payment = await must(
    api.POST('/api/v1/payments', {
      body: { checkoutId, method: 'sandbox' },
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  );
  return must(
    api.POST('/api/v1/sandbox/pay/{id}', {
      params: { path: { id: payment.paymentId } },
      body: { outcome: 'succeeded' },
    }),
  );
}
