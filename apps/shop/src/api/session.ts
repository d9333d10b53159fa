import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, type GetOk, isApiStatus, must } from './client.ts';

declare module '@tanstack/react-query' {
  interface Register {
    // quiet: the mutation shows its own error, the global Toast stays silent.
    mutationMeta: { quiet?: boolean };
  }
}

export type Me = GetOk<'/api/v1/me'>;

export const meKey = ['me'] as const;

/** The signed-in shopper, null when signed out (a 401 is an answer here, not an error). */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await must(api.GET('/api/v1/me'));
      } catch (err) {
        if (isApiStatus(err, 401)) return null;
        throw err;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** After login or logout every cached answer may belong to someone else: start over. */
export function useResetSession() {
  const qc = useQueryClient();
  return useCallback(async () => {
    qc.removeQueries();
    await qc.refetchQueries({ queryKey: meKey });
  }, [qc]);
}
