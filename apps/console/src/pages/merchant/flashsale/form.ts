import type { Dayjs } from 'dayjs';
import { yuan } from '../../../components/format.ts';
import type { Translate } from '../../../i18n/index.tsx';
import { fieldErrorsOf } from '../products/fieldErrors.ts';
import type { CreateFlashSaleBody } from './api.ts';

/** What the form knows about a chosen SKU: today's price and free stock (the flash quantity comes out of it). */
export interface SkuFacts {
  skuId: string;
  productTitle: string;
  specText: string;
  price: number;
  stock: number;
}

export interface FlashItemValues {
  productId?: string;
  skuId?: string;
  flashPriceYuan?: number | null;
  quantity?: number | null;
  perUserLimit?: number | null;
}

export interface FlashFormValues {
  title: string;
  window?: [Dayjs | null, Dayjs | null] | null;
  payWindowMinutes: number;
  /** 会员优先购 (limited edition): 金卡 and 黑钻 may buy before the start. */
  memberEarlyAccess?: boolean;
  /** 会员专享: only buyers from this tier up may buy; empty for everyone. */
  minTier?: CreateFlashSaleBody['minTier'] | null;
  /** 社群专享: only members of this community may buy; empty for everyone. */
  communityId?: string | null;
  items: FlashItemValues[];
}

const MAX_SLOT_HOURS = 24;
export const MAX_PER_USER = 10;
export const MAX_ITEMS = 20;

/**
 * A yuan amount typed into the form, as integer fen. The input allows two decimals; rounding the product absorbs
 * binary float noise (19.99 × 100 = 1998.9999…), and anything with a third decimal is refused, not rounded.
 */
export function yuanToFen(value: number): number | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  const fen = Math.round(value * 100);
  return Math.abs(fen - value * 100) < 1e-6 ? fen : undefined;
}

/** Why this flash price cannot be used, or null. The server checks the same against the SKU's price at creation. */
export function flashPriceProblem(
  priceYuan: number | null | undefined,
  sku: SkuFacts | undefined,
  t: Translate,
): string | null {
  if (priceYuan == null) return t('请输入秒杀价');
  const fen = yuanToFen(priceYuan);
  if (fen === undefined) return t('金额最多两位小数');
  if (fen < 1) return t('秒杀价至少 0.01 元');
  if (sku && fen >= sku.price) return t('秒杀价须低于现价 {price}', { price: yuan(sku.price) });
  return null;
}

export function quantityProblem(
  quantity: number | null | undefined,
  sku: SkuFacts | undefined,
  t: Translate,
): string | null {
  if (quantity == null) return t('请输入秒杀数量');
  if (!Number.isInteger(quantity) || quantity < 1) return t('秒杀数量至少 1 件');
  if (sku && quantity > sku.stock) return t('超过现有库存 {n} 件', { n: sku.stock });
  return null;
}

export function perUserProblem(limit: number | null | undefined, t: Translate): string | null {
  if (limit == null) return t('请输入每人限购');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PER_USER) return t('每人限购 1–{n} 件', { n: MAX_PER_USER });
  return null;
}

/** The slot's time window: starts now or later, ends after it starts, at most MAX_SLOT_HOURS long. */
export function windowProblem(
  startMs: number | undefined,
  endMs: number | undefined,
  nowMs: number,
  t: Translate,
): string | null {
  if (startMs === undefined || endMs === undefined) return t('请选择开始和结束时间');
  if (startMs < nowMs - 60_000) return t('开始时间不能早于现在');
  if (endMs <= startMs) return t('结束时间须晚于开始时间');
  if (endMs - startMs > MAX_SLOT_HOURS * 3_600_000) return t('一个场次最长 {n} 小时', { n: MAX_SLOT_HOURS });
  return null;
}

/** Rows that repeat a SKU chosen in an earlier row (one SKU appears once per slot). */
export function duplicateRows(items: FlashItemValues[]): Set<number> {
  const seen = new Set<string>();
  const dup = new Set<number>();
  items.forEach((item, i) => {
    if (!item.skuId) return;
    if (seen.has(item.skuId)) dup.add(i);
    seen.add(item.skuId);
  });
  return dup;
}

/** The request body from validated form values: times as ISO instants, money in fen, pay window in seconds. */
export function toCreateBody(values: FlashFormValues): CreateFlashSaleBody {
  const [start, end] = values.window ?? [];
  if (!start || !end) throw new Error('toCreateBody: the time window was not validated');
  return {
    title: values.title.trim(),
    startsAt: start.toISOString(),
    endsAt: end.toISOString(),
    payWindowSeconds: Math.round(values.payWindowMinutes * 60),
    memberEarlyAccess: values.memberEarlyAccess ?? false,
    ...(values.minTier ? { minTier: values.minTier } : {}),
    ...(values.communityId ? { communityId: values.communityId } : {}),
    items: values.items.map((item, i) => {
      const flashPrice = item.flashPriceYuan == null ? undefined : yuanToFen(item.flashPriceYuan);
      if (!item.skuId || flashPrice === undefined || item.quantity == null) {
        throw new Error(`toCreateBody: item ${i + 1} was not validated`);
      }
      return { skuId: item.skuId, flashPrice, quantity: item.quantity, perUserLimit: item.perUserLimit ?? 1 };
    }),
  };
}

/** The server's field errors under the form's own field names (it speaks fen, seconds and two time fields). */
export function formFieldErrors(err: unknown): { name: (string | number)[]; errors: string[] }[] {
  const rename: Record<string, string> = {
    flashPrice: 'flashPriceYuan',
    startsAt: 'window',
    endsAt: 'window',
    payWindowSeconds: 'payWindowMinutes',
  };
  return fieldErrorsOf(err).map((f) => ({
    name: f.path.map((p) => (/^\d+$/.test(p) ? Number(p) : (rename[p] ?? p))),
    errors: [f.message],
  }));
}
