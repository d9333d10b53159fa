// What the content module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { DELETE, KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { contentCreatorShares, contentEntitlements, contentProgress } from './schema.ts';

export const contentPersonalData = personalData('content', [
  {
    table: contentEntitlements,
    by: [contentEntitlements.userId],
    purpose: '已购、订阅或随商品获得的课程（学习权限）',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: contentProgress,
    by: [contentProgress.userId],
    purpose: '课程学习进度',
    classes: { user_id: 'personal' },
    retention: RETAIN.behaviour,
    erase: DELETE,
  },
  {
    table: contentCreatorShares,
    by: [contentCreatorShares.creatorUserId],
    purpose: '课程创作者分成记录',
    classes: { creator_user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
]);
