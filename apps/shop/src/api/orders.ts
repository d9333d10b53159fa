import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, type GetOk, must, type PostOk } from './client.ts';

export type QuoteInput = BodyOf<'/api/v1/checkout/quote', 'post'>;
export type Quote = PostOk<'/api/v1/checkout/quote'>;
export type PlaceOrderInput = BodyOf<'/api/v1/orders', 'post'>;
export type PlacedCheckout = PostOk<'/api/v1/orders'>;
type OrderPage = GetOk<'/api/v1/orders'>;
export type OrderSummary = OrderPage['items'][number];
export type OrderStatus = OrderSummary['status'];
export type OrderDetail = GetOk<'/api/v1/orders/{id}'>;
export type OrderLine = OrderDetail['lines'][number];

export const orderKeys = {
  all: ['orders'] as const,
  list: (status: string) => ['orders', 'list', status] as const,
  detail: (id: string) => ['orders', 'detail', id] as const,
  checkout: (id: string) => ['checkouts', id] as const,
};

const fetchOrder = (id: string) => must(api.GET('/api/v1/orders/{id}', { params: { path: { id } } }));
export const fetchCheckout = (id: string) => must(api.GET('/api/v1/checkouts/{id}', { params: { path: { id } } }));

/**
 * The buyer's orders in one or more statuses, newest first within each status. The API filters by one status;
 * a tab that spans two (已完成 = delivered + completed) pages through them one after the other.
 */
export function useOrderList(statuses: OrderStatus[] | null) {
  const key = statuses ? statuses.join('+') : 'all';
  return useInfiniteQuery({
    queryKey: orderKeys.list(key),
    queryFn: async ({ pageParam }) => {
      const status = statuses?.[pageParam.part];
      const page = await must(
        api.GET('/api/v1/orders', {
          params: {
            query: {
              limit: 10,
              ...(status ? { status } : {}),
              ...(pageParam.cursor ? { cursor: pageParam.cursor } : {}),
            },
          },
        }),
      );
      return { ...page, part: pageParam.part };
    },
    initialPageParam: { part: 0, cursor: '' },
    getNextPageParam: (last) => {
      if (last.nextCursor) return { part: last.part, cursor: last.nextCursor };
      if (statuses && last.part + 1 < statuses.length) return { part: last.part + 1, cursor: '' };
      return undefined;
    },
  });
}

export function useOrder(id: string) {
  return useQuery({ queryKey: orderKeys.detail(id), queryFn: () => fetchOrder(id) });
}

/** Cancel, confirm-receipt and change-address answer with the order: refresh it and every list it may have moved between. */
export function useOrderActions() {
  const qc = useQueryClient();
  const settle = async (order: OrderDetail) => {
    qc.setQueryData(orderKeys.detail(order.id), order);
    await qc.invalidateQueries({ queryKey: ['orders', 'list'] });
  };
  const cancel = useMutation({
    mutationFn: (id: string) =>
      must(api.POST('/api/v1/orders/{id}/cancel', { params: { path: { id } }, body: { reason: '买家取消' } })),
    onSuccess: settle,
  });
  const confirmReceipt = useMutation({
    mutationFn: (id: string) => must(api.POST('/api/v1/orders/{id}/confirm-receipt', { params: { path: { id } } })),
    onSuccess: settle,
  });
  // Refusals (shipped meanwhile, another shipping fee) are shown in the address sheet, not as a toast.
  const changeAddress = useMutation({
    meta: { quiet: true },
    mutationFn: ({ id, addressId }: { id: string; addressId: string }) =>
      must(api.POST('/api/v1/orders/{id}/address', { params: { path: { id } }, body: { addressId } })),
    onSuccess: settle,
  });
  return { cancel, confirmReceipt, changeAddress };
}

/**
 * Reviews the buyer has written, keyed by order line: order lines do not say whether they were reviewed, so the
 * review list (newest first, at most 500) is the source for offering 评价 / 追评 only where still possible.
 */
export function useMyReviewsByLine(enabled = true) {
  return useQuery({
    queryKey: ['me', 'reviews'],
    queryFn: async () => {
      const byLine = new Map<string, MyReview>();
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const res = await must(
          api.GET('/api/v1/me/reviews', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } }),
        );
        for (const r of res.items) byLine.set(r.orderLineId, r);
        if (!res.nextCursor) break;
        cursor = res.nextCursor;
      }
      return byLine;
    },
    enabled,
  });
}

export type MyReview = GetOk<'/api/v1/me/reviews'>['items'][number];
