import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type GetOk, must, type QueryOf } from './client.ts';

export type FeedItem = GetOk<'/api/v1/discovery/feed'>['items'][number];

/** Everything that depends on the personalisation choice: refetched the moment it changes. */
const discoveryKey = ['discovery'] as const;

type FeedRanker = NonNullable<NonNullable<QueryOf<'/api/v1/discovery/feed'>>['ranker']>;
const FEED_RANKERS: readonly string[] = ['diverse', 'score'] satisfies FeedRanker[];

/**
 * The 为你推荐 feed. `ranker` is this shopper's variant of the feed-ranker experiment (`null`: not in it, the
 * server's default ranker); `enabled` waits for the assignment so the list does not reorder under the shopper.
 */
export function useDiscoveryFeed(limit = 10, variant: string | null = null, enabled = true) {
  const ranker = variant !== null && FEED_RANKERS.includes(variant) ? (variant as FeedRanker) : undefined;
  return useInfiniteQuery({
    queryKey: [...discoveryKey, 'feed', limit, ranker ?? 'default'],
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/discovery/feed', {
          params: { query: { limit, ...(ranker ? { ranker } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export type HomeEntry = GetOk<'/api/v1/discovery/home'>['entries'][number];

/** 首页推荐: products, posts and live sessions mixed, each with its reason; the same ranker variant as above. */
export function useHomeFeed(limit = 10, variant: string | null = null, enabled = true) {
  const ranker = variant !== null && FEED_RANKERS.includes(variant) ? (variant as FeedRanker) : undefined;
  return useInfiniteQuery({
    queryKey: [...discoveryKey, 'home', limit, ranker ?? 'default'],
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/discovery/home', {
          params: { query: { limit, ...(ranker ? { ranker } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useProductRecommendations(productId: string, kind: 'similar' | 'bought-together') {
  return useQuery({
    queryKey: [...discoveryKey, 'product', productId, kind],
    queryFn: () =>
      must(
        api.GET('/api/v1/products/{id}/recommendations', {
          params: { path: { id: productId }, query: { kind, limit: 6 } },
        }),
      ),
  });
}

export function useRecommendationSettings() {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: [...discoveryKey, 'settings'],
    queryFn: () => must(api.GET('/api/v1/me/recommendation-settings')),
  });
  const update = useMutation({
    mutationFn: (personalised: boolean) =>
      must(api.PUT('/api/v1/me/recommendation-settings', { body: { personalised } })),
    onSuccess: async (data) => {
      qc.setQueryData([...discoveryKey, 'settings'], data);
      await qc.invalidateQueries({ queryKey: discoveryKey });
    },
  });
  return { query, update };
}

export function useInterestTags() {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: [...discoveryKey, 'tags'],
    queryFn: () => must(api.GET('/api/v1/me/interest-tags')),
  });
  const remove = useMutation({
    mutationFn: (tag: string) => must(api.DELETE('/api/v1/me/interest-tags/{tag}', { params: { path: { tag } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: discoveryKey }),
  });
  return { query, remove };
}
