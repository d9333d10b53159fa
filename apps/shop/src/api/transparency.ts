import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type GetOk, must } from './client.ts';

export type TreeHead = GetOk<'/api/v1/transparency/head'>;
export type LogEntry = GetOk<'/api/v1/transparency/entries'>['items'][number];

export const useTreeHead = () =>
  useQuery({ queryKey: ['transparency', 'head'], queryFn: () => must(api.GET('/api/v1/transparency/head')) });

/** Entries newest first; `kind` and `subjectId` narrow the list (a claim's page links to its own entries). */
export const useLogEntries = (filter: { kind?: string | undefined; subjectId?: string | undefined } = {}) =>
  useInfiniteQuery({
    queryKey: ['transparency', 'entries', filter.kind ?? '', filter.subjectId ?? ''],
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/transparency/entries', {
          params: {
            query: {
              limit: 20,
              ...(filter.kind ? { kind: filter.kind } : {}),
              ...(filter.subjectId ? { subjectId: filter.subjectId } : {}),
              ...(pageParam ? { cursor: Number(pageParam) } : {}),
            },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const fetchProof = (index: number) =>
  must(api.GET('/api/v1/transparency/entries/{index}/proof', { params: { path: { index } } }));

export const fetchConsistency = (from: number, to: number) =>
  must(api.GET('/api/v1/transparency/consistency', { params: { query: { from, to } } }));

export const fetchReview = (id: string) => must(api.GET('/api/v1/reviews/{id}', { params: { path: { id } } }));
