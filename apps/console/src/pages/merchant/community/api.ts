import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type GetOk, must } from '../../../api/client.ts';
import { useMerchantId } from '../../../app/merchantScope.ts';

export type MerchantCommunity = GetOk<'/api/v1/merchant/communities'>['items'][number];
export type ScrmMember = GetOk<'/api/v1/communities/{id}/scrm/members'>['items'][number];
export type Tier = ScrmMember['tier'];

export const TIER_LABEL = { regular: '普通', vip: 'VIP', core: '核心粉丝' } as const satisfies Record<Tier, string>;
export const ROLE_LABEL = { member: '成员', moderator: '版主', admin: '管理员' } as const satisfies Record<
  ScrmMember['role'],
  string
>;
export const ADMISSION_LABEL = {
  open: '直接加入',
  application: '申请审核',
  tier: '按会员等级',
  purchase: '下单用户',
} as const satisfies Record<MerchantCommunity['admission'], string>;
export const TIMELINE_LABEL = {
  joined: '加入',
  left: '退出',
  read: '阅读',
  clicked: '点击',
  bought: '购买',
  asked: '咨询',
} as const;

export function useMerchantCommunities() {
  const merchantId = useMerchantId();
  return useQuery({
    queryKey: ['merchant', merchantId, 'communities'],
    queryFn: async () => (await must(api.GET('/api/v1/merchant/communities'))).items,
  });
}

export function usePushCalendar(id: string) {
  return useQuery({
    queryKey: ['community', id, 'calendar'],
    queryFn: () => must(api.GET('/api/v1/communities/{id}/push-calendar', { params: { path: { id } } })),
  });
}

export function useMemberProfile(id: string, userId: string | undefined) {
  return useQuery({
    queryKey: ['community', id, 'member', userId],
    queryFn: () =>
      must(
        api.GET('/api/v1/communities/{id}/scrm/members/{userId}', {
          params: { path: { id, userId: userId! }, query: { limit: 50 } },
        }),
      ),
    enabled: !!userId,
  });
}

/** Invalidates everything shown about one community after a change. */
export function useCommunityRefresh(id: string) {
  const qc = useQueryClient();
  const merchantId = useMerchantId();
  return () => {
    void qc.invalidateQueries({ queryKey: ['community', id] });
    void qc.invalidateQueries({ queryKey: ['merchant', merchantId, 'communities'] });
  };
}

export function useUpdateMember(id: string) {
  const refresh = useCommunityRefresh(id);
  return useMutation({
    mutationFn: (v: { userId: string; tier?: Tier; role?: ScrmMember['role'] }) =>
      must(
        api.PATCH('/api/v1/communities/{id}/members/{userId}', {
          params: { path: { id, userId: v.userId } },
          body: { tier: v.tier, role: v.role },
        }),
      ),
    onSuccess: refresh,
  });
}
