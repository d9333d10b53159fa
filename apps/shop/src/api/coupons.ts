import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type GetOk, must, newIdempotencyKey, type QueryOf } from './client.ts';

export type CenterCoupon = GetOk<'/api/v1/coupons/center'>['items'][number];
type MyCoupon = GetOk<'/api/v1/coupons/mine'>['items'][number];
export type MyCouponTab = MyCoupon['status'];
type CenterQuery = Omit<QueryOf<'/api/v1/coupons/center'>, 'limit' | 'cursor'>;

const couponKeys = {
  all: ['coupons'] as const,
  center: (q: CenterQuery) => ['coupons', 'center', q] as const,
  mine: (tab: MyCouponTab) => ['coupons', 'mine', tab] as const,
  pack: ['coupons', 'new-user-pack'] as const,
};

/** Coupons open for claiming, newest first; for a product only those that apply to it. */
export function useClaimCenter(q: CenterQuery = {}, enabled = true) {
  return useInfiniteQuery({
    queryKey: couponKeys.center(q),
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/coupons/center', {
          params: { query: { ...q, limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useMyCoupons(tab: MyCouponTab) {
  return useInfiniteQuery({
    queryKey: couponKeys.mine(tab),
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/coupons/mine', {
          params: { query: { tab, limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useNewUserPack(enabled: boolean) {
  return useQuery({
    queryKey: couponKeys.pack,
    queryFn: () => must(api.GET('/api/v1/coupons/new-user-pack')),
    enabled,
  });
}

/** Claiming changes the centre (counts), the wallet and the checkout quote: refresh them all. */
export function useClaimCoupon() {
  const qc = useQueryClient();
  return useMutation({
    meta: { quiet: true },
    mutationFn: (templateId: string) =>
      must(
        api.POST('/api/v1/coupons/center/{id}/claim', {
          params: { path: { id: templateId }, header: { 'idempotency-key': newIdempotencyKey() } },
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: couponKeys.all }),
  });
}

export function useClaimNewUserPack() {
  const qc = useQueryClient();
  return useMutation({
    meta: { quiet: true },
    mutationFn: () =>
      must(
        api.POST('/api/v1/coupons/new-user-pack', { params: { header: { 'idempotency-key': newIdempotencyKey() } } }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: couponKeys.all }),
  });
}
