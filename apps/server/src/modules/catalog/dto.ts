import { z } from 'zod';
import { OwnMediaUrl } from '../../platform/media.ts';

// Request and response schemas of the catalog's routes: they validate, type and document the API in one place.

export const IdParams = z.object({ id: z.string().min(1).max(64) });

export const PageQuery = z.object({
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int('每页条数须为整数').min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(20),
});
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const Fen = z.number({ error: '金额须为数字（单位：分）' }).int('金额须为整数（单位：分）');
const Price = Fen.min(1, '价格须大于 0').max(100_000_000, '价格不能超过 100 万元');
const Stock = z
  .number({ error: '库存须为数字' })
  .int('库存须为整数')
  .min(0, '库存不能为负数')
  .max(10_000_000, '库存过大');
export const MAX_WEIGHT_GRAMS = 1_000_000;
const WeightGrams = z
  .number({ error: '重量须为数字（单位：克）' })
  .int('重量须为整数（单位：克）')
  .min(0, '重量不能为负数')
  .max(MAX_WEIGHT_GRAMS, '重量不能超过 1000 kg');
/** 商家编码: what ERPs and warehouses print on labels — letters, digits, - _ . only. */
export const SKU_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const SkuCode = z.string().trim().regex(SKU_CODE, '商家编码为 1–40 位字母、数字或 - _ .，以字母或数字开头');

const Attribute = z.object({
  name: z.string().trim().min(1, '请填写属性名').max(20),
  value: z.string().trim().min(1, '请填写属性值').max(100),
});
const SpecDimension = z.object({
  name: z.string().trim().min(1, '请填写规格名').max(20),
  values: z.array(z.string().trim().min(1, '规格值不能为空').max(30)).min(1, '每个规格至少一个值').max(50),
});
const SpecValues = z.record(z.string().max(20), z.string().max(30));

const Rating = z.object({ average: z.number().nullable(), count: z.number() });

export const MerchantCard = z.object({
  id: z.string(),
  name: z.string(),
  logoUrl: z.string().nullable(),
  description: z.string(),
  productCount: z.number(),
  rating: Rating,
  createdAt: z.string(),
});
export const MerchantView = MerchantCard.extend({
  status: z.enum(['active', 'suspended']),
  creditScore: z.number(),
  totalProductCount: z.number(),
});

export const CreateMerchantBody = z.object({
  name: z.string().trim().min(2, '店铺名称至少 2 个字').max(30, '店铺名称最多 30 个字'),
  description: z.string().trim().max(500, '店铺简介最多 500 字').default(''),
  logoUrl: OwnMediaUrl.nullable().optional(),
  ownerPhone: z.string().regex(/^1[3-9]\d{9}$/, '请输入店主的 11 位手机号'),
  ownerNickname: z.string().trim().min(1).max(20).optional(),
});
export const UpdateProfileBody = CreateMerchantBody.pick({ name: true, logoUrl: true })
  .extend({ description: z.string().trim().max(500, '店铺简介最多 500 字') })
  .partial();

const ProductText = {
  title: z.string().trim().min(2, '商品标题至少 2 个字').max(60, '商品标题最多 60 个字'),
  subtitle: z.string().trim().max(100, '副标题最多 100 个字'),
  description: z.string().max(10_000, '商品详情最多 10000 字'),
  images: z.array(OwnMediaUrl).max(9, '最多 9 张图片'),
  attributes: z.array(Attribute).max(30, '最多 30 个属性'),
  categoryId: z.string().min(1, '请选择类目').max(64),
  madeToOrder: z.boolean(),
};

export const CreateProductBody = z.object({
  ...ProductText,
  subtitle: ProductText.subtitle.optional(),
  description: ProductText.description.optional(),
  images: ProductText.images.optional(),
  attributes: ProductText.attributes.optional(),
  madeToOrder: ProductText.madeToOrder.optional(),
  specs: z.array(SpecDimension).max(3, '最多 3 个规格维度'),
  skus: z
    .array(
      z.object({
        specValues: SpecValues,
        price: Price,
        originalPrice: Price.nullable().optional(),
        stock: Stock,
        weightGrams: WeightGrams.optional(),
      }),
    )
    .min(1, '至少一个 SKU')
    .max(200, '最多 200 个 SKU'),
  listed: z.boolean().optional(),
});
export const UpdateProductBody = z.object(ProductText).partial();

export const EditSkusBody = z
  .object({
    updates: z
      .array(
        z.object({
          skuId: z.string().min(1).max(64),
          price: Price.optional(),
          originalPrice: Price.nullable().optional(),
          stock: Stock.optional(),
          enabled: z.boolean().optional(),
          weightGrams: WeightGrams.optional(),
          code: SkuCode.nullable().optional(),
        }),
      )
      .max(200)
      .optional(),
    additions: z
      .array(
        z.object({
          specValues: SpecValues,
          price: Price,
          stock: Stock,
          enabled: z.boolean().optional(),
          weightGrams: WeightGrams.optional(),
        }),
      )
      .max(200)
      .optional(),
  })
  .refine((b) => (b.updates?.length ?? 0) + (b.additions?.length ?? 0) > 0, '请至少修改或新增一个 SKU');

export const ProductStatus = z.enum(['draft', 'listed', 'delisted']);

