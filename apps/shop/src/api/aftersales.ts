import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type BodyOf, type GetOk, must } from './client.ts';

export type AfterSale = GetOk<'/api/v1/after-sales'>['items'][number];
export type AfterSaleDetail = GetOk<'/api/v1/after-sales/{id}'>;
export type AfterSaleInput = BodyOf<'/api/v1/after-sales', 'post'>;
export type AfterSaleType = AfterSaleInput['type'];
export type AfterSaleReason = AfterSaleInput['reasonCode'];

export const afterSaleKeys = {
  list: ['after-sales', 'list'] as const,
  detail: (id: string) => ['after-sales', 'detail', id] as const,
};

/** Statuses in which the request is still being handled. */
export const OPEN_AFTER_SALE = new Set<AfterSale['status']>([
  'requested',
  'escalated',
  'awaiting_return',
  'return_shipped',
  'refunding',
  'awaiting_replacement',
  'replacement_shipped',
]);

export function useAfterSales() {
  return useInfiniteQuery({
    queryKey: afterSaleKeys.list,
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/after-sales', {
          params: { query: { limit: 10, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useAfterSale(id: string) {
  return useQuery({
    queryKey: afterSaleKeys.detail(id),
    queryFn: () => must(api.GET('/api/v1/after-sales/{id}', { params: { path: { id } } })),
  });
}
