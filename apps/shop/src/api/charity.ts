import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type GetOk, must } from './client.ts';

// 公益商品: the product badge, money raised per project, the public sales ledger and the buyer's certificates.

export type Certificate = GetOk<'/api/v1/me/charity-certificates/{id}'>;

export const useProductCharity = (productId: string) =>
  useQuery({
    queryKey: ['charity', 'product', productId],
    queryFn: () => must(api.GET('/api/v1/products/{id}/charity', { params: { path: { id: productId } } })),
  });

export const useCharityMoney = () =>
  useQuery({ queryKey: ['charity', 'money'], queryFn: () => must(api.GET('/api/v1/charity/money')) });

export const useCharitySales = (projectId: string) =>
  useInfiniteQuery({
    queryKey: ['charity', 'sales', projectId],
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/charity/projects/{id}/sales', {
          params: { path: { id: projectId }, query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useOrderCertificates = (orderId: string, enabled: boolean) =>
  useQuery({
    queryKey: ['charity', 'order-certificates', orderId],
    queryFn: () => must(api.GET('/api/v1/orders/{id}/charity-certificates', { params: { path: { id: orderId } } })),
    enabled,
  });

export const useCertificate = (id: string) =>
  useQuery({
    queryKey: ['charity', 'certificate', id],
    queryFn: () => must(api.GET('/api/v1/me/charity-certificates/{id}', { params: { path: { id } } })),
  });
