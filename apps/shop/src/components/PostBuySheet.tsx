import { useQueryClient } from '@tanstack/react-query';
import { Toast } from 'antd-mobile';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useAddresses } from '../api/addresses.ts';
import { useProduct } from '../api/catalog.ts';
import { api, must, newIdempotencyKey, problemTitle } from '../api/client.ts';
import { orderKeys, type PlacedCheckout } from '../api/orders.ts';
import { trackCheckout } from '../lib/track.ts';
import { SkuPicker, type SpecSelection } from './SkuPicker.tsx';
// The SKU sheet's look lives with the product page, where it was first used.
import '../pages/ProductPage.css';

/**
 * Buying from a post in three steps: the post (tap 购买) → this sheet (pick the SKU, confirm) → the cashier.
 * The order goes to the default address at the best price the server quotes; without an address the
 * shopper lands on the checkout page to add one.
 */
export function PostBuySheet({
  productId,
  onClose,
  onPlaced,
}: {
  productId: string;
  onClose: () => void;
  /** Pay somewhere other than the cashier page (the live room pays in a sheet over the video). */
  onPlaced?: (placed: PlacedCheckout) => void;
}) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const product = useProduct(productId);
  const addresses = useAddresses();
  const [selection, setSelection] = useState<SpecSelection>({});
  const [qty, setQty] = useState(1);
  const [busy, setBusy] = useState(false);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  if (!product.data) return null;

  const buy = async (skuId: string) => {
    const address = addresses.data?.find((a) => a.isDefault) ?? addresses.data?.[0];
    if (!address) {
      void navigate(`/checkout?skuId=${encodeURIComponent(skuId)}&qty=${qty}`);
      return;
    }
    setBusy(true);
    try {
      const items = [{ skuId, qty }];
      const quote = await must(api.POST('/api/v1/checkout/quote', { body: { items, addressId: address.id } }));
      const body = {
        items,
        addressId: address.id,
        expectedAmount: quote.amount,
        ...(quote.coupons ? { couponIds: quote.coupons.appliedIds } : {}),
      };
      const serialized = JSON.stringify(body);
      if (attempt.current?.body !== serialized) {
        attempt.current = { body: serialized, key: newIdempotencyKey() };
        trackCheckout(quote);
      }
      const placed = await must(
        api.POST('/api/v1/orders', { body, params: { header: { 'idempotency-key': attempt.current.key } } }),
      );
      await qc.invalidateQueries({ queryKey: orderKeys.all });
      if (onPlaced) onPlaced(placed);
      else void navigate(`/pay/${placed.checkoutId}`);
    } catch (err) {
      Toast.show({ icon: 'fail', content: problemTitle(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <SkuPicker
      product={product.data}
      open
      mode="buy"
      selection={selection}
      qty={qty}
      onSelection={setSelection}
      onQty={setQty}
      onClose={onClose}
      onConfirm={(sku) => void buy(sku.id)}
      busy={busy || addresses.isPending}
    />
  );
}
