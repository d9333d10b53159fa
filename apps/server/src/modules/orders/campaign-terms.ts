import { AppError } from '../../platform/errors.ts';
import type { CampaignKind } from './schema.ts';

/**
 * What a campaign module (group buy, bargain) supplies when it places an order through the standard checkout:
 * its own unit price for the SKUs it covers and, optionally, a hold that keeps the paid order from shipping until
 * the campaign releases it. Everything else (address, coupons, points, shipping, stock, events) is the checkout's.
 */
export interface CampaignTerms {
  kind: CampaignKind;
  campaignId: string;
  unitPrices: ReadonlyMap<string, number>;
  shipHold?: string | null;
  /** Made to order (C2M pre-sale): the units do not exist yet, so no catalog stock is checked or taken. */
  madeToOrder?: boolean;
}

/** The lines priced at the campaign's unit prices; a line the campaign does not cover is a bug in the caller. */
export function atCampaignPrices<L extends { skuId: string; qty: number }>(
  lines: L[],
  terms: CampaignTerms | undefined,
): (L & { unitPrice?: number; madeToOrder?: boolean })[] {
  if (!terms) return lines;
  return lines.map((l) => {
    const unitPrice = terms.unitPrices.get(l.skuId);
    if (unitPrice === undefined) throw new Error(`campaign ${terms.campaignId} has no price for ${l.skuId}`);
    return terms.madeToOrder ? { ...l, unitPrice, madeToOrder: true } : { ...l, unitPrice };
  });
}

/** Why a held order may not ship yet, as the merchant reads it. */
const SHIP_HOLD_LABELS: Record<string, string> = {
  group_buy: '拼团尚未成团，成团后才能发货',
  presale: '预售尚未达成目标，达标并生产后才能发货',
  presale_deposit: '预售定金订单：随尾款订单一起发货，本单不单独发货',
  authentication: '需先寄往鉴定中心：鉴定通过后由鉴定中心转寄买家，不能直接发给买家',
  voucher: '到店核销券：买家到店出示券码核销，无需发货',
  course: '知识课程：付款后即可学习，无需发货；退款期满自动完成',
};
/** The short tag order lists show for a held order. */
const SHIP_HOLD_TAGS: Record<string, string> = {
  group_buy: '待成团',
  presale: '预售中',
  presale_deposit: '预售定金',
  authentication: '需先寄往鉴定中心',
  voucher: '到店核销',
  course: '知识课程',
};

export interface ShipHoldDto {
  code: string;
  tag: string;
  reason: string;
}

export const shipHoldOf = (hold: string | null): ShipHoldDto | null =>
  hold ? { code: hold, tag: SHIP_HOLD_TAGS[hold] ?? '暂缓发货', reason: SHIP_HOLD_LABELS[hold] ?? hold } : null;

export const shipHeld = (hold: string) =>
  new AppError('ship-held', 409, '该订单暂不能发货', SHIP_HOLD_LABELS[hold] ?? hold);
