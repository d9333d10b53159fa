import type { MyReview } from '../api/reviews.ts';
import type { MessageKey } from '../i18n/index.tsx';

export type ModerationState = NonNullable<MyReview['moderation']>['state'];

/** How a held review's state reads to its author, and whether it is public right now. */
export const STATE: Record<ModerationState, { label: MessageKey; hint: MessageKey; publicNow: boolean }> = {
  held: { label: '审核中', hint: '平台正在核实这条评价，核实前暂不公开、不计入评分', publicNow: false },
  cleared: { label: '审核通过', hint: '平台核实后已公开展示，并计入评分', publicNow: true },
  removed: { label: '审核后不展示', hint: '平台核实后决定不展示这条评价。如有异议，可申诉一次', publicNow: false },
  appealed: { label: '申诉处理中', hint: '平台会在 {time} 前处理你的申诉', publicNow: false },
  reinstated: { label: '申诉成功，已恢复展示', hint: '评价已公开展示，并计入商品评分', publicNow: true },
  upheld: { label: '申诉未通过', hint: '评价维持不展示，处理说明见下方', publicNow: false },
};
