import { useQuery } from '@tanstack/react-query';
import { api, type GetOk, must } from '../../../api/client.ts';

export type MerchantCourse = GetOk<'/api/v1/merchant/content/courses'>['items'][number];

export const contentKeys = { courses: ['content', 'courses'] as const };

export const useMerchantCourses = () =>
  useQuery({ queryKey: contentKeys.courses, queryFn: () => must(api.GET('/api/v1/merchant/content/courses')) });

export const useMerchantCourse = (id: string | null) =>
  useQuery({
    queryKey: [...contentKeys.courses, id],
    queryFn: () => must(api.GET('/api/v1/merchant/content/courses/{id}', { params: { path: { id: id! } } })),
    enabled: id !== null,
  });
