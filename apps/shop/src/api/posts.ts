import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, type GetOk, must } from './client.ts';
import { deviceId } from './groupbuy.ts';

type PostPage = GetOk<'/api/v1/feeds/discover'>;
export type PostCardData = PostPage['items'][number];
export type PostDetail = GetOk<'/api/v1/posts/{id}'>;
export type CommentData = GetOk<'/api/v1/posts/{id}/comments'>['items'][number];
export type PostInput = BodyOf<'/api/v1/posts', 'post'>;
export type TouchInput = BodyOf<'/api/v1/attribution/touches', 'post'>;

export const postKeys = {
  all: ['posts'] as const,
  detail: (id: string) => ['posts', 'detail', id] as const,
  comments: (id: string) => ['posts', 'comments', id] as const,
};

const pageParams = (pageParam: string) => (pageParam ? { cursor: pageParam } : {});

export function useFeed(kind: 'discover' | 'following', enabled = true) {
  return useInfiniteQuery({
    queryKey: ['posts', 'feed', kind],
    queryFn: ({ pageParam }) =>
      must(
        kind === 'discover'
          ? api.GET('/api/v1/feeds/discover', { params: { query: { limit: 20, ...pageParams(pageParam) } } })
          : api.GET('/api/v1/feeds/following', { params: { query: { limit: 20, ...pageParams(pageParam) } } }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useUserPosts(userId: string, tab: 'posts' | 'likes') {
  return useInfiniteQuery({
    queryKey: ['posts', 'user', userId, tab],
    queryFn: ({ pageParam }) =>
      must(
        tab === 'posts'
          ? api.GET('/api/v1/users/{id}/posts', {
              params: { path: { id: userId }, query: { limit: 20, ...pageParams(pageParam) } },
            })
          : api.GET('/api/v1/users/{id}/likes', {
              params: { path: { id: userId }, query: { limit: 20, ...pageParams(pageParam) } },
            }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useTopic(name: string) {
  return useInfiniteQuery({
    queryKey: ['posts', 'topic', name],
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/topics/{name}', {
          params: { path: { name }, query: { limit: 20, ...pageParams(pageParam) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.posts.nextCursor ?? undefined,
  });
}

export const useTrendingTopics = () =>
  useQuery({ queryKey: ['posts', 'topics'], queryFn: () => must(api.GET('/api/v1/topics')), staleTime: 60_000 });

export const usePost = (id: string) =>
  useQuery({
    queryKey: postKeys.detail(id),
    // The browser's random id lets a signed-out view count once a day (the server keeps only its hash).
    queryFn: () =>
      must(api.GET('/api/v1/posts/{id}', { params: { path: { id }, header: { 'x-device-id': deviceId() } } })),
  });

export const useProfile = (id: string) =>
  useQuery({
    queryKey: ['posts', 'profile', id],
    queryFn: () => must(api.GET('/api/v1/users/{id}/profile', { params: { path: { id } } })),
  });

export function useComments(postId: string) {
  return useInfiniteQuery({
    queryKey: postKeys.comments(postId),
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/posts/{id}/comments', {
          params: { path: { id: postId }, query: { limit: 20, ...pageParams(pageParam) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Like, favourite, follow and comment; each refreshes the post it touched. */
export function usePostActions(postId: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: postKeys.all });
  return {
    like: useMutation({
      mutationFn: (on: boolean) =>
        must(api.PUT('/api/v1/posts/{id}/like', { params: { path: { id: postId } }, body: { on } })),
      onSuccess: refresh,
    }),
    favourite: useMutation({
      mutationFn: (on: boolean) =>
        must(api.PUT('/api/v1/posts/{id}/favourite', { params: { path: { id: postId } }, body: { on } })),
      onSuccess: refresh,
    }),
    comment: useMutation({
      mutationFn: (body: { body: string; parentId?: string }) =>
        must(api.POST('/api/v1/posts/{id}/comments', { params: { path: { id: postId } }, body })),
      onSuccess: refresh,
    }),
  };
}

export function useFollow() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { type: 'user' | 'merchant'; id: string; on: boolean }) =>
      must(
        api.PUT('/api/v1/follows/{type}/{id}', {
          params: { path: { type: input.type, id: input.id } },
          body: { on: input.on },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: postKeys.all }),
  });
}

/** Fire-and-forget: a lost touch costs a creator one credit, never the shopper their page. */
export function recordTouch(body: TouchInput): void {
  void api.POST('/api/v1/attribution/touches', { body }).catch(() => undefined);
}
export function recordProductClick(postId: string, productId: string, shareToken?: string): void {
  void api
    .POST('/api/v1/posts/{id}/product-clicks', {
      params: { path: { id: postId } },
      body: { productId, ...(shareToken ? { shareToken } : {}) },
    })
    .catch(() => undefined);
}

/** Uploads a short video (MP4/WebM) and returns its /media/… URL. */
export async function uploadVideo(file: File): Promise<string> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await must(
    api.POST('/api/v1/media/videos', { body: form as never, bodySerializer: (b: unknown) => b as FormData }),
  );
  return res.url;
}
