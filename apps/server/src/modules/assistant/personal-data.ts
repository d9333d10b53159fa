// What the assistant keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { DELETE, personalData } from '../../platform/privacy.ts';
import { assistantConfirmations } from './schema.ts';

export const assistantPersonalData = personalData('assistant', [
  {
    table: assistantConfirmations,
    by: [assistantConfirmations.userId],
    purpose: '客服助手：等待你确认的操作（如发起售后）',
    classes: { user_id: 'personal', action: 'personal', label: 'personal' },
    retention: '确认或过期（30 分钟）后不再使用；注销时删除',
    erase: DELETE,
  },
]);
