import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type GetOk, must } from './client.ts';

export type CommunityCard = GetOk<'/api/v1/communities'>['items'][number];
export type CommunityDetail = GetOk<'/api/v1/communities/{id}'>;
export type ChatMessage = GetOk<'/api/v1/community-groups/{groupId}/messages'>['items'][number];

export const ADMISSION_LABEL = {
  open: '直接加入',
  application: '申请加入',
  tier: '会员等级可加入',
  purchase: '下单用户可加入',
} as const;
export const TIER_LABEL = { regular: '普通', vip: 'VIP', core: '核心粉丝' } as const;

const path = (id: string) => ({ params: { path: { id } } });

export function useDiscoverCommunities() {
  return useInfiniteQuery({
    queryKey: ['communities', 'discover'],
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/communities', {
          params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useMyCommunities(enabled = true) {
  return useQuery({
    queryKey: ['communities', 'mine'],
    queryFn: async () => (await must(api.GET('/api/v1/me/communities'))).items,
    enabled,
  });
}

export function useCommunity(id: string) {
  return useQuery({
    queryKey: ['communities', id],
    queryFn: () => must(api.GET('/api/v1/communities/{id}', path(id))),
  });
}

export function useAnnouncements(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['communities', id, 'announcements'],
    queryFn: () =>
      must(api.GET('/api/v1/communities/{id}/announcements', { params: { path: { id }, query: { limit: 20 } } })),
    enabled,
  });
}

export function useMeetups(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['communities', id, 'meetups'],
    queryFn: async () => (await must(api.GET('/api/v1/communities/{id}/meetups', path(id)))).items,
    enabled,
  });
}

/** Chat history, newest first per page; the page shows it oldest first. */
export function useChatHistory(groupId: string | undefined) {
  return useInfiniteQuery({
    queryKey: ['community-chat', groupId],
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/community-groups/{groupId}/messages', {
          params: { path: { groupId: groupId! }, query: { limit: 30, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!groupId,
  });
}

export function useCommunityActions(id: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['communities'] });
  return {
    join: useMutation({
      mutationFn: (message?: string) =>
        must(api.POST('/api/v1/communities/{id}/join', { ...path(id), body: message ? { message } : {} })),
      onSuccess: refresh,
    }),
    leave: useMutation({
      mutationFn: () => must(api.POST('/api/v1/communities/{id}/leave', path(id))),
      onSuccess: refresh,
    }),
    signUp: useMutation({
      mutationFn: (meetupId: string) => must(api.POST('/api/v1/community-meetups/{id}/signup', path(meetupId))),
      onSuccess: () => qc.invalidateQueries({ queryKey: ['communities', id, 'meetups'] }),
    }),
    cancelSignUp: useMutation({
      mutationFn: (meetupId: string) => must(api.DELETE('/api/v1/community-meetups/{id}/signup', path(meetupId))),
      onSuccess: () => qc.invalidateQueries({ queryKey: ['communities', id, 'meetups'] }),
    }),
    ask: useMutation({
      mutationFn: (question: string) =>
        must(api.POST('/api/v1/communities/{id}/service-requests', { ...path(id), body: { question } })),
    }),
  };
}

export function useInbox() {
  return useInfiniteQuery({
    queryKey: ['community-inbox'],
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/me/community-inbox', {
          params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useMarketingConsent() {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: ['marketing-consent'],
    queryFn: () => must(api.GET('/api/v1/me/marketing-consent')),
  });
  const update = useMutation({
    mutationFn: (consented: boolean) => must(api.PUT('/api/v1/me/marketing-consent', { body: { consented } })),
    onSuccess: (data) => qc.setQueryData(['marketing-consent'], data),
  });
  return { query, update };
}

export const readInboxMessage = (id: string) => must(api.POST('/api/v1/me/community-inbox/{id}/read', path(id)));
export const clickProductCard = (messageId: string) =>
  must(api.POST('/api/v1/community-messages/{id}/click', path(messageId)));
export const markChatRead = (groupId: string, messageId: string) =>
  must(api.POST('/api/v1/community-groups/{groupId}/read', { params: { path: { groupId } }, body: { messageId } }));
export const sendChatOverHttp = (
  groupId: string,
  body:
    { kind: 'text'; text: string } | { kind: 'image'; imageUrls: string[] } | { kind: 'product'; productId: string },
) => must(api.POST('/api/v1/community-groups/{groupId}/messages', { params: { path: { groupId } }, body }));
