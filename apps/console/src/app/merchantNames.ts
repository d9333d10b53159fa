import { useQueries, useQuery } from '@tanstack/react-query';
import { api, must } from '../api/client.ts';

/** The profile of the shop being acted for (sent with its X-Merchant-Id): its name, and whether it is suspended. */
export function useOwnProfile(merchantId: string | undefined) {
  return useQuery({
    queryKey: ['merchant', merchantId, 'profile'],
    queryFn: () => must(api.GET('/api/v1/merchant/profile')),
    enabled: merchantId !== undefined,
    staleTime: 5 * 60_000,
  });
}

/**
 * Shop names for the merchant switcher, from each shop's public card. A suspended shop has no public card, so
 * it shows its id unless it is the one being acted for (whose name comes from its profile).
 */
export function useMerchantNames(ids: string[]): Map<string, string> {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['merchant-card', id],
      queryFn: () => must(api.GET('/api/v1/merchants/{id}', { params: { path: { id } } })),
      staleTime: 10 * 60_000,
      retry: false,
    })),
  });
  const names = new Map<string, string>();
  results.forEach((r, i) => {
    if (r.data) names.set(ids[i]!, r.data.name);
  });
  return names;
}
