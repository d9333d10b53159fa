import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { api, ApiError, getActingMerchant, must, setActingMerchant, type Me } from '../api/client.ts';

export const ME_KEY = ['me'] as const;

/** The signed-in user, or null when nobody is (a 401 is an answer here, not an error). */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await must(api.GET('/api/v1/me'));
      } catch (err) {
        if (err instanceof ApiError && err.problem.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export const isOperator = (me: Me | null | undefined): boolean => !!me?.roles.includes('operator');
export const isStaff = (me: Me | null | undefined): boolean => (me?.staff.length ?? 0) > 0;

// The acting merchant lives outside React (the API client reads it per request); components subscribe to changes.
const listeners = new Set<() => void>();
const subscribe = (fn: () => void) => {
  listeners.add(fn);
  return () => listeners.delete(fn);
};

/** The merchant a staff member acts for: their stored choice when still valid, else their first membership. */
export function useActingMerchant(me: Me | null | undefined): [string | undefined, (id: string) => void] {
  const stored = useSyncExternalStore(subscribe, getActingMerchant);
  const memberships = me?.staff ?? [];
  const current = memberships.some((s) => s.merchantId === stored) ? stored : memberships[0]?.merchantId;
  if (current !== stored) setActingMerchant(current);
  const qc = useQueryClient();
  const choose = useCallback(
    (id: string) => {
      setActingMerchant(id);
      listeners.forEach((fn) => fn());
      // Merchant pages key their queries by merchant id; drop the other merchant's cached pages.
      qc.removeQueries({ queryKey: ['merchant'] });
    },
    [qc],
  );
  return [current, choose];
}
