import { api, type GetOk, must } from '../../../api/client.ts';

export type GroupBuyCampaign = GetOk<'/api/v1/merchant/group-buy/campaigns'>['items'][number];
export type BargainCampaign = GetOk<'/api/v1/merchant/bargain/campaigns'>['items'][number];
export type StaffGroup = GetOk<'/api/v1/merchant/group-buy/campaigns/{id}/groups'>['items'][number];
export type GroupStatus = StaffGroup['status'];

export const campaignKeys = {
  groupBuys: (scope: string) => ['campaigns', 'group-buy', scope] as const,
  bargains: (scope: string) => ['campaigns', 'bargain', scope] as const,
  groups: (campaignId: string, status: string) => ['campaigns', 'group-buy', 'groups', campaignId, status] as const,
};

export const fetchGroupBuys = (cursor: string | undefined) =>
  must(
    api.GET('/api/v1/merchant/group-buy/campaigns', {
      params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } },
    }),
  );
export const fetchBargains = (cursor: string | undefined) =>
  must(
    api.GET('/api/v1/merchant/bargain/campaigns', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } }),
  );
export const fetchGroups = (campaignId: string, status: GroupStatus | undefined, cursor: string | undefined) =>
  must(
    api.GET('/api/v1/merchant/group-buy/campaigns/{id}/groups', {
      params: {
        path: { id: campaignId },
        query: { limit: 20, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) },
      },
    }),
  );

export const GROUP_STATUS: Record<
  GroupStatus,
  { label: '待团长付款' | '拼团中' | '已成团' | '未成团（已退款）' | '团长未付款'; color: string }
> = {
  pending: { label: '待团长付款', color: 'default' },
  open: { label: '拼团中', color: 'processing' },
  succeeded: { label: '已成团', color: 'success' },
  failed: { label: '未成团（已退款）', color: 'error' },
  abandoned: { label: '团长未付款', color: 'default' },
};
