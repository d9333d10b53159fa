// What the family module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { DELETE, KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { careModePreferences, familyBindings, familyPayRequests } from './schema.ts';

export const familyPersonalData = personalData('family', [
  {
    // A binding is a relation between two people; when either leaves, it ends (open requests die with it).
    table: familyBindings,
    by: [familyBindings.childId, familyBindings.parentId],
    purpose: '亲情付绑定（子女与父母账号、每月额度与可付品类）',
    classes: { child_id: 'personal', parent_id: 'personal' },
    retention: RETAIN.account,
    erase: DELETE,
  },
  {
    table: familyPayRequests,
    by: [familyPayRequests.requesterId, familyPayRequests.payerId],
    purpose: '亲情付与代付请求（谁请谁付了哪笔订单）',
    classes: { requester_id: 'personal', payer_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: careModePreferences,
    by: [careModePreferences.userId],
    purpose: '关怀模式设置（本人或绑定的家人开启）',
    classes: { user_id: 'personal', updated_by: 'personal' },
    retention: RETAIN.preference,
    erase: DELETE,
  },
]);
