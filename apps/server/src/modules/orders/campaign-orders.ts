import type { Deps } from '../../deps.ts';
import { bulkInsert } from '../../platform/bulk.ts';
import type { Db } from '../../platform/db.ts';
import { emitMany } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import type { SkuSnapshot } from '../catalog/api.ts';
import { PAYMENT_TIMEOUT_BATCH_JOB } from './jobs.ts';
import { priceLines } from './pricing.ts';
import {
  type CampaignKind,
  checkouts,
  type OrderAddress,
  orderEvents,
  orderLines,
  orders,
  type StockPool,
} from './schema.ts';

/** One single-SKU order a campaign places at its own unit price (its stock already taken by the campaign). */
export interface CampaignOrderInput {
  /** Taken by the caller with `nextOrderNos` before it locks its campaign's hot row (see flashsale/purchase.ts). */
  orderNo: string;
  userId: string;
  sku: SkuSnapshot;
  qty: number;
  unitPrice: number;
  shippingFee: number;
  address: OrderAddress;
  campaign: { kind: CampaignKind; id: string };
  stockPool: StockPool;
  payDeadline: Date;
}

export interface PlacedCampaignOrder {
  orderId: string;
  checkoutId: string;
  lineId: string;
  payAmount: number;
  payDeadline: Date;
}

/**
 * Places many campaign orders in the caller's transaction with one multi-row statement per table (checkouts,
 * orders, lines, timeline, payment-timeout jobs, outbox; see platform/bulk.ts) — a flash-sale batch of hundreds costs six statements, not
 * hundreds. Each order is priced by the one pricing engine, so amounts follow the same rules as a checkout; it
 * awaits payment until `payDeadline`; then one timeout job per deadline cancels those still unpaid.
 */
export async function placeCampaignOrders(
  db: Db,
  deps: Deps,
  now: Date,
  inputs: readonly CampaignOrderInput[],
): Promise<PlacedCampaignOrder[]> {
  if (inputs.length === 0) return [];
  const planned = inputs.map((input) => {
    const quote = priceLines(
      [
        {
          skuId: input.sku.skuId,
          productId: input.sku.productId,
          merchantId: input.sku.merchantId,
          categoryId: input.sku.categoryId,
          unitPrice: input.unitPrice,
          qty: input.qty,
        },
      ],
      {
        userId: input.userId,
        province: input.address.province,
        templates: new Map([
          [
            input.sku.merchantId,
            { baseFee: input.shippingFee, freeThreshold: null, remoteProvinces: [], remoteExtraFee: 0 },
          ],
        ]),
      },
    );
    const merchant = quote.merchants[0]!;
    return {
      input,
      merchant,
      line: merchant.lines[0]!,
      orderId: newId('ord'),
      checkoutId: newId('chk'),
      lineId: newId('orl'),
    };
  });

  await bulkInsert(
    db,
    checkouts,
    planned.map((p) => ({
      id: p.checkoutId,
      userId: p.input.userId,
      amount: p.merchant.payAmount,
      payDeadline: p.input.payDeadline,
      createdAt: now,
    })),
  );
  await bulkInsert(
    db,
    orders,
    planned.map((p) => ({
      id: p.orderId,
      orderNo: p.input.orderNo,
      checkoutId: p.checkoutId,
      userId: p.input.userId,
      merchantId: p.input.sku.merchantId,
      merchantName: p.input.sku.merchantName,
      status: 'pending_payment' as const,
      itemsAmount: p.merchant.itemsAmount,
      discountAmount: p.merchant.discountAmount,
      shippingFee: p.merchant.shippingFee,
      payAmount: p.merchant.payAmount,
      discounts: p.merchant.discounts,
      address: p.input.address,
      campaignKind: p.input.campaign.kind,
      campaignId: p.input.campaign.id,
      createdAt: now,
      payDeadline: p.input.payDeadline,
    })),
  );
  await bulkInsert(
    db,
    orderLines,
    planned.map((p) => ({
      id: p.lineId,
      orderId: p.orderId,
      skuId: p.input.sku.skuId,
      productId: p.input.sku.productId,
      title: p.input.sku.productTitle,
      specText: p.input.sku.specText,
      imageUrl: p.input.sku.imageUrl,
      unitPrice: p.line.unitPrice,
      qty: p.line.qty,
      lineAmount: p.line.lineAmount,
      discountAmount: p.line.discountAmount,
      payAmount: p.line.payAmount,
      returnPolicy: p.input.sku.returnPolicy,
      stockPool: p.input.stockPool,
    })),
  );
  await bulkInsert(
    db,
    orderEvents,
    planned.map((p) => ({
      id: newId('oev'),
      orderId: p.orderId,
      type: 'created' as const,
      at: now,
      data: { payAmount: p.merchant.payAmount, campaignKind: p.input.campaign.kind },
    })),
  );
  const byDeadline = new Map<number, string[]>();
  for (const p of planned)
    byDeadline.set(p.input.payDeadline.getTime(), [
      ...(byDeadline.get(p.input.payDeadline.getTime()) ?? []),
      p.orderId,
    ]);
  await deps.jobs.enqueueMany(
    db,
    [...byDeadline].map(([deadline, orderIds]) => ({
      name: PAYMENT_TIMEOUT_BATCH_JOB,
      payload: { orderIds },
      runAt: new Date(deadline),
    })),
  );
  await emitMany(
    db,
    planned.map((p) => ({
      type: 'order.created',
      payload: {
        orderId: p.orderId,
        checkoutId: p.checkoutId,
        userId: p.input.userId,
        merchantId: p.input.sku.merchantId,
        payAmount: p.merchant.payAmount,
        campaignKind: p.input.campaign.kind,
        campaignId: p.input.campaign.id,
        placedAt: now.toISOString(),
        province: p.input.address.province,
        lines: [
          {
            lineId: p.lineId,
            skuId: p.input.sku.skuId,
            productId: p.input.sku.productId,
            qty: p.line.qty,
            unitPrice: p.line.unitPrice,
            payAmount: p.line.payAmount,
          },
        ],
      },
    })),
  );
  return planned.map((p) => ({
    orderId: p.orderId,
    checkoutId: p.checkoutId,
    lineId: p.lineId,
    payAmount: p.merchant.payAmount,
    payDeadline: p.input.payDeadline,
  }));
}
