import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { findOwnAddress } from '../accounts/api.ts';
import { loadShippingTemplates } from '../logistics/api.ts';
import { loadSkusForCheckout, type SkuSnapshot } from '../catalog/api.ts';
import { atCampaignPrices, type CampaignTerms } from './campaign-terms.ts';
import { MAX_LINE_QTY, selectedCartLines } from './cart.ts';
import {
  checkoutCoupons,
  type CheckoutCouponsDto,
  checkoutLoyalty,
  type CheckoutLoyaltyDto,
} from './checkout-ports.ts';
import { type AppliedDiscount, NO_DISCOUNTS, priceLines, type PriceQuote, type PricingHooks } from './pricing.ts';
import type { ReturnPolicy } from './schema.ts';

// The thin loader around the pricing engine: it loads what priceLines needs and names what cannot be bought.

export const refuse = refusals({
  'nothing-to-checkout': [422, '没有要结算的商品'],
  'cart-qty-limit': [422, `单个商品最多购买 ${MAX_LINE_QTY} 件`],
  'sku-unavailable': '商品已下架或暂不可购买',
  'out-of-stock': '库存不足',
  'price-changed': '商品价格或运费有变动，请确认新的金额后再提交',
  'region-not-delivered': [422, '商家不配送至该地区'],
});

export interface CheckoutItemsInput {
  items?: { skuId: string; qty: number }[] | undefined;
  fromCart?: boolean | undefined;
  /** Coupons to use; undefined: the best combination is suggested (and used when placing the order), []: none. */
  couponIds?: string[] | undefined;
  /** Pay part of the items with points (membership/points decide how many). */
  usePoints?: boolean | undefined;
}

interface QuoteLineDto {
  skuId: string;
  productId: string;
  title: string;
  specText: string;
  imageUrl: string | null;
  unitPrice: number;
  qty: number;
  lineAmount: number;
  discountAmount: number;
  payAmount: number;
  returnPolicy: ReturnPolicy;
}

interface QuoteMerchantDto {
  merchantId: string;
  merchantName: string;
  lines: QuoteLineDto[];
  itemsAmount: number;
  discountAmount: number;
  shippingFee: number;
  payAmount: number;
  discounts: AppliedDiscount[];
}

export interface QuoteDto {
  merchants: QuoteMerchantDto[];
  itemsAmount: number;
  discountAmount: number;
  shippingFee: number;
  /** What the buyer pays; send it back as `expectedAmount` when placing the order. */
  amount: number;
  addressId: string | null;
  coupons?: CheckoutCouponsDto;
  loyalty?: CheckoutLoyaltyDto;
}

export interface PricedCheckout {
  quote: QuoteDto;
  priced: PriceQuote;
  skus: Map<string, SkuSnapshot>;
}

export const skuName = (sku: SkuSnapshot | undefined, skuId: string) =>
  sku ? `「${sku.productTitle}${sku.specText ? ` ${sku.specText}` : ''}」` : `规格 ${skuId}`;

/** Buyer's quote for a set of items or the selected cart lines, optionally for a delivery address. */
export async function quoteCheckout(
  ctx: Ctx,
  input: CheckoutItemsInput & { addressId?: string | undefined },
  campaign?: CampaignTerms,
): Promise<Result<QuoteDto>> {
  const user = requireUser(ctx.actor);
  const lines = await resolveCheckoutLines(ctx.db, user.userId, input);
  if (!lines.ok) return lines;
  let address: { id: string; province: string } | null = null;
  if (input.addressId) {
    const found = await findOwnAddress(ctx.deps, ctx.db, user.userId, input.addressId);
    if (!found) throw notFound('收货地址');
    address = found;
  }
  const coupons = await checkoutCoupons().offer(ctx.db, user.userId, input.couponIds, ctx.now());
  const loyalty = await checkoutLoyalty().offer(ctx.db, user.userId, {
    usePoints: input.usePoints === true,
    campaign: campaign !== undefined,
    now: ctx.now(),
  });
  const priced = await priceCheckout(ctx.db, user.userId, atCampaignPrices(lines.value, campaign), address, {
    ...NO_DISCOUNTS,
    coupons: coupons.hook,
    ...loyalty.hooks,
  });
  return priced.ok
    ? ok({
        ...priced.value.quote,
        coupons: coupons.summary(priced.value.priced),
        loyalty: loyalty.summary(priced.value.priced),
      })
    : priced;
}

