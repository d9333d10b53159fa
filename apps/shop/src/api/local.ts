import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type GetOk, must } from './client.ts';

export type NearbyStore = GetOk<'/api/v1/local/nearby'>['items'][number];
export type MyVoucher = GetOk<'/api/v1/me/local/vouchers'>['items'][number];

export interface Spot {
  lat: number;
  lng: number;
  /** How the shopper gave it: the device's position, or typed / picked by hand. */
  source: 'device' | 'manual';
  label: string;
}

const SPOT_KEY = 'haowu.shop.location';

/** The last location the shopper gave, kept on this device only (the server never stores it). */
export function savedSpot(): Spot | null {
  try {
    const raw = localStorage.getItem(SPOT_KEY);
    return raw ? (JSON.parse(raw) as Spot) : null;
  } catch {
    return null;
  }
}
export const saveSpot = (s: Spot | null) =>
  s ? localStorage.setItem(SPOT_KEY, JSON.stringify(s)) : localStorage.removeItem(SPOT_KEY);

export const useNearby = (spot: Spot | null) =>
  useQuery({
    queryKey: ['local', 'nearby', spot?.lat, spot?.lng],
    queryFn: () => must(api.GET('/api/v1/local/nearby', { params: { query: { lat: spot!.lat, lng: spot!.lng } } })),
    enabled: spot !== null,
  });

export const useLocalOffer = (id: string) =>
  useQuery({
    queryKey: ['local', 'offer', id],
    queryFn: () => must(api.GET('/api/v1/local/offers/{id}', { params: { path: { id } } })),
  });

export const useOrderVouchers = (orderId: string, enabled: boolean) =>
  useQuery({
    queryKey: ['local', 'vouchers', orderId],
    queryFn: () => must(api.GET('/api/v1/me/local/vouchers', { params: { query: { orderId } } })),
    enabled,
  });

export function useBuyVoucher(offerId: string) {
  const qc = useQueryClient();
  return useMutation({
    meta: { quiet: true },
    mutationFn: ({ expectedAmount, key }: { expectedAmount: number; key: string }) =>
      must(
        api.POST('/api/v1/local/offers/{id}/orders', {
          params: { path: { id: offerId }, header: { 'idempotency-key': key } },
          body: { expectedAmount },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['orders'] }),
  });
}
