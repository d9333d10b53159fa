import { useQuery } from '@tanstack/react-query';
import { api, type BodyOf, type GetOk, must } from '../../api/client.ts';

export type Audience = 'platform' | 'merchant';
export type Realtime = GetOk<'/api/v1/platform/insights/realtime'>;
export type FunnelBody = BodyOf<'/api/v1/platform/insights/funnel', 'post'>;

/** The 大屏's snapshot, polled every few seconds so the numbers move without a reload. */
export function useRealtime(audience: Audience, intervalMs = 3000) {
  return useQuery({
    queryKey: ['insights', audience, 'realtime'],
    queryFn: () =>
      audience === 'platform'
        ? must(api.GET('/api/v1/platform/insights/realtime'))
        : must(api.GET('/api/v1/merchant/insights/realtime')),
    refetchInterval: intervalMs,
    refetchIntervalInBackground: false,
  });
}

export function useFunnel(audience: Audience, body: FunnelBody | null) {
  return useQuery({
    queryKey: ['insights', audience, 'funnel', body],
    enabled: body != null,
    queryFn: () =>
      audience === 'platform'
        ? must(api.POST('/api/v1/platform/insights/funnel', { body: body! }))
        : must(api.POST('/api/v1/merchant/insights/funnel', { body: body! })),
  });
}

interface Period {
  from: string;
  to: string;
}

export function useRetention(
  audience: Audience,
  q: Period & { cohort: 'signup' | 'first_purchase'; granularity: 'day' | 'week'; returnOn: 'active' | 'pay' },
) {
  return useQuery({
    queryKey: ['insights', audience, 'retention', q],
    queryFn: () =>
      audience === 'platform'
        ? must(api.GET('/api/v1/platform/insights/retention', { params: { query: q } }))
        : must(api.GET('/api/v1/merchant/insights/retention', { params: { query: q } })),
  });
}

export function useRepurchase(audience: Audience, q: Period) {
  return useQuery({
    queryKey: ['insights', audience, 'repurchase', q],
    queryFn: () =>
      audience === 'platform'
        ? must(api.GET('/api/v1/platform/insights/repurchase', { params: { query: q } }))
        : must(api.GET('/api/v1/merchant/insights/repurchase', { params: { query: q } })),
  });
}

export function useRfm(audience: Audience, q: Period) {
  return useQuery({
    queryKey: ['insights', audience, 'rfm', q],
    queryFn: () =>
      audience === 'platform'
        ? must(api.GET('/api/v1/platform/insights/rfm', { params: { query: q } }))
        : must(api.GET('/api/v1/merchant/insights/rfm', { params: { query: q } })),
  });
}

/** Beijing `YYYY-MM-DD` of now minus `days`. */
export const beijingDay = (daysAgo = 0): string =>
  new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);

export const pct = (r: number | null | undefined): string => (r == null ? '—' : `${(r * 100).toFixed(1)}%`);

export const CHANNEL_LABEL: Record<string, string> = {
  post: '笔记',
  live: '直播',
  community: '社群',
  share: '分享',
  affiliate: '推广',
  search: '搜索',
  direct: '直接访问',
};
