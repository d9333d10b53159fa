import { asc, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { categories } from './schema.ts';

type Seed = {
  id: string;
  name: string;
  children: { id: string; name: string; noReasonReturn?: false; note?: string }[];
};

const PERISHABLE = '生鲜易腐商品签收后不支持七天无理由退货，质量问题请申请售后';
const HYGIENE = '贴身衣物拆封后不支持七天无理由退货';

/** The category tree every installation starts with. Stable ids so links and seed data survive re-creation. */
const DEFAULT_CATEGORIES: Seed[] = [
  {
    id: 'cat_beauty',
    name: '美妆护肤',
    children: [
      { id: 'cat_skincare', name: '面部护肤' },
      { id: 'cat_makeup', name: '彩妆' },
      { id: 'cat_fragrance', name: '香水香氛' },
      { id: 'cat_special_cosmetics', name: '特殊化妆品' },
    ],
  },
  {
    id: 'cat_apparel',
    name: '服饰鞋包',
    children: [
      { id: 'cat_women', name: '女装' },
      { id: 'cat_men', name: '男装' },
      { id: 'cat_shoes', name: '鞋靴箱包' },
      { id: 'cat_underwear', name: '内衣家居服', noReasonReturn: false, note: HYGIENE },
    ],
  },
  {
    id: 'cat_home',
    name: '家居生活',
    children: [
      { id: 'cat_bedding', name: '床上用品' },
      { id: 'cat_kitchen', name: '厨房用品' },
      { id: 'cat_storage', name: '收纳清洁' },
    ],
  },
  {
    id: 'cat_food',
    name: '食品生鲜',
    children: [
      { id: 'cat_snacks', name: '休闲零食' },
      { id: 'cat_fresh', name: '生鲜水果', noReasonReturn: false, note: PERISHABLE },
      { id: 'cat_tea', name: '茶饮冲调' },
    ],
  },
  {
    id: 'cat_digital',
    name: '数码家电',
    children: [
      { id: 'cat_phone_acc', name: '手机配件' },
      { id: 'cat_smart', name: '智能设备' },
      { id: 'cat_audio', name: '影音娱乐' },
    ],
  },
  {
    id: 'cat_baby',
    name: '母婴亲子',
    children: [
      { id: 'cat_formula', name: '奶粉辅食' },
      { id: 'cat_kids_wear', name: '童装童鞋' },
      { id: 'cat_toys', name: '玩具早教' },
    ],
  },
];

/** Inserts the default tree where missing; never overwrites what an operator changed. */
export async function ensureDefaultCategories(db: Db): Promise<void> {
  const rows = DEFAULT_CATEGORIES.flatMap((top, i) => [
    {
      id: top.id,
      parentId: null,
      name: top.name,
      sort: i,
      noReasonReturn: true,
      returnPolicyNote: null,
      iconUrl: `/media/placeholder/${top.id}.svg?label=${encodeURIComponent(top.name)}`,
    },
    ...top.children.map((c, j) => ({
      id: c.id,
      parentId: top.id,
      name: c.name,
      sort: j,
      noReasonReturn: c.noReasonReturn ?? true,
      returnPolicyNote: c.note ?? null,
      iconUrl: `/media/placeholder/${c.id}.svg?label=${encodeURIComponent(c.name)}`,
    })),
  ]);
  await db.insert(categories).values(rows).onConflictDoNothing();
}

export async function listCategoryRows(db: Db) {
  return db
    .select()
    .from(categories)
    .orderBy(sql`${categories.parentId} nulls first`, asc(categories.sort), asc(categories.id));
}
