// What the moderation module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { contentReports, moderationDecisions, moderationItems } from './schema.ts';

export const moderationPersonalData = personalData('moderation', [
  {
    table: moderationItems,
    by: [moderationItems.authorId],
    purpose: '待审核的内容，依法审核',
    classes: { author_id: 'personal', text: 'personal', image_urls: 'personal' },
    retention: RETAIN.content,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: contentReports,
    by: [contentReports.reporterId],
    purpose: '本人提交的举报',
    classes: { reporter_id: 'personal', reason: 'personal', detail: 'personal' },
    retention: RETAIN.content,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: moderationDecisions,
    by: [moderationDecisions.authorId],
    purpose: '内容处置记录',
    classes: { author_id: 'personal', reason: 'personal' },
    retention: RETAIN.content,
    erase: KEEP_FOR_BOOKS,
  },
]);
