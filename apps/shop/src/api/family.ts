import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, type GetOk, must, newIdempotencyKey } from './client.ts';

export type FamilyBinding = GetOk<'/api/v1/family/bindings'>['items'][number];
export type PayRequest = GetOk<'/api/v1/family/pay-requests'>['mine'][number];
export type InviteInput = BodyOf<'/api/v1/family/bindings', 'post'>;
type BindingRules = BodyOf<'/api/v1/family/bindings/{id}', 'put'>;

export const familyKeys = {
  all: ['family'] as const,
  bindings: ['family', 'bindings'] as const,
  requests: ['family', 'requests'] as const,
  options: (checkoutId: string) => ['family', 'options', checkoutId] as const,
  link: (token: string) => ['family', 'link', token] as const,
};

export function useFamilyBindings(enabled = true) {
  return useQuery({
    queryKey: familyKeys.bindings,
    queryFn: async () => (await must(api.GET('/api/v1/family/bindings'))).items,
    staleTime: 0,
    enabled,
  });
}

export function usePayRequests(enabled = true) {
  return useQuery({
    queryKey: familyKeys.requests,
    queryFn: () => must(api.GET('/api/v1/family/pay-requests')),
    staleTime: 0,
    enabled,
  });
}

/** Every family mutation changes budgets and request lists on both sides: refresh them all. */
function useRefreshFamily() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: familyKeys.all });
}

export function useFamilyBindingActions() {
  const refresh = useRefreshFamily();
  const quiet = { meta: { quiet: true }, onSuccess: refresh };
  return {
    invite: useMutation({
      ...quiet,
      mutationFn: (body: InviteInput) => must(api.POST('/api/v1/family/bindings', { body })),
    }),
    update: useMutation({
      ...quiet,
      mutationFn: ({ id, ...body }: BindingRules & { id: string }) =>
        must(api.PUT('/api/v1/family/bindings/{id}', { params: { path: { id } }, body })),
    }),
    accept: useMutation({
      onSuccess: refresh,
      mutationFn: (id: string) => must(api.POST('/api/v1/family/bindings/{id}/accept', { params: { path: { id } } })),
    }),
    decline: useMutation({
      onSuccess: refresh,
      mutationFn: (id: string) => must(api.POST('/api/v1/family/bindings/{id}/decline', { params: { path: { id } } })),
    }),
    end: useMutation({
      onSuccess: refresh,
      mutationFn: (id: string) => must(api.POST('/api/v1/family/bindings/{id}/end', { params: { path: { id } } })),
    }),
  };
}

/** The parent's pay page: who could pay this checkout now, and the request already waiting for it. */
export function useFamilyPayOptions(checkoutId: string, enabled: boolean) {
  return useQuery({
    queryKey: familyKeys.options(checkoutId),
    queryFn: () => must(api.GET('/api/v1/family/checkouts/{id}/options', { params: { path: { id: checkoutId } } })),
    staleTime: 0,
    enabled,
    // A request waiting for someone else is paid elsewhere: look again now and then.
    refetchInterval: (q) => (q.state.data?.openRequest ? 5000 : false),
  });
}

export function useRequestPayment(checkoutId: string) {
  const refresh = useRefreshFamily();
  return useMutation({
    meta: { quiet: true },
    onSuccess: refresh,
    mutationFn: (input: { kind: 'family'; bindingId: string } | { kind: 'link' }) =>
      must(
        api.POST('/api/v1/family/pay-requests', {
          body: { checkoutId, ...input },
          headers: { 'Idempotency-Key': newIdempotencyKey() },
        }),
      ),
  });
}

export function useWithdrawRequest() {
  const refresh = useRefreshFamily();
  return useMutation({
    onSuccess: refresh,
    mutationFn: (id: string) =>
      must(api.POST('/api/v1/family/pay-requests/{id}/withdraw', { params: { path: { id } } })),
  });
}

/** A 代付 link (or a 亲情付 request: its view carries the same link) as the one asked to pay sees it. */
export function usePayLink(token: string) {
  return useQuery({
    queryKey: familyKeys.link(token),
    queryFn: () => must(api.GET('/api/v1/family/pay-links/{token}', { params: { path: { token } } })),
    staleTime: 0,
  });
}

export const tokenOf = (linkPath: string) => linkPath.split('/').pop() ?? '';

/**
 * Opens the payer's own payment of the requester's checkout: a 亲情付 request by id (the bound child), a 代付 link
 * by its token (anyone signed in). The same key on a retried tap opens the same payment.
 */
export function startFamilyPayment(request: PayRequest, method: string | undefined, idempotencyKey: string) {
  const body = method ? { method } : {};
  const headers = { 'Idempotency-Key': idempotencyKey };
  if (request.kind === 'family') {
    return must(
      api.POST('/api/v1/family/pay-requests/{id}/payment', { params: { path: { id: request.id } }, body, headers }),
    );
  }
  return must(
    api.POST('/api/v1/family/pay-links/{token}/payment', {
      params: { path: { token: tokenOf(request.linkPath) } },
      body,
      headers,
    }),
  );
}
