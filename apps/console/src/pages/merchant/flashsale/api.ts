import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, must, type BodyOf, type GetOk } from '../../../api/client.ts';

export type FlashSlot = GetOk<'/api/v1/merchant/flash-sales'>['slots'][number];
export type FlashSlotState = FlashSlot['state'];
export type FlashItem = FlashSlot['items'][number];
export type FlashMonitor = GetOk<'/api/v1/merchant/flash-sales/{saleId}'>;
export type CreateFlashSaleBody = BodyOf<'/api/v1/merchant/flash-sales', 'post'>;

export const flashKeys = {
  list: (merchantId: string) => ['merchant', merchantId, 'flash-sales'] as const,
  monitor: (merchantId: string, saleId: string) => ['merchant', merchantId, 'flash-sales', saleId] as const,
};

export function useFlashSales(merchantId: string) {
  return useQuery({
    queryKey: flashKeys.list(merchantId),
    queryFn: async () => (await must(api.GET('/api/v1/merchant/flash-sales'))).slots,
    // Sold counts move during a live slot; the list follows at a calm pace, the monitor page every 2 s.
    refetchInterval: (q) => (q.state.data?.some((s) => s.state === 'live') ? 10_000 : false),
  });
}

/** The live monitor: polled every 2 s while the slot runs (and once a minute before, to catch the start). */
export function useFlashMonitor(merchantId: string, saleId: string) {
  return useQuery({
    queryKey: flashKeys.monitor(merchantId, saleId),
    queryFn: () => must(api.GET('/api/v1/merchant/flash-sales/{saleId}', { params: { path: { saleId } } })),
    refetchInterval: (q) => {
      const s = q.state.data;
      if (!s) return false;
      if (s.state === 'live') return 2_000;
      if (s.state === 'upcoming') return Math.min(60_000, Math.max(1_000, Date.parse(s.startsAt) - Date.now()));
      return false;
    },
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  });
}

/** Listed products matching a keyword, for the SKU picker of the create form. */
export function useListedProducts(merchantId: string, keyword: string) {
  return useQuery({
    queryKey: ['merchant', merchantId, 'products', 'listed', 'picker', keyword],
    queryFn: async () =>
      (
        await must(
          api.GET('/api/v1/merchant/products', {
            params: { query: { status: 'listed', limit: 50, ...(keyword ? { keyword } : {}) } },
          }),
        )
      ).items,
    placeholderData: keepPreviousData,
  });
}

export function useMerchantProduct(merchantId: string, productId: string | undefined) {
  return useQuery({
    queryKey: ['merchant', merchantId, 'product', productId],
    queryFn: () => must(api.GET('/api/v1/merchant/products/{id}', { params: { path: { id: productId! } } })),
    enabled: Boolean(productId),
  });
}
