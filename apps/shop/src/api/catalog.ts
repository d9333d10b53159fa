import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type GetOk, must, type QueryOf } from './client.ts';

export type ProductSearch = QueryOf<'/api/v1/products'>;
export type ProductSort = NonNullable<ProductSearch['sort']>;
export type ProductCardData = GetOk<'/api/v1/products'>['items'][number];
export type Product = GetOk<'/api/v1/products/{id}'>;
export type Sku = Product['skus'][number];

export function useCategories() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: async () => (await must(api.GET('/api/v1/categories'))).items,
    staleTime: 10 * 60_000,
  });
}

/** A product search as pages for InfiniteScroll; `query` without cursor. */
export function useProductSearch(query: Omit<ProductSearch, 'cursor'>, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['products', 'search', query],
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/products', { params: { query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } } }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useProduct(id: string) {
  return useQuery({
    queryKey: ['products', 'detail', id],
    queryFn: () => must(api.GET('/api/v1/products/{id}', { params: { path: { id } } })),
  });
}

export function useMerchant(id: string) {
  return useQuery({
    queryKey: ['merchants', id],
    queryFn: () => must(api.GET('/api/v1/merchants/{id}', { params: { path: { id } } })),
  });
}
