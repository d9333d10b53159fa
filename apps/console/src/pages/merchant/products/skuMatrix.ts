/** One spec dimension of a product: 颜色 → [米白, 雾蓝]. */
export interface SpecDim {
  name: string;
  values: string[];
}

/** One row of the SKU matrix as the editor holds it; money in integer fen. */
export interface SkuRow {
  key: string;
  /** Set for SKUs that already exist on the server. */
  id?: string;
  specValues: Record<string, string>;
  price: number | null;
  originalPrice: number | null;
  stock: number | null;
  enabled: boolean;
  /** Grams per unit for weight-based shipping; null: not set. */
  weightGrams: number | null;
  /** 商家编码 (existing SKUs only); '' when none. */
  code: string;
}

/** The server's 商家编码 rule (catalog/dto.ts). */
const SKU_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export const comboKey = (dims: SpecDim[], values: Record<string, string>): string =>
  dims.map((d) => `${d.name}=${values[d.name] ?? ''}`).join('\u0001') || 'default';

/** Dimensions that can generate rows: named, with at least one value, names and values without duplicates. */
export function usableDims(dims: SpecDim[]): SpecDim[] {
  const seen = new Set<string>();
  const out: SpecDim[] = [];
  for (const d of dims) {
    const name = d.name.trim();
    const values = [...new Set(d.values.map((v) => v.trim()).filter(Boolean))];
    if (!name || values.length === 0 || seen.has(name)) continue;
    seen.add(name);
    out.push({ name, values });
  }
  return out;
}

/**
 * Every combination of the dimensions' values, in the order the values were entered. Rows that existed for a
 * combination keep their price, stock and id; new combinations start empty. No dimensions → one default SKU.
 */
export function generateRows(dims: SpecDim[], previous: SkuRow[], newEnabled = true): SkuRow[] {
  const usable = usableDims(dims);
  let combos: Record<string, string>[] = [{}];
  for (const d of usable) combos = combos.flatMap((c) => d.values.map((v) => ({ ...c, [d.name]: v })));
  const byKey = new Map(previous.map((r) => [r.key, r]));
  return combos.map((specValues) => {
    const key = comboKey(usable, specValues);
    return (
      byKey.get(key) ?? {
        key,
        specValues,
        price: null,
        originalPrice: null,
        stock: null,
        enabled: newEnabled,
        weightGrams: null,
        code: '',
      }
    );
  });
}

export interface RowErrors {
  price?: string;
  originalPrice?: string;
  stock?: string;
  weightGrams?: string;
  code?: string;
}

/** Client-side checks that save a round trip; the server still decides (the 划线价 rule needs its sales history). */
export function validateRows(
  rows: SkuRow[],
  msg: { price: string; stock: string; original: string; weight?: string; code?: string },
): Map<string, RowErrors> {
  const errors = new Map<string, RowErrors>();
  for (const r of rows) {
    // A combination that does not exist yet and stays switched off is simply not created.
    if (!r.id && !r.enabled) continue;
    const e: RowErrors = {};
    if (r.price == null || r.price <= 0) e.price = msg.price;
    if (r.stock == null || r.stock < 0 || !Number.isInteger(r.stock)) e.stock = msg.stock;
    if (r.originalPrice != null && r.price != null && r.originalPrice <= r.price) e.originalPrice = msg.original;
    if (msg.weight && r.weightGrams != null && (r.weightGrams < 0 || !Number.isInteger(r.weightGrams)))
      e.weightGrams = msg.weight;
    if (msg.code && r.code !== '' && !SKU_CODE.test(r.code)) e.code = msg.code;
    if (Object.keys(e).length > 0) errors.set(r.key, e);
  }
  return errors;
}

/** The server's spec text for a combination (values joined by " / "), used to find the row a refusal names. */
export const specTextOf = (dims: SpecDim[], values: Record<string, string>): string =>
  dims
    .map((d) => values[d.name])
    .filter(Boolean)
    .join(' / ') || '默认';
