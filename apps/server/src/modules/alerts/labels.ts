import type { Ctx } from '../../platform/context.ts';
import { publicProfiles } from '../accounts/api.ts';
import { getCategoryPaths, getMerchantBriefs } from '../catalog/api.ts';
import type { StoredContribution } from './schema.ts';

// The drill-down stores the raw dimension values the events carry (ids, codes); operators read names. Names are
// looked up when an alert is read, so a renamed shop or category shows its current name.

export type LabelledContribution = StoredContribution & { valueLabel: string };

const FIXED: Record<string, Record<string, string>> = {
  channel: {
    post: '笔记',
    live: '直播',
    community: '社群',
    share: '分享',
    affiliate: '推广',
    search: '搜索',
    direct: '直接访问',
  },
  platform: { ios: 'iOS', android: 'Android', desktop: '电脑', other: '其他设备' },
  pay_method: { sandbox: '沙箱支付', wechat: '微信支付', alipay: '支付宝', balance: '余额' },
};

/** Each contribution with a readable `valueLabel` (the raw value when nothing better is known, e.g. 未知). */
export async function labelContributions(
  ctx: Ctx,
  lists: readonly (readonly StoredContribution[])[],
): Promise<LabelledContribution[][]> {
  const all = lists.flat();
  const merchantIds = all.filter((c) => c.dimension === 'merchant_id').map((c) => c.value);
  const merchants = await getMerchantBriefs(ctx.db, merchantIds);
  const staff = await publicProfiles(
    ctx.db,
    all.filter((c) => c.dimension === 'staff_user_id').map((c) => c.value),
  );
  const categories = all.some((c) => c.dimension === 'category_id')
    ? await getCategoryPaths(ctx)
    : new Map<string, string>();
  const label = (c: StoredContribution): string => {
    if (c.dimension === 'merchant_id') return merchants.get(c.value)?.name ?? c.value;
    if (c.dimension === 'category_id') return categories.get(c.value) ?? c.value;
    if (c.dimension === 'staff_user_id') return staff.get(c.value)?.nickname ?? c.value;
    return FIXED[c.dimension]?.[c.value] ?? c.value;
  };
  return lists.map((list) => list.map((c) => ({ ...c, valueLabel: label(c) })));
}
