import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { api, type GetOk, must } from './client.ts';
import { useMe } from './session.ts';
import { readJson, writeJson } from '../lib/storage.ts';

export type CareMode = GetOk<'/api/v1/me/care-mode'>;
type CareModeInput = { enabled: boolean; voicePrices: boolean };

export const careModeKey = ['care-mode'] as const;
const CACHE_KEY = 'haowu.shop.careMode';
const OFF: CareMode = { enabled: false, voicePrices: false, setBy: null };

/** The last known preference of the signed-in account, so the first paint is already large before the server answers. */
export function cachedCareMode(): CareMode {
  const c = readJson<Partial<CareMode> | null>(CACHE_KEY, null);
  return c && typeof c.enabled === 'boolean' ? { ...OFF, ...c } : OFF;
}

/** The root class every elder-mode style hangs off (styles/care-mode.css). */
export function applyCareMode(on: boolean): void {
  document.documentElement.classList.toggle('care-mode', on);
}

/** 关怀模式 follows the account: the server's preference, the local copy only until it arrives; off when signed out. */
export function useCareMode(): CareMode {
  const me = useMe();
  const signedIn = !!me.data;
  const query = useQuery({
    queryKey: careModeKey,
    queryFn: () => must(api.GET('/api/v1/me/care-mode')),
    enabled: signedIn,
    staleTime: 5 * 60_000,
  });
  if (me.isPending) return cachedCareMode();
  if (!signedIn) return OFF;
  return query.data ?? cachedCareMode();
}

/** Keeps the root class and the local copy in step with the account's preference (mounted once, at the root). */
export function useCareModeRoot(): void {
  // Signing in or out drops every cached query (useResetSession) and then navigates: re-rendering on navigation lets
  // this never-unmounted root pick up the new account's answers instead of watching the dropped ones.
  useLocation();
  const { enabled, voicePrices, setBy } = useCareMode();
  useEffect(() => {
    applyCareMode(enabled);
    writeJson(CACHE_KEY, { enabled, voicePrices, setBy });
  }, [enabled, voicePrices, setBy]);
}

export function useSetMyCareMode() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CareModeInput) => must(api.PUT('/api/v1/me/care-mode', { body })),
    onSuccess: (mode) => qc.setQueryData(careModeKey, mode),
  });
}

/** The family bindings still in force: the people whose 关怀模式 this account may switch. */
export function useActiveFamily() {
  return useQuery({
    queryKey: ['family', 'bindings'],
    queryFn: async () => (await must(api.GET('/api/v1/family/bindings'))).items.filter((b) => b.status === 'active'),
  });
}

const familyCareKey = (bindingId: string) => ['family', 'care-mode', bindingId] as const;

export function useFamilyCareMode(bindingId: string) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: familyCareKey(bindingId),
    queryFn: () => must(api.GET('/api/v1/family/bindings/{id}/care-mode', { params: { path: { id: bindingId } } })),
  });
  const update = useMutation({
    mutationFn: (body: CareModeInput) =>
      must(api.PUT('/api/v1/family/bindings/{id}/care-mode', { params: { path: { id: bindingId } }, body })),
    onSuccess: (mode) => qc.setQueryData(familyCareKey(bindingId), mode),
  });
  return { query, update };
}
