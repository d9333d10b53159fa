import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

/** 我的评价: the buyer's own first reviews, newest first, each with where a hold and any appeal stand. */
export function useMyReviews() {
  return useInfiniteQuery({
    queryKey: ['me', 'reviews', 'pages'],
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/me/reviews', {
          params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export type MyReview = GetOk<'/api/v1/me/reviews/{id}'>;

export function useMyReview(id: string) {
  return useQuery({
    queryKey: ['me', 'reviews', 'one', id],
    queryFn: () => must(api.GET('/api/v1/me/reviews/{id}', { params: { path: { id } } })),
  });
}

/** The author's one appeal of a removed review; everything under ['me', 'reviews'] is refetched after it. */
export function useAppealReview(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      must(api.POST('/api/v1/reviews/{id}/appeal', { params: { path: { id } }, body: { reason } })),
    onSettled: () => qc.invalidateQueries({ queryKey: ['me', 'reviews'] }),
  });
}
