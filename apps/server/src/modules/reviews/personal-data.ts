// What the reviews module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { DELETE, KEEP_AS_ANONYMOUS, RETAIN, personalData } from '../../platform/privacy.ts';
import { reviewAppeals, reviewFingerprints, reviewFlags, reviewReplies, reviews } from './schema.ts';

export const reviewsPersonalData = personalData('reviews', [
  {
    table: reviews,
    by: [reviews.userId],
    purpose: '商品评价（文字与图片）',
    classes: { user_id: 'personal', content: 'personal', images: 'personal' },
    retention: RETAIN.content,
    erase: KEEP_AS_ANONYMOUS,
  },
  {
    table: reviewReplies,
    by: [reviewReplies.userId],
    purpose: '评价下的回复',
    classes: { user_id: 'personal', content: 'personal' },
    retention: RETAIN.content,
    erase: KEEP_AS_ANONYMOUS,
  },
  {
    table: reviewFingerprints,
    by: [reviewFingerprints.userId],
    purpose: '识别虚假评价（网络地址、设备、收货地址与付款账户只存带密钥的哈希）',
    classes: {
      user_id: 'personal',
      ip_hash: 'personal',
      device_hash: 'personal',
      address_hash: 'personal',
      payer_hash: 'personal',
    },
    retention: RETAIN.content,
    erase: DELETE,
  },
  {
    table: reviewFlags,
    by: [reviewFlags.decidedBy],
    purpose: '评价审核的处理人',
    classes: { decided_by: 'personal' },
    retention: RETAIN.content,
    erase: KEEP_AS_ANONYMOUS,
  },
  {
    table: reviewAppeals,
    by: [reviewAppeals.userId, reviewAppeals.decidedBy],
    purpose: '评价申诉：申诉人、申诉理由与处理人',
    classes: { user_id: 'personal', reason: 'personal', decided_by: 'personal' },
    retention: RETAIN.content,
    erase: KEEP_AS_ANONYMOUS,
  },
]);
