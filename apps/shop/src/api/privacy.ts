import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, must } from './client.ts';

const centreKey = ['privacy'] as const;
type Purpose = 'marketing' | 'personalisation' | 'location' | 'analytics';

/** 隐私中心: policy version, consent switches and any cancellation in progress. */
export function usePrivacyCentre() {
  const qc = useQueryClient();
  const query = useQuery({ queryKey: centreKey, queryFn: () => must(api.GET('/api/v1/me/privacy')) });
  const refresh = () => qc.invalidateQueries({ queryKey: centreKey });
  const setConsent = useMutation({
    mutationFn: (v: { purpose: Purpose; granted: boolean }) =>
      must(
        api.PUT('/api/v1/me/privacy/consents/{purpose}', {
          params: { path: { purpose: v.purpose } },
          body: { granted: v.granted },
        }),
      ),
    onSuccess: async (data) => {
      qc.setQueryData(centreKey, data);
      // The same switches drive the feed and the 营销消息 setting.
      await qc.invalidateQueries({ queryKey: ['discovery'] });
      await qc.invalidateQueries({ queryKey: ['marketing-messages'] });
    },
  });
  const acceptPolicy = useMutation({
    mutationFn: (version: string) => must(api.POST('/api/v1/me/privacy/policy-consent', { body: { version } })),
    onSuccess: refresh,
  });
  const cancelAccount = useMutation({
    mutationFn: () => must(api.POST('/api/v1/me/privacy/cancellation', { body: { confirm: true } })),
    onSuccess: refresh,
  });
  const revokeCancellation = useMutation({
    mutationFn: () => must(api.DELETE('/api/v1/me/privacy/cancellation')),
    onSuccess: refresh,
  });
  const deleteData = useMutation({
    mutationFn: (kind: 'behaviour' | 'interest-tags') =>
      must(api.DELETE('/api/v1/me/privacy/data/{kind}', { params: { path: { kind } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['discovery'] }),
  });
  return { query, setConsent, acceptPolicy, cancelAccount, revokeCancellation, deleteData };
}

/** 下载我的数据: the requests, polled while one is being built. */
export function useDataExports() {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: ['privacy-exports'],
    queryFn: () => must(api.GET('/api/v1/me/privacy/exports')),
    refetchInterval: (q) => (q.state.data?.items.some((e) => e.status === 'pending') ? 2000 : false),
  });
  const request = useMutation({
    mutationFn: () => must(api.POST('/api/v1/me/privacy/exports')),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['privacy-exports'] }),
  });
  return { query, request };
}

export const useDataInventory = (enabled: boolean) =>
  useQuery({
    queryKey: ['privacy-inventory'],
    queryFn: () => must(api.GET('/api/v1/privacy/inventory')),
    enabled,
    staleTime: 600_000,
  });

/** What 我的 should point out: an account cancellation in progress, or a policy that changed since it was accepted. */
export function usePrivacyNotice(signedIn: boolean): 'cancellation' | 'policy' | null {
  const query = useQuery({
    queryKey: centreKey,
    queryFn: () => must(api.GET('/api/v1/me/privacy')),
    enabled: signedIn,
  });
  const centre = query.data;
  if (!signedIn || !centre) return null;
  if (centre.cancellation) return 'cancellation';
  return centre.policy.accepted && centre.policy.needsConsent ? 'policy' : null;
}
