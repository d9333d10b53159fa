import { useQuery } from '@tanstack/react-query';
import { api, type GetOk, must } from './client.ts';

export type DesignVote = GetOk<'/api/v1/c2m/design-votes'>['items'][number];
export type Presale = GetOk<'/api/v1/c2m/presales/{id}'>;
export type MyPledge = GetOk<'/api/v1/c2m/presales/mine'>['items'][number];

export const c2mKeys = {
  proposals: (categoryId: string | null) => ['c2m', 'proposals', categoryId] as const,
  designVotes: ['c2m', 'design-votes'] as const,
  presales: ['c2m', 'presales'] as const,
  presale: (id: string) => ['c2m', 'presale', id] as const,
  product: (productId: string) => ['c2m', 'product', productId] as const,
  mine: ['c2m', 'mine'] as const,
};

export const useProposals = (categoryId: string | null) =>
  useQuery({
    queryKey: c2mKeys.proposals(categoryId),
    queryFn: () => must(api.GET('/api/v1/c2m/proposals', { params: { query: categoryId ? { categoryId } : {} } })),
  });

export const useDesignVotes = () =>
  useQuery({ queryKey: c2mKeys.designVotes, queryFn: () => must(api.GET('/api/v1/c2m/design-votes')) });

export const useLivePresales = () =>
  useQuery({ queryKey: c2mKeys.presales, queryFn: () => must(api.GET('/api/v1/c2m/presales')) });

/** A pre-sale's page; refreshed every 5 s so the progress to target moves while others buy. */
export const usePresale = (id: string) =>
  useQuery({
    queryKey: c2mKeys.presale(id),
    queryFn: () => must(api.GET('/api/v1/c2m/presales/{id}', { params: { path: { id } } })),
    refetchInterval: 5_000,
    staleTime: 0,
  });

export const useProductPresales = (productId: string) =>
  useQuery({
    queryKey: c2mKeys.product(productId),
    queryFn: () => must(api.GET('/api/v1/products/{id}/presales', { params: { path: { id: productId } } })),
  });

export const useMyPledges = () =>
  useQuery({ queryKey: c2mKeys.mine, queryFn: () => must(api.GET('/api/v1/c2m/presales/mine')) });
