import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type GetOk, must } from './client.ts';

export type Course = GetOk<'/api/v1/content/courses'>['items'][number];

export const useCourses = () =>
  useQuery({ queryKey: ['content', 'courses'], queryFn: () => must(api.GET('/api/v1/content/courses')) });

export const useCourse = (id: string) =>
  useQuery({
    queryKey: ['content', 'course', id],
    queryFn: () => must(api.GET('/api/v1/content/courses/{id}', { params: { path: { id } } })),
  });

export const useLesson = (id: string) =>
  useQuery({
    queryKey: ['content', 'lesson', id],
    queryFn: () => must(api.GET('/api/v1/content/lessons/{id}', { params: { path: { id } } })),
    retry: false,
  });

export const useMyCourses = () =>
  useQuery({ queryKey: ['content', 'mine'], queryFn: () => must(api.GET('/api/v1/me/content/courses')) });

export function useSaveProgress(lessonId: string) {
  const qc = useQueryClient();
  return useMutation({
    meta: { quiet: true },
    mutationFn: (body: { positionSec: number; completed: boolean }) =>
      must(api.PUT('/api/v1/me/content/lessons/{id}/progress', { params: { path: { id: lessonId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['content'] }),
  });
}

export function useBuyCourse(courseId: string) {
  const qc = useQueryClient();
  return useMutation({
    meta: { quiet: true },
    mutationFn: ({ expectedAmount, key }: { expectedAmount: number; key: string }) =>
      must(
        api.POST('/api/v1/content/courses/{id}/orders', {
          params: { path: { id: courseId }, header: { 'idempotency-key': key } },
          body: { expectedAmount },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['orders'] }),
  });
}
