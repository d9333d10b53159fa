import { and, desc, eq, inArray } from 'drizzle-orm';
import { actingMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, ok, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { loadSkusForCheckout } from '../catalog/api.ts';
import { refuse } from './rules.ts';
import { localOffers, localStores } from './schema.ts';

// Stores and their offers, as the merchant registers them in the console (门店).

export interface StoreInput {
  name: string;
  address: string;
  city: string;
  lat: number;
  lng: number;
  hours: string;
  services: string[];
  status?: 'open' | 'closed' | undefined;
}

export interface OfferInput {
  storeId: string;
  kind: 'voucher' | 'set_meal';
  title: string;
  description?: string | undefined;
  skuId: string;
  price: number;
  faceValue: number;
  quota: number;
  validUntil: string;
  refundAtExpiry: boolean;
}

type StoreRow = typeof localStores.$inferSelect;
type OfferRow = typeof localOffers.$inferSelect;

export const storeDto = (s: StoreRow) => ({
  id: s.id,
  merchantId: s.merchantId,
  name: s.name,
  address: s.address,
  city: s.city,
  lat: s.lat,
  lng: s.lng,
  hours: s.hours,
  services: s.services,
  status: s.status,
});

export const offerDto = (o: OfferRow) => ({
  id: o.id,
  storeId: o.storeId,
  kind: o.kind,
  title: o.title,
  description: o.description,
  productId: o.productId,
  skuId: o.skuId,
  price: o.price,
  faceValue: o.faceValue,
  quota: o.quota,
  sold: o.sold,
  validUntil: o.validUntil.toISOString(),
  refundAtExpiry: o.refundAtExpiry,
  status: o.status,
});

const cleanServices = (services: string[]) => [...new Set(services.map((s) => s.trim()).filter(Boolean))];

export async function listMyStores(ctx: Ctx) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'shop.read');
  const rows = await ctx.db
    .select()
    .from(localStores)
    .where(eq(localStores.merchantId, merchantId))
    .orderBy(desc(localStores.id));
  return { items: rows.map(storeDto) };
}

export async function createStore(ctx: Ctx, input: StoreInput): Promise<Result<ReturnType<typeof storeDto>>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'shop.manage');
  const now = ctx.now();
  return ctx.tx(async (tx) => {
    const [row] = await tx
      .insert(localStores)
      .values({
        id: newId('sto'),
        merchantId,
        name: input.name.trim(),
        address: input.address.trim(),
        city: input.city.trim(),
        lat: input.lat,
        lng: input.lng,
        hours: input.hours.trim(),
        services: cleanServices(input.services),
        status: input.status ?? 'open',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await emit(tx, 'local.store_created', { storeId: row!.id, merchantId });
    return ok(storeDto(row!));
  });
}

export async function updateStore(ctx: Ctx, storeId: string, input: StoreInput) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'shop.manage');
  const [row] = await ctx.db
    .update(localStores)
    .set({
      name: input.name.trim(),
      address: input.address.trim(),
      city: input.city.trim(),
      lat: input.lat,
      lng: input.lng,
      hours: input.hours.trim(),
      services: cleanServices(input.services),
      ...(input.status ? { status: input.status } : {}),
      updatedAt: ctx.now(),
    })
    .where(and(eq(localStores.id, storeId), eq(localStores.merchantId, merchantId)))
    .returning();
  if (!row) throw notFound('门店');
  return storeDto(row);
}

export async function listMyOffers(ctx: Ctx) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'shop.read');
  const rows = await ctx.db
    .select()
    .from(localOffers)
    .where(eq(localOffers.merchantId, merchantId))
    .orderBy(desc(localOffers.id));
  return { items: rows.map(offerDto) };
}

/** A voucher on sale: tied to one of the merchant's own listed SKUs, which carries it through checkout and payment. */
export async function createOffer(ctx: Ctx, input: OfferInput): Promise<Result<ReturnType<typeof offerDto>>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'shop.manage');
  const validUntil = new Date(input.validUntil);
  if (!(validUntil > ctx.now())) return refuse('invalid-offer', '有效期须晚于现在');
  if (input.faceValue < input.price) return refuse('invalid-offer', '门市价不能低于售价');
  return ctx.tx(async (tx) => {
    const [store] = await tx
      .select({ id: localStores.id })
      .from(localStores)
      .where(and(eq(localStores.id, input.storeId), eq(localStores.merchantId, merchantId)));
    if (!store) throw notFound('门店');
    const sku = (await loadSkusForCheckout(tx, [input.skuId])).get(input.skuId);
    if (!sku || sku.merchantId !== merchantId) throw notFound('商品规格');
    if (!sku.purchasable) return refuse('invalid-offer', '所选商品未上架，请先上架');
    const [row] = await tx
      .insert(localOffers)
      .values({
        id: newId('lof'),
        merchantId,
        storeId: store.id,
        kind: input.kind,
        title: input.title.trim(),
        description: input.description?.trim() ?? '',
        productId: sku.productId,
        skuId: sku.skuId,
        price: input.price,
        faceValue: input.faceValue,
        quota: input.quota,
        validUntil,
        refundAtExpiry: input.refundAtExpiry,
        createdAt: ctx.now(),
      })
      .returning();
    await emit(tx, 'local.offer_created', { offerId: row!.id, storeId: store.id, merchantId });
    return ok(offerDto(row!));
  });
}

export async function endOffer(ctx: Ctx, offerId: string) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'shop.manage');
  const [row] = await ctx.db
    .update(localOffers)
    .set({ status: 'ended' })
    .where(and(eq(localOffers.id, offerId), eq(localOffers.merchantId, merchantId)))
    .returning();
  if (!row) throw notFound('团购');
  return offerDto(row);
}

/** Offers on sale now at these stores (sold-out ones included: the list says 已售罄). */
export async function liveOffersOf(db: Ctx['db'], storeIds: string[], now: Date) {
  if (storeIds.length === 0) return [];
  const rows = await db
    .select()
    .from(localOffers)
    .where(and(inArray(localOffers.storeId, storeIds), eq(localOffers.status, 'active')));
  return rows.filter((o) => o.validUntil > now);
}
