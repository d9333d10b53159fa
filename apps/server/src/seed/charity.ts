import type { Deps } from '../deps.ts';
import { merchantMembership } from '../modules/accounts/api.ts';
import { setProductPledge } from '../modules/charity/service.ts';
import { listCharityProjects } from '../modules/points/service.ts';
import { makeCtx } from '../platform/context.ts';
import type { SeedProduct } from './journeys.ts';

// Demo 公益商品: two products of demo shops (not the demo owner's own shop, whose finance figures the browser
// journeys read) pledge a fixed amount per item to the demo charity projects, through the charity module as each
// shop's owner. Nothing is donated here: donations happen only when someone buys one.
const DEMO_PLEDGES = [
  { topCategory: 'cat_food', project: '乡村小学图书角', amountPerItem: 100 },
  { topCategory: 'cat_home', project: '流浪动物冬季口粮', amountPerItem: 50 },
];

export async function seedCharityProducts(
  deps: Deps,
  input: { excludeMerchantId: string; products: SeedProduct[] },
): Promise<{ products: string[] }> {
  const projects = (await listCharityProjects(deps.database.db, { includeClosed: false })).items;
  const linked: string[] = [];
  for (const p of DEMO_PLEDGES) {
    const project = projects.find((x) => x.title === p.project);
    const product = input.products.find(
      (x) =>
        x.topCategory === p.topCategory && x.merchantId !== input.excludeMerchantId && !linked.includes(x.productId),
    );
    if (!project || !product) throw new Error(`[seed] 找不到演示公益项目「${p.project}」或 ${p.topCategory} 的商品`);
    const owner = makeCtx(deps, {
      kind: 'user',
      userId: product.ownerUserId,
      sessionId: 'seed',
      roles: ['consumer'],
      staff: [merchantMembership(product.merchantId, 'owner')],
    });
    const res = await setProductPledge(owner, product.productId, {
      projectId: project.id,
      amountPerItem: p.amountPerItem,
    });
    if (!res.ok) throw new Error(`[seed] 演示公益商品设置失败：${res.type}`);
    linked.push(product.productId);
  }
  return { products: linked };
}
