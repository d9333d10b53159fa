// What the attribution module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { DELETE, KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { attributionTouches, lineAttributions, shareLinks } from './schema.ts';

export const attributionPersonalData = personalData('attribution', [
  {
    table: attributionTouches,
    by: [attributionTouches.userId, attributionTouches.creatorId, attributionTouches.sharerId],
    purpose: '记录从哪篇笔记、直播或分享链接进入商品，用于给创作者和分享者记功',
    classes: { user_id: 'personal', creator_id: 'personal', sharer_id: 'personal' },
    retention: RETAIN.behaviour,
    erase: DELETE,
  },
  {
    table: shareLinks,
    by: [shareLinks.sharerId, shareLinks.creatorId],
    purpose: '本人生成的分享链接',
    classes: { sharer_id: 'personal', creator_id: 'personal' },
    retention: RETAIN.behaviour,
    erase: DELETE,
  },
  {
    table: lineAttributions,
    by: [lineAttributions.userId, lineAttributions.creatorId, lineAttributions.sharerId],
    purpose: '订单行的来源归因，用于计算创作者佣金',
    classes: { user_id: 'personal', creator_id: 'personal', sharer_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
]);
