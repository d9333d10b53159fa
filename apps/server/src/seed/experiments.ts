import type { Deps } from '../deps.ts';
import { createExperiment } from '../modules/experiments/service.ts';
import { systemActor } from '../platform/auth.ts';
import { makeCtx } from '../platform/context.ts';

/**
 * The three experiments the shop's home page is wired for, as demo drafts (marked 演示, isDemo): nothing runs and no
 * result exists until an operator starts one in the console. Baselines are planning guesses, labelled as such.
 */
export async function seedExperiments(deps: Deps): Promise<number> {
  const ctx = makeCtx(deps, systemActor('seed'));
  const drafts = [
    {
      key: 'home-layout',
      name: '【演示】首页商品流：双列网格 vs 大卡片',
      hypothesis: '大卡片让商品图与价格更醒目，假设能提高首页访客的支付转化（演示实验，基线为规划假设）',
      layer: 'home-layout',
      variants: [
        { key: 'grid', name: '双列网格（对照）', weight: 50 },
        { key: 'large', name: '大卡片', weight: 50 },
      ],
      trafficPercent: 100,
      primaryMetric: 'conversion' as const,
      guardrails: ['refund_rate' as const, 'pay_success' as const, 'average_order_value' as const],
      baselineRate: 0.03,
      minimumDetectableEffect: 0.2,
    },
    {
      key: 'home-ranking',
      name: '【演示】首页排序：热销 vs 综合推荐',
      hypothesis: '综合销量、评分与上新时间的推荐排序让新品有机会露出，假设人均支付金额不降（演示实验）',
      layer: 'ranking',
      variants: [
        { key: 'sales', name: '按销量（对照）', weight: 50 },
        { key: 'recommended', name: '综合推荐', weight: 50 },
      ],
      trafficPercent: 50,
      primaryMetric: 'revenue_per_user' as const,
      guardrails: ['refund_rate' as const, 'average_order_value' as const],
      baselineRate: 0.03,
      minimumDetectableEffect: 0.2,
    },
    {
      key: 'feed-ranker',
      name: '【演示】为你推荐排序：长尾穿插 vs 仅按模型分数',
      hypothesis:
        '离线评估里长尾穿插把覆盖率从 11% 提到 37%、命中率从 0.149 降到 0.093；假设线上支付转化不降（演示实验）',
      layer: 'feed-ranking',
      variants: [
        { key: 'diverse', name: '长尾穿插（对照）', weight: 50 },
        { key: 'score', name: '仅按模型分数', weight: 50 },
      ],
      trafficPercent: 100,
      primaryMetric: 'conversion' as const,
      guardrails: ['refund_rate' as const, 'average_order_value' as const],
      baselineRate: 0.03,
      minimumDetectableEffect: 0.2,
    },
  ];
  let created = 0;
  for (const d of drafts) if ((await createExperiment(ctx, d, { isDemo: true })).ok) created++;
  return created;
}
