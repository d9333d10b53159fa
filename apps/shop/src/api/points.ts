import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type GetOk, must, newIdempotencyKey } from './client.ts';

export type MyPoints = GetOk<'/api/v1/points/me'>;
export type MallItem = GetOk<'/api/v1/points/mall'>['items'][number];
export type CharityProject = GetOk<'/api/v1/charity/projects'>['items'][number];
export type Membership = GetOk<'/api/v1/membership/me'>;

const pointsKeys = {
  all: ['points'] as const,
  me: ['points', 'me'] as const,
  history: ['points', 'history'] as const,
  mall: ['points', 'mall'] as const,
  redemptions: ['points', 'redemptions'] as const,
  charity: ['charity'] as const,
  ledger: (id: string) => ['charity', 'ledger', id] as const,
  membership: ['membership'] as const,
};

export const useMyPoints = (enabled = true) =>
  useQuery({ queryKey: pointsKeys.me, queryFn: () => must(api.GET('/api/v1/points/me')), enabled });

export const usePointsHistory = () =>
  useInfiniteQuery({
    queryKey: pointsKeys.history,
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/points/history', {
          params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** Anything that moves points changes the balance, the history and (for quotes) the checkout. */
function useRefreshPoints() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: pointsKeys.all });
    void qc.invalidateQueries({ queryKey: pointsKeys.charity });
  };
}

export function useSignIn() {
  const refresh = useRefreshPoints();
  return useMutation({
    meta: { quiet: true },
    mutationFn: () => must(api.POST('/api/v1/points/sign-in')),
    onSettled: refresh,
  });
}

export const useMall = () =>
  useQuery({ queryKey: pointsKeys.mall, queryFn: () => must(api.GET('/api/v1/points/mall')) });

export function useRedeem() {
  const refresh = useRefreshPoints();
  return useMutation({
    meta: { quiet: true },
    mutationFn: (input: { itemId: string; addressId?: string }) =>
      must(
        api.POST('/api/v1/points/mall/{id}/redeem', {
          params: { path: { id: input.itemId }, header: { 'idempotency-key': newIdempotencyKey() } },
          body: input.addressId ? { addressId: input.addressId } : {},
        }),
      ),
    onSettled: refresh,
  });
}

export const useMyRedemptions = () =>
  useInfiniteQuery({
    queryKey: pointsKeys.redemptions,
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/points/redemptions', {
          params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export function usePreviewGift() {
  return useMutation({
    meta: { quiet: true },
    mutationFn: (phone: string) => must(api.POST('/api/v1/points/gifts/preview', { body: { phone } })),
  });
}

export function useSendGift() {
  const refresh = useRefreshPoints();
  return useMutation({
    meta: { quiet: true },
    mutationFn: (input: { phone: string; points: number; message?: string }) =>
      must(
        api.POST('/api/v1/points/gifts', {
          params: { header: { 'idempotency-key': newIdempotencyKey() } },
          body: input,
        }),
      ),
    onSettled: refresh,
  });
}

export const useCharityProjects = () =>
  useQuery({ queryKey: pointsKeys.charity, queryFn: () => must(api.GET('/api/v1/charity/projects')) });

export const useCharityLedger = (id: string) =>
  useInfiniteQuery({
    queryKey: pointsKeys.ledger(id),
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/charity/projects/{id}/donations', {
          params: { path: { id }, query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export function useDonate() {
  const refresh = useRefreshPoints();
  return useMutation({
    meta: { quiet: true },
    mutationFn: (input: { projectId: string; points: number }) =>
      must(
        api.POST('/api/v1/charity/projects/{id}/donations', {
          params: { path: { id: input.projectId }, header: { 'idempotency-key': newIdempotencyKey() } },
          body: { points: input.points },
        }),
      ),
    onSettled: refresh,
  });
}

export const useMembership = () =>
  useQuery({ queryKey: pointsKeys.membership, queryFn: () => must(api.GET('/api/v1/membership/me')) });

export function useSetBirthday() {
  const qc = useQueryClient();
  return useMutation({
    meta: { quiet: true },
    mutationFn: (input: { month: number; day: number }) =>
      must(api.PUT('/api/v1/membership/me/birthday', { body: input })),
    onSuccess: (data) => qc.setQueryData(pointsKeys.membership, data),
  });
}

export function useSetTrials() {
  const qc = useQueryClient();
  return useMutation({
    meta: { quiet: true },
    mutationFn: (optIn: boolean) => must(api.PUT('/api/v1/membership/me/trials', { body: { optIn } })),
    onSuccess: (data) => qc.setQueryData(pointsKeys.membership, data),
  });
}
