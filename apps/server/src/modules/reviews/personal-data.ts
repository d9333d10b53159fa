// What the reviews module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { KEEP_AS_ANONYMOUS, RETAIN, personalData } from '../../platform/privacy.ts';
import { reviewReplies, reviews } from './schema.ts';

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
]);