const ProductCore = {
  id: z.string(),
  merchantId: z.string(),
  categoryId: z.string(),
  title: z.string(),
  subtitle: z.string(),
  images: z.array(z.string()),
  status: ProductStatus,
  madeToOrder: z.boolean(),
  minPrice: z.number(),
  maxPrice: z.number(),
  salesCount: z.number(),
  rating: Rating,
  createdAt: z.string(),
  updatedAt: z.string(),
};
const MerchantSku = z.object({
  id: z.string(),
  specValues: z.record(z.string(), z.string()),
  specText: z.string(),
  price: z.number(),
  originalPrice: z.number().nullable(),
  stock: z.number(),
  enabled: z.boolean(),
  weightGrams: z.number().describe('重量（克），0 表示未填'),
  code: z.string().nullable().describe('商家编码'),
});
export const MerchantProduct = z.object({
  ...ProductCore,
  description: z.string(),
  attributes: z.array(z.object({ name: z.string(), value: z.string() })),
  specs: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  skus: z.array(MerchantSku),
});
export const MerchantProductListItem = z.object({ ...ProductCore, totalStock: z.number(), skuCount: z.number() });

export const PriceHistoryEntry = z.object({
  id: z.string(),
  skuId: z.string(),
  specText: z.string(),
  price: z.number(),
  originalPrice: z.number().nullable(),
  changedAt: z.string(),
  changedBy: z.string(),
});

export const PublicProduct = z.object({
  id: z.string(),
  title: z.string(),
  subtitle: z.string(),
  description: z.string(),
  images: z.array(z.string()),
  attributes: z.array(z.object({ name: z.string(), value: z.string() })),
  category: z.object({
    id: z.string(),
    name: z.string(),
    parent: z.object({ id: z.string(), name: z.string() }).nullable(),
  }),
  specs: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  skus: z.array(MerchantSku.omit({ enabled: true, weightGrams: true, code: true })),
  minPrice: z.number(),
  maxPrice: z.number(),
  salesCount: z.number(),
  rating: Rating,
  madeToOrder: z.boolean(),
  returnPolicy: z.object({ noReason7d: z.boolean(), reason: z.string().nullable(), text: z.string() }),
  merchant: MerchantCard,
});

export const ProductCard = z.object({
  id: z.string(),
  title: z.string(),
  subtitle: z.string(),
  imageUrl: z.string().nullable(),
  minPrice: z.number(),
  maxPrice: z.number(),
  salesCount: z.number(),
  rating: Rating,
  categoryId: z.string(),
  merchant: z.object({ id: z.string(), name: z.string() }),
  score: z.number(),
});

const OptionalFen = z.coerce.number().int('价格须为整数（单位：分）').min(0, '价格不能为负数').optional();
export const SearchQuery = PageQuery.extend({
  q: z.string().trim().max(50, '搜索词最多 50 个字').optional(),
  categoryId: z.string().max(64).optional(),
  merchantId: z.string().max(64).optional(),
  minPrice: OptionalFen,
  maxPrice: OptionalFen,
  sort: z
    .enum(['relevance', 'price_asc', 'price_desc', 'sales', 'newest', 'recommended'], {
      error: '排序方式须为 relevance、price_asc、price_desc、sales、newest 或 recommended',
    })
    .describe('recommended：综合推荐（销量对数 + 评分 + 新品加权，见 catalog/ranking.ts）')
    .optional(),
});

const CategoryLeaf = z.object({
  id: z.string(),
  name: z.string(),
  iconUrl: z.string().nullable(),
  noReasonReturn: z.boolean(),
  returnPolicyNote: z.string().nullable(),
});
/** Two levels: top-level categories and their children. */
export const CategoryTree = z.object({
  items: z.array(CategoryLeaf.extend({ children: z.array(CategoryLeaf.extend({ children: z.array(z.never()) })) })),
});

const SearchWordKind = z.enum(['synonym', 'category'], {
  error: '词条类型只能是 synonym（同义词）或 category（类目词）',
});
const SearchWord = z.string({ error: '词语须为文字' }).trim().min(1, '词语不能为空').max(20, '每个词最多 20 个字');
export const SearchWordListQuery = PageQuery.extend({
  kind: SearchWordKind.default('synonym'),
  q: z.string().trim().max(20, '搜索词最多 20 个字').optional().describe('只看包含这个词的词条'),
  deleted: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true：只看已删除（可撤销）的词条'),
});
export const SearchWordBody = z.object({
  kind: SearchWordKind,
  words: z.array(SearchWord, { error: '请填写词语' }).min(1, '请至少填写一个词').max(12, '一组最多 12 个词'),
  categoryIds: z.array(z.string().min(1).max(64)).max(20, '最多 20 个类目').default([]),
});
export const SearchWordUpdateBody = SearchWordBody.omit({ kind: true });
export const SearchWordView = z.object({
  id: z.string(),
  kind: SearchWordKind,
  words: z.array(z.string()).describe('同义词组的全部词；类目词只有一个'),
  categories: z.array(z.object({ id: z.string(), name: z.string() })),
  updatedAt: z.string(),
  updatedBy: z.string().nullable().describe('最后修改的运营用户 id；内置词条为 null'),
  deletedAt: z.string().nullable(),
});
const WordSnapshot = z
  .object({
    kind: SearchWordKind,
    words: z.array(z.string()),
    categoryIds: z.array(z.string()),
    deletedAt: z.string().nullable(),
  })
  .nullable();
export const SearchWordHistory = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      action: z.enum(['create', 'update', 'delete', 'restore']),
      actorId: z.string(),
      actorName: z.string(),
      at: z.string(),
      before: WordSnapshot,
      after: WordSnapshot,
    }),
  ),
});
