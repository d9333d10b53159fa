import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@haowu/api-types';
import { api, must } from './client.ts';

export type MemberDay = paths['/api/v1/member-day']['get']['responses'][200]['content']['application/json'];

const preferenceKey = ['marketing-messages'];

/** The 营销消息 switch: on unless the shopper turned it off; off means no marketing SMS at all. */
export function useMarketingMessages() {
  const qc = useQueryClient();
  const query = useQuery({ queryKey: preferenceKey, queryFn: () => must(api.GET('/api/v1/me/marketing-messages')) });
  const update = useMutation({
    mutationFn: (marketing: boolean) => must(api.PUT('/api/v1/me/marketing-messages', { body: { marketing } })),
    onSuccess: (data) => qc.setQueryData(preferenceKey, data),
  });
  return { query, update };
}

export const useMemberDay = () =>
  useQuery({ queryKey: ['member-day'], queryFn: () => must(api.GET('/api/v1/member-day')), staleTime: 600_000 });
