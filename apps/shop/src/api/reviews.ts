import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type GetOk, must, type QueryOf } from './client.ts';

type ReviewPage = GetOk<'/api/v1/products/{id}/reviews'>;
export type Review = ReviewPage['items'][number];
export type ReviewFilter = NonNullable<QueryOf<'/api/v1/products/{id}/reviews'>['filter']>;

export function useReviewSummary(productId: string) {
  return useQuery({
    queryKey: ['reviews', productId, 'summary'],
    queryFn: () => must(api.GET('/api/v1/products/{id}/reviews/summary', { params: { path: { id: productId } } })),
  });
}

export function useProductReviews(productId: string, filter: ReviewFilter, limit = 10) {
  return useInfiniteQuery({
    queryKey: ['reviews', productId, 'list', filter, limit],
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/products/{id}/reviews', {
          params: { path: { id: productId }, query: { filter, limit, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
