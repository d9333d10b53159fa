import type { Deps } from '../../deps.ts';
import { bulkInsertSql, insertTogether } from '../../platform/bulk.ts';
import type { Db } from '../../platform/db.ts';
import { emitManySql } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import type { SkuSnapshot } from '../catalog/api.ts';
import { sealOrderAddress } from './address-seal.ts';
import { ruleShipHold } from './checkout-ports.ts';
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
  /** The campaign's own reason not to ship (voucher: redeemed in the store); the rule's hold (鉴定) outranks it. */
  shipHold?: string;
}

export interface PlacedCampaignOrder {
  orderId: string;
  checkoutId: string;
  lineId: string;
  payAmount: number;
  payDeadline: Date;
}

/**
 * Places many campaign orders in the caller's transaction with one statement: multi-row inserts of checkouts,
 * orders, lines, timeline and outbox joined as data-modifying CTEs (platform/bulk.ts) — a flash-sale batch of
 * hundreds costs one statement, not hundreds. Each order is priced by the one pricing engine, so amounts follow the same rules as a checkout; it
 * awaits payment until `payDeadline`; then the payment-timeout sweep cancels those still unpaid.
 */
export async function placeCampaignOrders(
  deps: Pick<Deps, 'fieldCrypto'>,
  db: Db,
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
            {
              chargeBy: 'pieces',
              defaultRule: { firstUnits: 1, firstFee: input.shippingFee, extraUnits: 1, extraFee: 0 },
              regions: [],
              freeThreshold: null,
              remoteProvinces: [],
              remoteMode: 'surcharge',
              remoteExtraFee: 0,
            },
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

  // Checkouts, orders, lines, timelines and order.created events of the whole batch: one statement. The payment
  // timeout needs no row: the sweep cancels whatever is still unpaid at its deadline.
  await insertTogether(db, [
    bulkInsertSql(
      checkouts,
      planned.map((p) => ({
        id: p.checkoutId,
        userId: p.input.userId,
        amount: p.merchant.payAmount,
        payDeadline: p.input.payDeadline,
        createdAt: now,
      })),
    ),
    bulkInsertSql(
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
        ...sealOrderAddress(deps, p.input.address),
        campaignKind: p.input.campaign.kind,
        campaignId: p.input.campaign.id,
        shipHold:
          ruleShipHold([{ categoryId: p.input.sku.categoryId, unitPrice: p.line.unitPrice }]) ??
          p.input.shipHold ??
          null,
        createdAt: now,
        payDeadline: p.input.payDeadline,
      })),
    ),
    bulkInsertSql(
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
    ),
    bulkInsertSql(
      orderEvents,
      planned.map((p) => ({
        id: newId('oev'),
        orderId: p.orderId,
        type: 'created' as const,
        at: now,
        data: { payAmount: p.merchant.payAmount, campaignKind: p.input.campaign.kind },
      })),
    ),
    emitManySql(
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
    ),
  ]);
  return planned.map((p) => ({
    orderId: p.orderId,
    checkoutId: p.checkoutId,
    lineId: p.lineId,
    payAmount: p.merchant.payAmount,
    payDeadline: p.input.payDeadline,
  }));
}
