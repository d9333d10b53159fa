import { expect } from 'vitest';
import type { TestApp } from './harness.ts';
import type { Client } from './http.ts';
import { newId } from '../src/platform/ids.ts';

// Test helpers for the coupons tests: templates created and coupons claimed through the HTTP API.

export const MERCHANT_TEMPLATES = '/api/v1/merchant/coupon-templates';
export const PLATFORM_TEMPLATES = '/api/v1/admin/coupon-templates';

/** A template through the API. Default: 满200减30, whole shop, claimable for 30 days, valid 30 days from claim. */
export async function createTemplate(t: TestApp, staff: Client, base: string, body: Record<string, unknown> = {}) {
  const now = t.clock.now().getTime();
  const res = await staff.post(base, {
    name: '店铺满减券',
    kind: 'threshold',
    thresholdAmount: 20000,
    discountAmount: 3000,
    scope: 'shop',
    validity: { type: 'relative', days: 30 },
    claimUntil: new Date(now + 30 * 86_400_000).toISOString(),
    totalQuantity: 100,
    perUserLimit: 1,
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; label: string };
}

export async function claim(who: Client, templateId: string) {
  const res = await who.post(`/api/v1/coupons/center/${templateId}/claim`, {}, { idempotencyKey: newId('idem') });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

export async function myCoupons(who: Client, tab: 'available' | 'used' | 'expired') {
  const res = await who.get(`/api/v1/coupons/mine?tab=${tab}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    items: { id: string; status: string; returnedAt: string | null }[];
    counts: Record<string, number>;
  };
}

export async function quote(
  who: Client & { addressId: string },
  items: { skuId: string; qty: number }[],
  couponIds?: string[],
) {
  const res = await who.post('/api/v1/checkout/quote', {
    items,
    addressId: who.addressId,
    ...(couponIds ? { couponIds } : {}),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Quotes with the coupons and places the order at the quoted amount; returns the raw response. */
export async function order(
  who: Client & { addressId: string },
  items: { skuId: string; qty: number }[],
  couponIds?: string[],
) {
  const q = await quote(who, items, couponIds);
  return who.post(
    '/api/v1/orders',
    { items, addressId: who.addressId, expectedAmount: q.amount, ...(couponIds ? { couponIds } : {}) },
    { idempotencyKey: newId('idem') },
  );
}
