import { useQuery } from '@tanstack/react-query';
import { api, type BodyOf, type GetOk, must } from './client.ts';

export type Address = GetOk<'/api/v1/me/addresses'>['items'][number];
export type AddressInput = BodyOf<'/api/v1/me/addresses', 'post'>;

export const addressesKey = ['me', 'addresses'] as const;

export function useAddresses(enabled = true) {
  return useQuery({
    queryKey: addressesKey,
    queryFn: async () => (await must(api.GET('/api/v1/me/addresses'))).items,
    enabled,
  });
}

export const formatAddress = (a: Pick<Address, 'province' | 'city' | 'district' | 'detail'>): string =>
  // Municipalities repeat themselves (北京市 北京市): say it once.
  [a.province, a.city === a.province ? '' : a.city, a.district, a.detail].filter(Boolean).join(' ');
