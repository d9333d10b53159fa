import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, type GetOk, must } from './client.ts';
import { useMe } from './session.ts';

export type Cart = GetOk<'/api/v1/cart'>;
type CartGroup = Cart['groups'][number];
export type CartLine = CartGroup['lines'][number];

export const cartKey = ['cart'] as const;

/** The shopper's cart; not asked for while signed out. */
export function useCart() {
  const me = useMe();
  return useQuery({
    queryKey: cartKey,
    queryFn: () => must(api.GET('/api/v1/cart')),
    enabled: !!me.data,
  });
}

/** Units in the cart, for the tab bar badge. */
export function useCartCount(): number {
  const cart = useCart();
  return cart.data?.groups.reduce((n, g) => n + g.lines.reduce((m, l) => m + l.qty, 0), 0) ?? 0;
}

/** Every cart endpoint answers with the whole cart: put it straight into the cache. */
export function useCartMutations() {
  const qc = useQueryClient();
  const onSuccess = (cart: Cart) => qc.setQueryData(cartKey, cart);
  const add = useMutation({
    mutationFn: (body: BodyOf<'/api/v1/cart/items', 'post'>) => must(api.POST('/api/v1/cart/items', { body })),
    onSuccess,
  });
  const update = useMutation({
    mutationFn: ({ id, ...body }: { id: string; qty?: number; selected?: boolean }) =>
      must(api.PATCH('/api/v1/cart/items/{id}', { params: { path: { id } }, body })),
    onSuccess,
    // A refused change (e.g. not enough stock) leaves the cart as the server has it.
    onError: () => qc.invalidateQueries({ queryKey: cartKey }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => must(api.DELETE('/api/v1/cart/items/{id}', { params: { path: { id } } })),
    onSuccess,
  });
  const select = useMutation({
    mutationFn: (body: BodyOf<'/api/v1/cart/selection', 'patch'>) =>
      must(api.PATCH('/api/v1/cart/selection', { body })),
    onSuccess,
  });
  return { add, update, remove, select };
}
