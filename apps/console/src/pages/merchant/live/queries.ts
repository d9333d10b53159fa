import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { liveCall, liveKeys, livePaths } from './api.ts';
import {
  toControl,
  type LiveControlResponse,
  type LiveMetrics,
  type LiveQualification,
  type LiveReport,
  type LiveSessionRow,
} from './types.ts';

export interface SessionPage {
  items: LiveSessionRow[];
  nextCursor?: string | null;
}

/** Sessions of the caller's merchants and sessions where they hold a role, newest first. */
export function fetchSessions(cursor: string | undefined): Promise<SessionPage> {
  const q = new URLSearchParams({ limit: '20' });
  if (cursor) q.set('cursor', cursor);
  return liveCall<SessionPage>('GET', `${livePaths.sessions}?${q.toString()}`);
}

/** The control panel's state; the socket keeps it current, a slow refetch heals anything a dropped socket missed. */
export function useControl(sessionId: string) {
  return useQuery({
    queryKey: liveKeys.control(sessionId),
    queryFn: async () =>
      toControl(await liveCall<LiveControlResponse>('GET', `${livePaths.session(sessionId)}/control`)),
    refetchInterval: (q) => (q.state.data?.session.status === 'live' ? 15_000 : false),
    placeholderData: keepPreviousData,
  });
}

/** Dashboard figures; refetched every 10 s as the fallback to the socket's metrics frames. */
export function useDashboard(sessionId: string) {
  return useQuery({
    queryKey: liveKeys.dashboard(sessionId),
    queryFn: () => liveCall<LiveMetrics>('GET', `${livePaths.session(sessionId)}/dashboard`),
    refetchInterval: 10_000,
    refetchIntervalInBackground: false,
  });
}

export function useReport(sessionId: string) {
  return useQuery({
    queryKey: liveKeys.report(sessionId),
    queryFn: () => liveCall<LiveReport>('GET', `${livePaths.session(sessionId)}/report`),
  });
}

export function useQualification(merchantId: string) {
  return useQuery({
    queryKey: liveKeys.qualification(merchantId),
    queryFn: () => liveCall<LiveQualification>('GET', livePaths.qualification),
  });
}

/** The merchant's live sessions now on air (for the PK opponent picker). */
export function useLiveNow(enabled: boolean) {
  return useQuery({
    queryKey: ['live', 'public', 'live-now'],
    queryFn: () =>
      liveCall<{ items: { id: string; title: string; merchant?: { name: string } }[] }>(
        'GET',
        '/api/v1/live/sessions?tab=live',
      ),
    enabled,
  });
}
