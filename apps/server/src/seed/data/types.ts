/** The shape of the per-category templates the demo catalogue is generated from (brands × product types × variants). */

export interface SpecTemplate {
  name: string;
  /** Candidate values, smallest / cheapest first. */
  values: string[];
  /** How many of the values one product offers: [min, max]. */
  take: [number, number];
  /** Price increase per step up the list (0.6 = +60%); absent for colours and flavours. */
  step?: number;
}

export interface ProductType {
  /** Lower-case ASCII, used in placeholder image names. */
  key: string;
  /** Subcategory id (modules/catalog/categories.ts). */
  sub: string;
  name: string;
  /** Price of the cheapest SKU, in yuan: [min, max]. */
  price: [number, number];
  specs: SpecTemplate[];
  /** Series words that make titles distinct: 水润 / 臻白 / 轻盈 … */
  series: string[];
  /** Selling points; subtitles and descriptions are built from them. */
  points: string[];
  /** Category-specific attributes; a list means one is chosen per product. */
  attrs: Record<string, string | string[]>;
  /** Where the goods come from when it is not the brand's home (fruit, tea). */
  origin?: string;
}

export interface Brand {
  name: string;
  origin: string;
}

export interface CategoryTemplate {
  top: string;
  brands: Brand[];
  types: ProductType[];
  /** Products to generate for this category. */
  count: number;
  /** A closing sentence for descriptions (care, storage or after-sales notes). */
  closing: string;
}
