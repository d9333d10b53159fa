import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { MessageKey } from '../i18n/index.tsx';
import { api, type GetOk, must } from './client.ts';

type GroupPage = GetOk<'/api/v1/group-buy/groups/{id}'>;
export type Group = GroupPage['group'];
export type Bargain = GetOk<'/api/v1/bargains/{id}'>;

export const groupBuyKeys = {
  product: (productId: string) => ['group-buy', 'product', productId] as const,
  group: (groupId: string) => ['group-buy', 'group', groupId] as const,
  mine: ['group-buy', 'mine'] as const,
};
export const bargainKeys = {
  product: (productId: string) => ['bargain', 'product', productId] as const,
  bargain: (id: string) => ['bargain', 'detail', id] as const,
  mine: ['bargain', 'mine'] as const,
};

export const useProductGroupBuys = (productId: string) =>
  useQuery({
    queryKey: groupBuyKeys.product(productId),
    queryFn: () => must(api.GET('/api/v1/products/{id}/group-buys', { params: { path: { id: productId } } })),
  });

export const useProductBargains = (productId: string) =>
  useQuery({
    queryKey: bargainKeys.product(productId),
    queryFn: () => must(api.GET('/api/v1/products/{id}/bargains', { params: { path: { id: productId } } })),
  });

/** A group's page; refreshed every 10 s so progress shows up while friends join. */
export const useGroup = (groupId: string, enabled = true) =>
  useQuery({
    enabled,
    queryKey: groupBuyKeys.group(groupId),
    queryFn: () => must(api.GET('/api/v1/group-buy/groups/{id}', { params: { path: { id: groupId } } })),
    refetchInterval: 10_000,
    staleTime: 0,
  });

export const useBargain = (id: string) =>
  useQuery({
    queryKey: bargainKeys.bargain(id),
    queryFn: () => must(api.GET('/api/v1/bargains/{id}', { params: { path: { id } } })),
    refetchInterval: 10_000,
    staleTime: 0,
  });

export const useMyGroupBuys = () =>
  useInfiniteQuery({
    queryKey: groupBuyKeys.mine,
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/group-buy/mine', {
          params: { query: { limit: 10, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useMyBargains = () =>
  useInfiniteQuery({
    queryKey: bargainKeys.mine,
    queryFn: ({ pageParam }) =>
      must(
        api.GET('/api/v1/bargain/mine', {
          params: { query: { limit: 10, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** A stable per-browser id for the bargain help limits (one phone, many accounts). */
export function deviceId(): string {
  const key = 'haowu.device';
  try {
    const found = localStorage.getItem(key);
    if (found) return found;
    const made = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join(
      '',
    );
    localStorage.setItem(key, made);
    return made;
  } catch {
    return 'no-storage';
  }
}

export const GROUP_STATUS_LABEL: Record<Group['status'], MessageKey> = {
  pending: '待团长付款',
  open: '拼团中',
  succeeded: '已成团',
  failed: '未成团，已退款',
  abandoned: '已取消',
};
export const BARGAIN_STATUS_LABEL: Record<Bargain['status'], MessageKey> = {
  active: '砍价中',
  ordered: '已下单待付款',
  purchased: '已购买',
  expired: '已过期',
};
