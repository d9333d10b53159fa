import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type GetOk, must, newIdempotencyKey } from './client.ts';

export type Invitee = GetOk<'/api/v1/me/invitees'>['items'][number];
export type Commission = GetOk<'/api/v1/me/commissions'>['items'][number];
export type Withdrawal = GetOk<'/api/v1/me/withdrawals'>['items'][number];

const page = (cursor: string) => (cursor ? { cursor } : {});

export const useMyInvitation = () =>
  useQuery({ queryKey: ['invitation'], queryFn: () => must(api.GET('/api/v1/me/invitation')) });

export const useMyInvitees = () =>
  useInfiniteQuery({
    queryKey: ['invitation', 'invitees'],
    queryFn: ({ pageParam }) =>
      must(api.GET('/api/v1/me/invitees', { params: { query: { limit: 20, ...page(pageParam) } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useEarnings = () =>
  useQuery({ queryKey: ['earnings'], queryFn: () => must(api.GET('/api/v1/me/earnings')) });

export const useCommissions = () =>
  useInfiniteQuery({
    queryKey: ['earnings', 'commissions'],
    queryFn: ({ pageParam }) =>
      must(api.GET('/api/v1/me/commissions', { params: { query: { limit: 20, ...page(pageParam) } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useMyLinks = () =>
  useInfiniteQuery({
    queryKey: ['earnings', 'links'],
    queryFn: ({ pageParam }) =>
      must(api.GET('/api/v1/me/affiliate-links', { params: { query: { limit: 20, ...page(pageParam) } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useWithdrawals = () =>
  useInfiniteQuery({
    queryKey: ['earnings', 'withdrawals'],
    queryFn: ({ pageParam }) =>
      must(api.GET('/api/v1/me/withdrawals', { params: { query: { limit: 20, ...page(pageParam) } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const usePayoutAccount = () =>
  useQuery({ queryKey: ['earnings', 'payout-account'], queryFn: () => must(api.GET('/api/v1/me/payout-account')) });

export function useSetPayoutAccount() {
  const qc = useQueryClient();
  return useMutation({
    meta: { quiet: true },
    mutationFn: (body: { holderName: string; accountNo: string }) =>
      must(api.PUT('/api/v1/me/payout-account', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['earnings', 'payout-account'] }),
  });
}

/** One key per withdrawal form, so a double tap or a retry after a dropped connection withdraws once. */
export function useWithdraw() {
  const qc = useQueryClient();
  return useMutation({
    meta: { quiet: true },
    mutationFn: (input: { amount: number; key: string }) =>
      must(
        api.POST('/api/v1/me/withdrawals', {
          body: { amount: input.amount },
          headers: { 'Idempotency-Key': input.key },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['earnings'] }),
  });
}
export { newIdempotencyKey };

export function useCreateAffiliateLink() {
  return useMutation({
    meta: { quiet: true },
    mutationFn: (productId: string) => must(api.POST('/api/v1/affiliate-links', { body: { productId } })),
  });
}

export function useBindInvitation() {
  const qc = useQueryClient();
  return useMutation({
    meta: { quiet: true },
    mutationFn: (code: string) => must(api.POST('/api/v1/me/invitation/bind', { body: { code } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['invitation'] }),
  });
}

/** An absolute link to share: the server returns paths. */
export const absoluteUrl = (path: string): string => `${window.location.origin}${path}`;

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function useRecordAffiliateTouch() {
  return useMutation({
    meta: { quiet: true },
    mutationFn: (input: { productId: string; code: string }) =>
      must(
        api.POST('/api/v1/attribution/touches', {
          body: { kind: 'affiliate', productId: input.productId, affiliateCode: input.code },
        }),
      ),
  });
}
