// The catalogue's live facts the re-ranking checks (a product's brief and stock, a shop's brief), kept per product
// and per shop in this process for 30 s: most feeds share their items (bestsellers, new arrivals, the neighbours
// of popular purchases), so a page then costs no catalogue round trip. Discovery's own handlers drop a product at
// once when catalog says it changed (product.updated/listed/delisted — a SKU's stock too — and order.paid) and a
// shop when it is suspended or reactivated; a change handled by another process shows here within TTL_MS — the
// same bound as the pages after the first, which the scroll memory (feed-cache.ts) serves from facts checked up
// to 30 s before. It was 3 s: bench:feed's profile then showed the catalogue statements of the pages (briefs,
// stock, shops: ~2.5 per first page) as the largest remaining cost.

import type { getMerchantBriefs, getProductBriefs } from '../catalog/api.ts';

const TTL_MS = 30_000;
/** Bound on memory: the oldest go first (a Map iterates in insertion order). */
const MAX_ENTRIES = 50_000;

type Brief = Awaited<ReturnType<typeof getProductBriefs>> extends Map<string, infer B> ? B : never;
type Shop = Awaited<ReturnType<typeof getMerchantBriefs>> extends Map<string, infer S> ? S : never;

/** `null` brief: catalog does not know the product (deleted) — remembered too. */
const products = new Map<string, { at: number; brief: Brief | null; stock: number }>();
const shops = new Map<string, { at: number; shop: Shop | null }>();

function fresh<V extends { at: number }>(m: Map<string, V>, key: string): V | undefined {
  const hit = m.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit;
  if (hit) m.delete(key);
  return undefined;
}

function put<V>(m: Map<string, V>, key: string, value: V): void {
  m.delete(key);
  m.set(key, value);
  while (m.size > MAX_ENTRIES) m.delete(m.keys().next().value!);
}

export function cachedProduct(id: string) {
  return fresh(products, id);
}

export function rememberProduct(id: string, brief: Brief | null, stock: number): void {
  put(products, id, { at: Date.now(), brief, stock });
}

export function cachedShop(id: string) {
  return fresh(shops, id);
}

export function rememberShop(id: string, shop: Shop | null): void {
  put(shops, id, { at: Date.now(), shop });
}

export function forgetProducts(ids: string[]): void {
  for (const id of ids) products.delete(id);
}

export function forgetShop(id: string): void {
  shops.delete(id);
}