/** The lines to check out, one per SKU (repeated SKUs merged). */
export async function resolveCheckoutLines(
  db: Db,
  userId: string,
  input: CheckoutItemsInput,
): Promise<Result<{ skuId: string; qty: number }[]>> {
  const raw = input.fromCart ? await selectedCartLines(db, userId) : (input.items ?? []);
  const merged = new Map<string, number>();
  for (const l of raw) merged.set(l.skuId, (merged.get(l.skuId) ?? 0) + l.qty);
  if (merged.size === 0) return refuse('nothing-to-checkout', input.fromCart ? '购物车里没有选中的商品' : undefined);
  if ([...merged.values()].some((q) => q > MAX_LINE_QTY)) return refuse('cart-qty-limit');
  return ok([...merged].map(([skuId, qty]) => ({ skuId, qty })));
}

export type PricingInputs = Awaited<ReturnType<typeof loadPricingInputs>>;

/** The SKUs and their shops' shipping templates: loadable before the address and discounts are known. */
export async function loadPricingInputs(db: Db, skuIds: string[]) {
  const skus = await loadSkusForCheckout(db, skuIds);
  const templates = await loadShippingTemplates(db, [...new Set([...skus.values()].map((s) => s.merchantId))]);
  return { skus, templates };
}

/**
 * Prices lines at today's prices. Refuses a line that cannot be bought now; the stock seen here is only a
 * first look, the order's guarded reservation is what decides.
 */
export async function priceCheckout(
  db: Db,
  userId: string,
  lines: { skuId: string; qty: number; unitPrice?: number | undefined; madeToOrder?: boolean | undefined }[],
  address: { id: string; province: string } | null,
  hooks: PricingHooks = NO_DISCOUNTS,
  loaded?: PricingInputs,
): Promise<Result<PricedCheckout>> {
  const { skus, templates } =
    loaded ??
    (await loadPricingInputs(
      db,
      lines.map((l) => l.skuId),
    ));
  for (const l of lines) {
    const sku = skus.get(l.skuId);
    if (!sku || !sku.purchasable) return refuse('sku-unavailable', `${skuName(sku, l.skuId)}已下架或暂不可购买`);
    if (!l.madeToOrder && sku.stock < l.qty)
      return refuse('out-of-stock', `${skuName(sku, l.skuId)}库存不足${sku.stock > 0 ? `，仅剩 ${sku.stock} 件` : ''}`);
  }
  const priced = priceLines(
    lines.map((l) => {
      const sku = skus.get(l.skuId)!;
      return {
        skuId: sku.skuId,
        productId: sku.productId,
        merchantId: sku.merchantId,
        categoryId: sku.categoryId,
        // A campaign (group buy, bargain) supplies its own unit price through campaign-terms.ts.
        unitPrice: l.unitPrice ?? sku.price,
        qty: l.qty,
        weightGrams: sku.weightGrams,
      };
    }),
    { userId, province: address?.province ?? null, templates },
    hooks,
  );
  const nowhere = priced.merchants.find((m) => m.undeliverable);
  if (nowhere && address) {
    const shop = skus.get(nowhere.lines[0]!.skuId)!.merchantName;
    return refuse('region-not-delivered', `「${shop}」不配送至${address.province}，请更换收货地址或移除该店商品`);
  }
  const quote: QuoteDto = {
    merchants: priced.merchants.map((m) => ({
      merchantId: m.merchantId,
      merchantName: skus.get(m.lines[0]!.skuId)!.merchantName,
      lines: m.lines.map((l) => {
        const sku = skus.get(l.skuId)!;
        return {
          skuId: l.skuId,
          productId: l.productId,
          title: sku.productTitle,
          specText: sku.specText,
          imageUrl: sku.imageUrl,
          unitPrice: l.unitPrice,
          qty: l.qty,
          lineAmount: l.lineAmount,
          discountAmount: l.discountAmount,
          payAmount: l.payAmount,
          returnPolicy: sku.returnPolicy,
        };
      }),
      itemsAmount: m.itemsAmount,
      discountAmount: m.discountAmount,
      shippingFee: m.shippingFee,
      payAmount: m.payAmount,
      discounts: m.discounts,
    })),
    itemsAmount: priced.itemsAmount,
    discountAmount: priced.discountAmount,
    shippingFee: priced.shippingFee,
    amount: priced.payAmount,
    addressId: address?.id ?? null,
  };
  return ok({ quote, priced, skus });
}
