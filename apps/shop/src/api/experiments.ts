import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { deviceId, trackExposure } from '../lib/track.ts';
import { api, must } from './client.ts';

/** The variants this shopper is in (by account when signed in, else by this device); stable across visits. */
function useAssignments() {
  return useQuery({
    queryKey: ['experiments', 'assignments'],
    queryFn: () => must(api.GET('/api/v1/experiments/assignments', { params: { query: { deviceId: deviceId() } } })),
    staleTime: 5 * 60_000,
    retry: 1,
  });
}

/**
 * The variant of one experiment for this shopper: `undefined` while asking, `null` when not in it (or the
 * server is unreachable — the shop then shows what it always showed). Exposure is NOT logged here.
 */
export function useVariant(experiment: string): string | null | undefined {
  const q = useAssignments();
  if (q.isPending) return undefined;
  return q.data?.items.find((a) => a.experiment === experiment)?.variant ?? null;
}

/** Logs the exposure once the variant's element is actually on screen (call from the component that renders it). */
export function useExposure(experiment: string, variant: string | null | undefined, shown: boolean): void {
  useEffect(() => {
    if (variant && shown) trackExposure(experiment, variant);
  }, [experiment, variant, shown]);
}
