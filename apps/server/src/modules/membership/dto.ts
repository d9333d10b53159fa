import { z } from 'zod';
import { TIER_CODES } from './schema.ts';

/** What membership and points did to a checkout quote (orders' Quote.loyalty). */
export const CheckoutLoyalty = z.object({
  tier: z.enum(TIER_CODES),
  tierName: z.string(),
  memberPercentOff: z.number().int().describe('会员价：商品金额减免百分比'),
  freeShipping: z.boolean().describe('会员包邮（免基础运费）'),
  points: z.object({
    balance: z.number().int(),
    usable: z.number().int().describe('本单最多可用积分（整百，≤ 商品金额 20%）'),
    used: z.number().int().describe('本单已抵扣积分（usePoints=true 时）'),
    pointsPerYuan: z.number().int(),
    capPercent: z.number().int(),
  }),
});

export const UsePoints = z.boolean().optional().describe('使用积分抵扣（100 积分 = ¥1，最多抵商品金额的 20%）');
