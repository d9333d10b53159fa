/**
 * Admission rules per main category (一级类目): the deposit (保证金, fen) a merchant keeps with the platform and the
 * qualifications (资质) an application must carry besides the business licence. One table, read by the form and the
 * review, so what the applicant is asked for and what the operator checks never drift apart.
 */
export const QUALIFICATION_KINDS = {
  'food-licence': '食品经营许可证',
  'cosmetics-record': '化妆品备案凭证或品牌授权书',
  'brand-authorisation': '品牌授权书或商标注册证',
  'ccc-certificate': '3C 强制性产品认证证书',
  'infant-product-report': '婴童用品质检报告',
} as const;
export type QualificationKind = keyof typeof QUALIFICATION_KINDS;

export interface CategoryRule {
  categoryId: string;
  name: string;
  deposit: number;
  qualifications: QualificationKind[];
}

export const CATEGORY_RULES: CategoryRule[] = [
  { categoryId: 'cat_beauty', name: '美妆护肤', deposit: 1_000_000, qualifications: ['cosmetics-record'] },
  { categoryId: 'cat_apparel', name: '服饰鞋包', deposit: 500_000, qualifications: ['brand-authorisation'] },
  { categoryId: 'cat_home', name: '家居生活', deposit: 300_000, qualifications: [] },
  { categoryId: 'cat_food', name: '食品生鲜', deposit: 1_000_000, qualifications: ['food-licence'] },
  { categoryId: 'cat_digital', name: '数码家电', deposit: 2_000_000, qualifications: ['ccc-certificate'] },
  { categoryId: 'cat_baby', name: '母婴亲子', deposit: 1_000_000, qualifications: ['infant-product-report'] },
];

export const ruleFor = (categoryId: string): CategoryRule | undefined =>
  CATEGORY_RULES.find((r) => r.categoryId === categoryId);

/** Review SLA: an application is decided within this many working days (Mon–Fri, Asia/Shanghai) of submission. */
export const REVIEW_WORKING_DAYS = 2;
/** Exit: the deposit stays until the after-sale window of the last orders has closed (7-day returns + delivery + receipt). */
export const EXIT_HOLD_DAYS = 15;

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * The moment `days` working days after `from`: counted in Shanghai calendar days, skipping Saturdays and Sundays
 * (public holidays are not modelled). A Friday-evening submission is due Tuesday evening.
 */
export function addWorkingDays(from: Date, days: number): Date {
  let t = from.getTime();
  let left = days;
  while (left > 0) {
    t += DAY_MS;
    const weekday = new Date(t + SHANGHAI_OFFSET_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(t);
}

/** Validity: the shop is warned once this many days before a document's last valid day. */
export const EXPIRY_WARNING_DAYS = 30;
/** Recorded on each product an expired qualification took off sale. */
export const EXPIRY_DELIST_REASON = '资质过期';

/**
 * The main categories whose products need a document: a category qualification is needed where rules.ts asks for it;
 * the business licence underlies every category, so its expiry concerns the whole shop ('all').
 */
export function categoriesRequiring(kind: string): string[] | 'all' {
  if (kind === 'business-licence') return 'all';
  return CATEGORY_RULES.filter((r) => (r.qualifications as string[]).includes(kind)).map((r) => r.categoryId);
}
