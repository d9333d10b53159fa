import { useQueries } from '@tanstack/react-query';
import { api, must } from '../api/client.ts';

/** Shop names for the merchant switcher, from each shop's public card; a shop without one shows its id. */
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
