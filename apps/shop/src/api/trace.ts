import { useQuery } from '@tanstack/react-query';
import { api, type GetOk, must } from './client.ts';

export type Trace = GetOk<'/api/v1/trace/{code}'>;

export const useTrace = (code: string) =>
  useQuery({
    queryKey: ['trace', code],
    queryFn: () => must(api.GET('/api/v1/trace/{code}', { params: { path: { code } } })),
    retry: false,
  });
