import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { getPublicProduct } from '../catalog/api.ts';
import type { AssistantTurn } from '../service/api.ts';
import { answersQuestion, bm25Index, terms } from './retrieval.ts';
import { type Draft, yuan } from './reply.ts';

// Product facts, retrieved from the product's own page (attributes, specs, prices, stock, description, return
// policy). Each fact is indexed with the ways people ask about it, and answered in the product's own words; a
// question none of them answers goes to a person rather than to a guess.

/** How shoppers ask about an attribute, by the attribute's name on the product page. */
const ASKED_AS: Record<string, string> = {
  材质: '面料 材料 什么做的 质地 布料 纯棉',
  产地: '哪里产 哪产的 生产地 哪里生产 原产地 哪里发 国产 进口',
  品牌: '牌子 什么牌 哪个牌子 正品',
  保质期: '过期 有效期 能放多久 保存多久 多久',
  净含量: '容量 多大 多少ml 多少克 重量 分量 几斤 多重 有多重',
  适用肤质: '肤质 敏感肌 干皮 油皮 混油 敏感 适合',
  适用年龄: '几岁 多大的孩子 年龄 宝宝 适合',
  适用季节: '季节 夏天 冬天 春秋 什么时候穿 冷不冷 厚不厚 适合',
  储存方式: '保存 储存 冷藏 冰箱 放冰箱 常温',
  保修期: '保修 质保 坏了 维修 保多久',
  配料: '成分 配料表 添加剂 含糖 原料',
  功效: '效果 作用 有用吗 功能',
  连接方式: '蓝牙 连接 有线 无线',
  版型: '宽松 修身 显瘦 版型',
  认证: '认证 安全 检测 标准',
};

const MIN_SCORE = 0.5;

/** A spec value and how it is asked for: "月光白" is asked as 白色, "XL" as xl. */
const spoken = (value: string) => {
  const colour = /[白黑红蓝绿灰粉紫黄棕]$/.exec(value)?.[0];
  return colour ? `${value} ${colour}色` : value;
};

export async function productFacts(ctx: Ctx, turn: AssistantTurn): Promise<Draft> {
  if (!turn.context.productId) {
    return {
      text: '我不知道你问的是哪件商品（从商品页点「联系客服」，我就能按那件商品的详情回答），',
      handover: 'low_confidence',
    };
  }
  let p;
  try {
    p = await getPublicProduct(ctx, turn.context.productId);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) return { text: '这件商品已下架或不存在，无法查询它的信息。' };
    throw e;
  }
  const price = p.minPrice === p.maxPrice ? yuan(p.minPrice) : `${yuan(p.minPrice)}–${yuan(p.maxPrice)}`;
  const inStock = p.skus.filter((s) => s.stock > 0);
  const facts = [
    ...p.attributes.map((a) => ({
      text: `${a.name} ${a.value} ${ASKED_AS[a.name] ?? ''}`,
      item: `${a.name}：${a.value}`,
    })),
    ...p.specs.map((s) => ({
      text: `${s.name} ${s.values.map(spoken).join(' ')} 规格 选项 有哪些 可选 哪几种 款式 颜色 尺码 大小 型号`,
      item: `可选${s.name}：${s.values.join('、')}`,
    })),
    { text: '价格 多少钱 价钱 售价 贵 便宜 优惠', item: `价格：${price}（以页面和结算页为准）` },
    {
      text: '有货 现货 库存 缺货 还有吗 有没有货 卖完 断货',
      item: inStock.length ? `目前有货（${inStock.map((s) => s.specText).join('、')}）` : '目前所有规格都已售罄',
    },
    { text: '退货 退换 无理由 七天', item: p.returnPolicy.text },
    { text: '店铺 商家 哪家店 谁卖的', item: `由「${p.merchant.name}」销售` },
    { text: '正品 假货 真的吗 保证', item: `由「${p.merchant.name}」销售，页面信息由商家提供并对其负责` },
    ...`${p.subtitle}\n${p.description}`
      .split(/[。\n；]/)
      .map((s) => s.trim())
      .filter((s) => s.length > 3 && !s.includes('演示数据'))
      .map((s) => ({ text: s, item: s })),
  ];
  const hits = bm25Index(facts).search(turn.text, 2);
  const toolsUsed = [{ tool: 'catalog.getPublicProduct', summary: `${p.id} ${hits.length} 条相关信息` }];
  const best = hits[0];
  // Words of the product's own title ("这个面霜…") say which product, not what is asked: the rest of the question
  // must be mostly found in the fact, or the fact answers something else ("孕妇能用这个面霜吗" is not about 面霜).
  const title = p.title.toLowerCase();
  const asked = terms(turn.text).filter((t) => !title.includes(t));
  if (!best || best.score < MIN_SCORE || !answersQuestion(asked, best.matched)) {
    return {
      text: `「${p.title}」的商品详情里没有写到这一点，我不能确定，`,
      cards: [{ kind: 'product', id: p.id }],
      toolsUsed,
      handover: 'low_confidence',
    };
  }
  const extra = hits[1] && hits[1].score > best.score * 0.8 ? `；${hits[1].item}` : '';
  return {
    text: `「${p.title}」${best.item}${extra}。`,
    cards: [{ kind: 'product', id: p.id }],
    toolsUsed,
  };
}
