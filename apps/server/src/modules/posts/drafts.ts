import type { Ctx } from '../../platform/context.ts';
import { requireUser } from '../../platform/auth.ts';
import {
  type CategoryNode,
  getCategoryTree,
  getMerchantBriefs,
  getOwnProduct,
  getPublicProduct,
} from '../catalog/api.ts';

/** What a writer knows about a product: only its own listing, so nothing is invented. */
interface ProductFacts {
  title: string;
  subtitle: string;
  categoryName: string;
  attributes: { name: string; value: string }[];
  specNames: string[];
  minPrice: number;
  brandName: string;
}

export const DRAFT_STYLES = ['seeding', 'review', 'outfit'] as const;
export type DraftStyle = (typeof DRAFT_STYLES)[number];

export interface PostDraft {
  title: string;
  body: string;
  topics: string[];
}
export interface ProductCopy {
  title: string;
  sellingPoints: string[];
  description: string;
}

/**
 * AI-assisted drafting behind one interface. No model is reachable from here, so the shipped writer fills
 * templates from the product's attributes; a model-backed writer implements the same two methods.
 */
interface DraftWriter {
  postDraft(facts: ProductFacts, style: DraftStyle, variant: number): PostDraft;
  productCopy(facts: ProductFacts, variant: number): ProductCopy;
}

const yuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));
const pick = <T>(list: readonly T[], variant: number): T => list[Math.abs(variant) % list.length]!;
const clip = (s: string, n: number) => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

const OPENERS: Record<DraftStyle, readonly string[]> = {
  seeding: ['最近入手了{title}，忍不住来分享', '挖到一个宝藏好物：{title}', '{title}用了一段时间，说说真实感受'],
  review: ['【测评】{title}值不值得买？', '{title}深度测评，优缺点都说', '实测{title}，数据说话'],
  outfit: ['今天的穿搭主角：{title}', '{title}这样搭，通勤约会都合适', '一件{title}的三种穿法'],
};
const TOPICS: Record<DraftStyle, readonly string[]> = {
  seeding: ['好物分享', '种草'],
  review: ['真实测评', '好物测评'],
  outfit: ['晒出你的穿搭', '每日穿搭'],
};

function fill(template: string, f: ProductFacts): string {
  return template.replaceAll('{title}', f.title);
}

const templateDraftWriter: DraftWriter = {
  postDraft(f, style, variant) {
    const facts = f.attributes.slice(0, 5).map((a) => `· ${a.name}：${a.value}`);
    const lines = [
      fill(pick(OPENERS[style], variant), f) + '～',
      '',
      f.subtitle ? `一句话总结：${f.subtitle}` : `来自${f.brandName}的${f.categoryName}。`,
      ...(facts.length > 0 ? ['', '我关注的几个点：', ...facts] : []),
      ...(f.specNames.length > 0 ? ['', `可选${f.specNames.join('、')}，按需挑选。`] : []),
      '',
      style === 'review'
        ? `到手价 ${yuan(f.minPrice)} 元起，优点和不足我都写在上面了，大家按需参考。`
        : `到手价 ${yuan(f.minPrice)} 元起，链接在下方商品卡片～`,
      '',
      [...TOPICS[style], f.categoryName].map((t) => `#${t}#`).join(' '),
    ];
    return {
      title: clip(fill(pick(OPENERS[style], variant), f), 40),
      body: lines.join('\n'),
      topics: [...TOPICS[style], f.categoryName],
    };
  },
  productCopy(f, variant) {
    const points = f.attributes.slice(0, 4).map((a) => `${a.name}：${a.value}`);
    const lead = pick(['{brand}出品，{title}', '{title}｜{brand}', '{category}之选：{title}'], variant)
      .replace('{brand}', f.brandName)
      .replace('{title}', f.title)
      .replace('{category}', f.categoryName);
    return {
      title: clip(lead, 60),
      sellingPoints: points.length > 0 ? points : [`${f.categoryName}，${f.brandName}出品`],
      description: [
        f.subtitle || `${f.title}，来自${f.brandName}。`,
        ...(points.length > 0 ? [`产品信息：${points.join('；')}。`] : []),
        ...(f.specNames.length > 0 ? [`可选规格：${f.specNames.join('、')}。`] : []),
        `售价 ${yuan(f.minPrice)} 元起，以下单页为准。`,
      ].join('\n'),
    };
  },
};

const writer: DraftWriter = templateDraftWriter;

/** A shopper or creator drafts a post about a listed product. */
export async function draftPost(
  ctx: Ctx,
  input: { productId: string; style: DraftStyle; variant: number },
): Promise<PostDraft> {
  requireUser(ctx.actor);
  const p = await getPublicProduct(ctx, input.productId);
  const facts: ProductFacts = {
    title: p.title,
    subtitle: p.subtitle,
    categoryName: p.category.name,
    attributes: p.attributes,
    specNames: p.specs.map((s) => s.name),
    minPrice: p.minPrice,
    brandName: p.merchant.name,
  };
  return writer.postDraft(facts, input.style, input.variant);
}

/** A merchant drafts listing copy for one of its own products (drafts too, not only listed ones). */
export async function draftProductCopy(ctx: Ctx, input: { productId: string; variant: number }): Promise<ProductCopy> {
  const p = await getOwnProduct(ctx, input.productId);
  const brand = (await getMerchantBriefs(ctx.db, [p.merchantId])).get(p.merchantId);
  const facts: ProductFacts = {
    title: p.title,
    subtitle: p.subtitle,
    categoryName: findCategory(await getCategoryTree(ctx), p.categoryId)?.name ?? '好物',
    attributes: p.attributes,
    specNames: p.specs.map((s) => s.name),
    minPrice: p.minPrice,
    brandName: brand?.name ?? '本店',
  };
  return writer.productCopy(facts, input.variant);
}

function findCategory(nodes: CategoryNode[], id: string): CategoryNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const found = findCategory(n.children, id);
    if (found) return found;
  }
  return undefined;
}
