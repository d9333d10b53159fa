import { useQuery } from '@tanstack/react-query';
import { api, type GetOk, must } from '../../../api/client.ts';

export type LocalStore = GetOk<'/api/v1/merchant/local/stores'>['items'][number];
export type LocalOffer = GetOk<'/api/v1/merchant/local/offers'>['items'][number];
export type Redemption = GetOk<'/api/v1/merchant/local/redemptions'>['items'][number];

export const localKeys = {
  stores: ['local', 'stores'] as const,
  offers: ['local', 'offers'] as const,
  redemptions: ['local', 'redemptions'] as const,
};

export const useStores = () =>
  useQuery({ queryKey: localKeys.stores, queryFn: () => must(api.GET('/api/v1/merchant/local/stores')) });
export const useOffers = () =>
  useQuery({ queryKey: localKeys.offers, queryFn: () => must(api.GET('/api/v1/merchant/local/offers')) });
export const useRedemptions = () =>
  useQuery({ queryKey: localKeys.redemptions, queryFn: () => must(api.GET('/api/v1/merchant/local/redemptions')) });
