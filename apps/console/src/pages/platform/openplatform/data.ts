import { useQuery } from '@tanstack/react-query';
import { api, type GetOk, must } from '../../../api/client.ts';

export type PlatformKey = GetOk<'/api/v1/admin/open-platform/keys'>['items'][number];
export const PLATFORM_KEYS_QUERY = ['platform', 'open-platform', 'keys'] as const;

/** Platform scopes, the staff permission each needs and whether this staff member may grant it. */
export function usePlatformDocs() {
  return useQuery({
    queryKey: ['platform', 'open-platform', 'docs'],
    queryFn: () => must(api.GET('/api/v1/admin/open-platform/docs')),
    staleTime: 10 * 60_000,
  });
}
